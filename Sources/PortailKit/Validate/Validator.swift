/// The Validate stage: checks what the loader read and resolves it to model types.
///
/// Metadata rules run first (they are cheap and tell whether a table can be read at all);
/// then every data file is read once, concurrently, by ``TableRules``.
enum Validator {
    static func validateMetadata(_ raw: RawContent, languages: [String], baseURLOverride: String?,
                                 buildDate: Day, into diagnostics: inout [Diagnostic]) -> ValidatedContent? {
        guard let siteSpec = raw.site,
              let site = SiteRules.resolve(siteSpec, baseURLOverride: baseURLOverride, languages: languages, into: &diagnostics)
        else {
            // Datasets inherit the site's licence and time zone: check their own keys anyway,
            // against defaults, so that one run still lists their problems.
            let fallback = Site(title: "", description: "", baseURL: "https://example.org/", language: "fr",
                                publisher: Publisher(name: "", url: nil, email: nil, type: nil), licence: Licence.known[0],
                                timeZone: .init(identifier: "Europe/Paris")!, spatial: [])
            let words = ThemeRules.words(raw.site?.themes ?? [], into: &diagnostics)
            for spec in raw.datasets {
                _ = DatasetRules.resolve(spec, site: fallback, themeWords: words, buildDate: buildDate, into: &diagnostics)
            }
            for spec in raw.pages { _ = PageRules.resolve(spec, into: &diagnostics) }
            return nil
        }
        let words = ThemeRules.words(siteSpec.themes, into: &diagnostics)
        let datasets = raw.datasets.compactMap {
            DatasetRules.resolve($0, site: site, themeWords: words, buildDate: buildDate, into: &diagnostics)
        }
        let pages = raw.pages.compactMap { PageRules.resolve($0, into: &diagnostics) }
        // Datasets that failed are left out, and the others go on to have their data files
        // checked: one broken dataset.yaml does not hide the errors of the rest.
        guard AgendaRules.crossCheck(datasets, specs: raw.datasets, folders: raw.datasetFolders, into: &diagnostics) else { return nil }
        if let endpoint = siteSpec.contributionEndpoint, !URLRules.isHTTP(endpoint.value) || !endpoint.value.hasPrefix("https://") {
            diagnostics.append(endpoint.diagnostic(.invalidURL, "agenda.contribution_endpoint must be an https URL"))
            return nil
        }
        return ValidatedContent(site: site, themeWords: words, datasets: datasets, pages: pages,
                                contributionEndpoint: siteSpec.contributionEndpoint?.value)
    }
}
