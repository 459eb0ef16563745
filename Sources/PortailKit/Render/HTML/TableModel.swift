/// The table view of a dataset page: the first rows rendered on the server, and the
/// configuration table.js needs to load the rest progressively.
struct TableModel {
    struct Column {
        let index: Int
        let title: String
        let numeric: Bool
    }

    struct Cell {
        let text: String
        let numeric: Bool
    }

    struct Row {
        let cells: [Cell]
    }

    let t: [String: String]
    let caption: String
    let status: String
    let fullTableNote: String
    let columns: [Column]
    let rows: [Row]
    /// JSON for table.js, embedded in a `<script type="application/json">`.
    let config: String

    init(dataset: Dataset, exports: DatasetExports, locale: Localization) {
        let format = DisplayFormat(locale)
        let fields = dataset.publicFields
        t = locale.strings
        caption = locale.format("table_caption", ["title": dataset.title])
        status = locale.format("table_preview_status", [
            "shown": format.integer(exports.preview.count), "total": format.integer(dataset.rowCount),
        ])
        fullTableNote = locale["table_full_note"]
        columns = fields.enumerated().map { Column(index: $0, title: $1.title, numeric: $1.type.isNumeric) }
        rows = exports.preview.map { values in
            Row(cells: values.enumerated().map { Cell(text: format.value($1), numeric: fields[$0].type.isNumeric) })
        }
        let csvName = "\(dataset.id)-selection.csv"
        config = JSONValue.object([
            ("columns", .array(fields.map { field in
                .object([("name", .string(field.name)), ("title", .string(field.title)), ("type", .string(field.type.rawValue)),
                         ("geoOrder", .string(field.parser.geoOrder == .latLon ? "latlon" : "lonlat"))])
            })),
            ("rowCount", .int(dataset.rowCount)),
            ("chunks", .array((0..<exports.chunkCount).map { .string("table/\($0).json") })),
            ("pageSize", .int(DatasetExporter.previewRows)),
            ("csvName", .string(csvName)),
            ("locale", LocaleConfig.json(locale)),
            ("strings", LocaleConfig.strings(locale, [
                "yes", "no", "coordinate_separator", "table_loading", "table_status", "table_status_filtered",
                "table_status_empty", "table_page_position", "table_sort_by", "table_filter_column",
                "table_filter_hint_numeric", "table_load_error",
            ])),
        ]).serialized()
    }
}
