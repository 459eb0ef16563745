/// The download formats of a dataset, described as data (like Hugo's output formats) so that
/// pages, the DCAT catalogue, the data package and the API list them from one table.
public struct ExportFormat: Sendable, Hashable, Codable {
    /// Stable id, also the file extension.
    public let id: String
    public let mediaType: String
    /// The EU File Type authority code (DCAT-AP `dct:format`).
    public let euFileType: String
    /// Key of the format's description in the translation file.
    public let descriptionKey: String

    public static let csv = ExportFormat(id: "csv", mediaType: "text/csv", euFileType: "CSV", descriptionKey: "export_csv")
    public static let json = ExportFormat(id: "json", mediaType: "application/json", euFileType: "JSON", descriptionKey: "export_json")
    public static let geojson = ExportFormat(id: "geojson", mediaType: "application/geo+json", euFileType: "GEOJSON", descriptionKey: "export_geojson")
    public static let xlsx = ExportFormat(id: "xlsx", mediaType: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                                          euFileType: "XLSX", descriptionKey: "export_xlsx")
    public static let ods = ExportFormat(id: "ods", mediaType: "application/vnd.oasis.opendocument.spreadsheet",
                                         euFileType: "ODS", descriptionKey: "export_ods")

    /// Every export, in the order pages list them.
    public static let all: [ExportFormat] = [.csv, .xlsx, .ods, .json, .geojson]

    /// The exports of a dataset: all but GeoJSON, which needs geography.
    public static func formats(for dataset: Dataset) -> [ExportFormat] {
        all.filter { $0 != .geojson || dataset.geometry != nil }
    }

    /// `datasets/<id>/<id>.<ext>`: a public URL that embeds and harvesters rely on.
    public func path(for dataset: Dataset) -> String {
        "datasets/\(dataset.id)/\(dataset.id).\(id)"
    }

    public var label: String { self == .geojson ? "GeoJSON" : id.uppercased() }

    public var euFileTypeURI: String { "http://publications.europa.eu/resource/authority/file-type/\(euFileType)" }
    public var mediaTypeURI: String { "https://www.iana.org/assignments/media-types/\(mediaType)" }
}
