/// What the encrypted members' edition holds, for the pages that open it: per dataset with
/// restricted data, its sealed exports, and either its sealed table (a members-only dataset)
/// or the sealed side file of its members-only columns (a public dataset).
public struct MembersEdition: Sendable {
    public struct Entry: Sendable {
        public let dataset: Dataset
        /// The exports with every field, as if public; paths are the logical ones
        /// (`datasets/<id>/<id>.csv`), published sealed under `members/`.
        public let exports: DatasetExports
        /// For a public dataset: the members-only fields, whose values are in the side file.
        public let sideFields: [Field]
    }

    /// Sorted by dataset id.
    public let entries: [Entry]

    public func entry(_ id: String) -> Entry? { entries.first { $0.dataset.id == id } }

    /// `members/params.json`: what a browser needs to derive the key from the passphrase.
    static let paramsPath = "members/params.json"
    /// The manifest, sealed: opening it is how a browser knows the passphrase is right.
    static let manifestPath = "manifest.json"

    /// The side file of a dataset's members-only columns (logical path).
    static func sideFilePath(_ id: String) -> String { "datasets/\(id)/members-fields.json" }
}
