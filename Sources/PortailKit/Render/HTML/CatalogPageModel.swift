import Foundation

/// View model of `index.html`: the home page and the searchable catalogue.
struct CatalogPageModel {
    struct Card {
        let id: String
        let title: String
        let href: String
        let summary: String
        let keywords: [String]
        let hasKeywords: Bool
        let accessLabel: String
        let accessClass: String
        let recordsLabel: String?
        let modifiedLabel: String
        let modifiedISO: String
    }

    struct Facet {
        struct Option {
            let facet: String
            let value: String
            let label: String
            let count: String
            let inputID: String
        }
        let legend: String
        let options: [Option]
    }

    let chrome: Chrome
    let t: [String: String]
    let heading: String
    let descriptionHTML: String
    let countLabel: String
    let facets: [Facet]
    let datasets: [Card]
    /// JSON for catalogue.js: the search index (accent-folded text and facet values).
    let scriptConfig: String
    /// schema.org `DataCatalog`.
    let jsonLD: String

    init(catalog: Catalog, locale: Localization, schema: SchemaOrgBuilder) {
        let format = DisplayFormat(locale)
        chrome = Chrome(catalog: catalog, locale: locale, path: "index.html", title: nil,
                        description: CatalogBuilder.summary(of: catalog.site.description), currentMenu: "",
                        alternates: Chrome.dcat("catalog", locale) + [
                            Chrome.feed(locale),
                            Chrome.Alternate(type: "application/json", href: "data.json", title: locale["alternate_data_json"]),
                        ])
        jsonLD = schema.catalogJSON().serialized()
        t = locale.strings
        heading = catalog.site.title
        descriptionHTML = chrome.markdown(catalog.site.description, topHeading: 2)
        countLabel = locale.plural("datasets", catalog.datasets.count)
        datasets = catalog.datasets.map { dataset in
            Card(id: dataset.id, title: dataset.title, href: "datasets/\(dataset.id)/", summary: dataset.summary,
                 keywords: dataset.keywords, hasKeywords: !dataset.keywords.isEmpty,
                 accessLabel: locale["access_\(dataset.access.rawValue)"], accessClass: dataset.access.rawValue,
                 recordsLabel: dataset.publishesRecords ? locale.plural("records", dataset.rowCount) : nil,
                 modifiedLabel: format.date(dataset.modified), modifiedISO: dataset.modified.description)
        }
        let themes = Self.facet("themes", locale["facet_themes"], catalog.datasets.map(\.themes), format)
        let keywords = Self.facet("keywords", locale["facet_keywords"], catalog.datasets.map(\.keywords), format)
        let access = Self.facet("access", locale["facet_access"], catalog.datasets.map { [$0.access.rawValue] }, format) {
            locale["access_\($0)"]
        }
        facets = [themes, keywords, access].filter { !$0.options.isEmpty }

        let index: [JSONValue] = catalog.datasets.map { dataset in
            .object([
                ("id", .string(dataset.id)),
                ("search", .string(Self.searchText(dataset, locale: locale))),
                ("themes", .array(dataset.themes.map(JSONValue.string))),
                ("keywords", .array(dataset.keywords.map(JSONValue.string))),
                ("access", .array([.string(dataset.access.rawValue)])),
            ])
        }
        scriptConfig = JSONValue.object([
            ("locale", LocaleConfig.json(locale)),
            ("strings", LocaleConfig.strings(locale, ["datasets_shown_one", "datasets_shown_other", "datasets_one", "datasets_other"])),
            ("datasets", .array(index)),
        ]).serialized()
    }

    /// Values of one facet with their counts, sorted as a French reader expects.
    static func facet(_ name: String, _ legend: String, _ values: [[String]], _ format: DisplayFormat,
                      label: (String) -> String = { $0 }) -> Facet {
        var counts: [String: Int] = [:]
        for list in values { for value in Set(list) { counts[value, default: 0] += 1 } }
        let sorted = counts.keys.sorted { (CatalogBuilder.sortKey($0), $0) < (CatalogBuilder.sortKey($1), $1) }
        return Facet(legend: legend, options: sorted.enumerated().map { i, value in
            .init(facet: name, value: value, label: label(value), count: format.integer(counts[value]!),
                  inputID: "facette-\(name)-\(i)")
        })
    }

    /// What the search box matches: title, summary, keywords, themes and id, lower-cased and
    /// without accents, so that "cinema" finds "Cinémas". The script folds the query the same way.
    static func searchText(_ dataset: Dataset, locale: Localization) -> String {
        let text = ([dataset.title, dataset.summary, dataset.id] + dataset.keywords + dataset.themes
                    + dataset.fields.filter { $0.access == .public }.map(\.title)).joined(separator: " ")
        return fold(text)
    }

    static func fold(_ text: String) -> String {
        text.folding(options: [.diacriticInsensitive, .caseInsensitive, .widthInsensitive], locale: nil)
            .lowercased()
            .replacingOccurrences(of: "œ", with: "oe")
            .replacingOccurrences(of: "æ", with: "ae")
    }
}
