/// Everything the Load stage read from the content folder, as written.
struct RawContent: Sendable {
    var site: SiteSpec?
    var datasets: [DatasetSpec]
    var pages: [PageSpec]
}
