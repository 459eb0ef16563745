/// The download formats of a dataset, described as data (like Hugo's output formats) so that
/// pages, the DCAT catalogue, the data package and the API list them from one table.
public struct ExportFormat: Sendable, Hashable {
    /// Stable id, also the file extension.
    public let id: String
    public let mediaType: String
    /// The EU File Type authority code (DCAT-AP `dct:format`).
    public let euFileType: String
    /// Key of the format's description in the translation file.
    public let descriptionKey: String

    public static let csv = ExportFormat(id: "csv", mediaType: "text/csv", euFileType: "CSV", descriptionKey: "export_csv")
    public static let json = ExportFormat(id: "json", mediaType: "application/json", euFileType: "JSON", descriptionKey: "export_json")

    /// Every export, in the order pages list them.
    public static let all: [ExportFormat] = [.csv, .json]

    /// `datasets/<id>/<id>.<ext>`: a public URL that embeds and harvesters rely on.
    public func path(for dataset: Dataset) -> String {
        "datasets/\(dataset.id)/\(dataset.id).\(id)"
    }

    public var label: String { id.uppercased() }

    public var euFileTypeURI: String { "http://publications.europa.eu/resource/authority/file-type/\(euFileType)" }
    public var mediaTypeURI: String { "https://www.iana.org/assignments/media-types/\(mediaType)" }
}
