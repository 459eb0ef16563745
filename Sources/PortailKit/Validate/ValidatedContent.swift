/// The output of the Validate stage: content whose every value has been checked and resolved
/// to its model type. Only the row counts and derived data are left to the Model stage.
struct ValidatedContent: Sendable {
    var site: Site
    /// The portal's own theme words (folded) → EU themes, from `site.yaml`.
    let themeWords: [String: EUTheme]
    var datasets: [ResolvedDataset]
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
    var access: Access
    let frequency: Frequency?
    let issued: Day?
    let modified: Day
    let attribution: String?
    let spatial: [SpatialCoverage]
    let temporal: TemporalCoverage?
    let contact: Contact?
    let key: String?
    var fields: [Field]
    let table: TableSource?
    let origin: SourceLocation
    let views: ViewRules.Views
}

extension ValidatedContent {
    /// Every dataset and field made public: the content of the separate members' tree.
    func revealed() -> ValidatedContent {
        var copy = self
        if let members = site.members.baseURL { copy.site.baseURL = members }
        for i in copy.datasets.indices {
            copy.datasets[i].access = .public
            copy.datasets[i].fields = copy.datasets[i].fields.map { $0.revealed() }
        }
        return copy
    }
}
