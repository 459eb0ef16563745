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

    /// - Parameter dataPrefix: path from the page to the dataset's folder (`""` on the dataset
    ///   page, `../../datasets/<id>/` in an embed).
    init(dataset: Dataset, exports: DatasetExports, locale: Localization, dataPrefix: String = "", site: Site? = nil) {
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
        let publicIndexes = dataset.publicFieldIndexes
        func column(_ fieldIndex: Int) -> JSONValue { publicIndexes.firstIndex(of: fieldIndex).map(JSONValue.int) ?? .null }
        var geometry: JSONValue = .null
        switch dataset.geometry {
        case .point(let f)?: geometry = .object([("kind", .string("point")), ("column", column(f))])
        case .latitudeLongitude(let lat, let lon)?:
            geometry = .object([("kind", .string("latlon")), ("latitude", column(lat)), ("longitude", column(lon))])
        case nil: break
        }
        config = JSONValue.object([
            ("dataset", .string(dataset.id)),
            ("columns", .array(fields.map(Self.column))),
            ("rowCount", .int(dataset.rowCount)),
            ("chunks", .array((0..<exports.chunkCount).map { .string(dataPrefix + "table/\($0).json") })),
            ("pageSize", .int(DatasetExporter.previewRows)),
            ("csvName", .string(csvName)),
            ("geojsonName", .string("\(dataset.id)-selection.geojson")),
            ("key", dataset.key.flatMap { key in dataset.fields.firstIndex { $0.name == key } }.map(column) ?? .null),
            ("facets", .array(dataset.facets.map(column))),
            ("geometry", geometry),
            ("locale", LocaleConfig.json(locale)),
            ("strings", LocaleConfig.strings(locale, [
                "yes", "no", "coordinate_separator", "table_loading", "table_status", "table_status_filtered",
                "table_status_empty", "table_page_position", "table_sort_by", "table_filter_column",
                "table_filter_hint_numeric", "table_load_error", "table_facets", "embed_copied", "embed_copy",
                "map_points", "map_no_points", "map_zoom_in", "map_zoom_out",
            ])),
        ]).serialized()
    }

    /// How table.js reads a column's values.
    static func column(_ field: Field) -> JSONValue {
        var members: [(String, JSONValue)] = [
            ("name", .string(field.name)), ("title", .string(field.title)),
            ("type", .string(field.separator == nil ? field.type.rawValue : "list")),
            ("geoOrder", .string(field.parser.geoOrder == .latLon ? "latlon" : "lonlat")),
        ]
        if let separator = field.separator { members.append(("separator", .string(separator))) }
        return .object(members)
    }
}
