/// Everything the Load stage read from the content folder, as written.
struct RawContent: Sendable {
    var site: SiteSpec?
    var datasets: [DatasetSpec]
    var pages: [PageSpec]
    /// Every dataset folder, those whose dataset.yaml could not be read included: a reference
    /// to one of these is not a reference to nothing.
    var datasetFolders: Set<String> = []
}
