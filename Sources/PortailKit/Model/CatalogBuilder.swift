import Foundation

/// The Model stage: assembles validated content and table counts into the immutable
/// ``Catalog``, computing derived data once (summaries, order).
enum CatalogBuilder {
    static func build(_ content: ValidatedContent, tables: [String: TableRules.Outcome], buildDate: Day) -> Catalog {
        let datasets = content.datasets.map { d in
            var dataset = Dataset(id: d.id, title: d.title, description: d.description, summary: summary(of: d.description),
                    keywords: d.keywords, themes: d.themes, euThemes: d.euThemes, licence: d.licence, access: d.access,
                    frequency: d.frequency, issued: d.issued, modified: d.modified, attribution: d.attribution,
                    spatial: d.spatial, temporal: d.temporal, contact: d.contact,
                    extent: d.access == .public ? tables[d.id]?.extent : nil,
                    key: d.key, fields: d.fields, table: d.table, rowCount: tables[d.id]?.rowCount ?? 0, origin: d.origin)
            dataset.geometry = d.views.geometry
            dataset.popupFields = d.views.popupFields
            dataset.chart = d.views.chart
            dataset.facets = d.views.facets
            dataset.recordTitle = d.views.recordTitle
            dataset.agenda = d.views.agenda
            dataset.place = d.views.place
            dataset.recordKeys = d.access == .public ? tables[d.id]?.recordKeys ?? [] : []
            return dataset
        }
        .sorted { (sortKey($0.title), $0.id) < (sortKey($1.title), $1.id) }
        let pages = content.pages.sorted { ($0.menuOrder ?? Int.max, $0.slug) < ($1.menuOrder ?? Int.max, $1.slug) }
        var agenda: Agenda?
        if let events = content.datasets.first(where: { $0.views.agenda != nil }), let roles = events.views.agenda {
            // Public agendas only: a members-only agenda publishes no event.
            let table = events.access == .public ? tables[events.id] : nil
            let published = EventList(table?.events ?? EventTable())
            agenda = Agenda(datasetID: events.id, title: events.title, summary: summary(of: events.description),
                            introduction: summary(of: events.description, limit: .max),
                            venuesDatasetID: roles.venuesDataset,
                            events: published,
                            venues: tables[roles.venuesDataset]?.venues ?? VenueTable(), today: buildDate)
        }
        var catalog = Catalog(site: content.site, datasets: datasets, pages: pages, buildDate: buildDate, agenda: agenda)
        catalog.contributionEndpoint = content.contributionEndpoint
        return catalog
    }

    /// Titles sort as a French reader expects: accents and case do not count.
    static func sortKey(_ title: String) -> String {
        title.folding(options: [.diacriticInsensitive, .caseInsensitive], locale: nil)
    }

    /// The first paragraph of a Markdown description as plain text, cut at a word near 240
    /// characters.
    static func summary(of markdown: String, limit: Int = 240) -> String {
        let text = Markdown.plainText(markdown)
        let paragraph = text.components(separatedBy: "\n\n").first { !$0.trimmingWhitespaceAndNewlines().isEmpty } ?? ""
        let flat = paragraph.split(whereSeparator: \.isNewline).joined(separator: " ")
            .trimmingWhitespace()
        guard flat.count > limit else { return flat }
        var cut = String(flat.prefix(limit))
        if let space = cut.lastIndex(of: " ") { cut = String(cut[..<space]) }
        return cut.trimmingCharacters(in: CharacterSet(charactersIn: " ,;:.")) + "…"
    }
}
