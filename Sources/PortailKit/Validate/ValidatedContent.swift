/// The output of the Validate stage: content whose every value has been checked and resolved
/// to its model type. Only the row counts and derived data are left to the Model stage.
struct ValidatedContent: Sendable {
    let site: Site
    /// The portal's own theme words (folded) → EU themes, from `site.yaml`.
    let themeWords: [String: EUTheme]
    let datasets: [ResolvedDataset]
    let pages: [Page]
    let contributionEndpoint: String?
}

/// A dataset whose metadata and fields are checked; its table is checked by ``TableRules``.
struct ResolvedDataset: Sendable {
    let id: String
    let title: String
    let description: String
    let keywords: [String]
    let themes: [String]
    let euThemes: [EUTheme]
    let licence: Licence
    let access: Access
    let frequency: Frequency?
    let issued: Day?
    let modified: Day
    let attribution: String?
    let spatial: [SpatialCoverage]
    let temporal: TemporalCoverage?
    let contact: Contact?
    let key: String?
    let fields: [Field]
    let table: TableSource?
    let origin: SourceLocation
    let views: ViewRules.Views
}
