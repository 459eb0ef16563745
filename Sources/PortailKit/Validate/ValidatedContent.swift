/// The output of the Validate stage: content whose every value has been checked and resolved
/// to its model type. Only the row counts and derived data are left to the Model stage.
struct ValidatedContent: Sendable {
    let site: Site
    let datasets: [ResolvedDataset]
    let pages: [Page]
}

/// A dataset whose metadata and fields are checked; its table is checked by ``TableRules``.
struct ResolvedDataset: Sendable {
    let id: String
    let title: String
    let description: String
    let keywords: [String]
    let themes: [String]
    let licence: Licence
    let access: Access
    let frequency: Frequency?
    let issued: Day?
    let modified: Day
    let attribution: String?
    let key: String?
    let fields: [Field]
    let table: TableSource?
    let origin: SourceLocation
}
