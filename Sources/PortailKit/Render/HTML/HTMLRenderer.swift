import Foundation

/// Renders every HTML page of the portal from the catalogue and the exports' descriptions.
struct HTMLRenderer {
    let catalog: Catalog
    let theme: Theme
    /// Leaflet is in `assets/leaflet/`: datasets with geography get an interactive map.
    let mapAvailable: Bool

    /// Shares that long runs of pages (records, widgets) are split into, one per core. The
    /// output does not depend on it: pages are sorted by path at the end.
    static let parts = max(1, min(8, ProcessInfo.processInfo.activeProcessorCount))

    /// Every page as (output path, HTML), rendered concurrently and returned sorted by path.
    func render(exports: [String: DatasetExports]) async throws -> [(String, Data)] {
        let locale = theme.localization
        let catalog = self.catalog
        let theme = self.theme
        let mapAvailable = self.mapAvailable
        let schema = SchemaOrgBuilder(catalog: catalog, exports: exports, locale: locale, urls: SiteURLs(catalog.site))
        return try await withThrowingTaskGroup(of: [(String, Data)].self) { group in
            if let agenda = catalog.agenda {
                let renderer = AgendaRenderer(catalog: catalog, agenda: agenda, theme: theme)
                group.addTask { try renderer.pages() }
                group.addTask { try renderer.eventPages() }
                for part in 0..<Self.parts { group.addTask { try renderer.widgets(part: part, of: Self.parts) } }
                group.addTask { renderer.feeds() }
            }
            for dataset in catalog.datasets where dataset.hasRecordPages {
                for part in 0..<Self.parts {
                    group.addTask { try RecordPagesRenderer(dataset: dataset, catalog: catalog, theme: theme).pages(part: part, of: Self.parts) }
                }
            }
            group.addTask {
                [("index.html", Data(try theme.render(CatalogPageModel(catalog: catalog, locale: locale, schema: schema), template: "index").utf8))]
            }
            group.addTask {
                [("404.html", Data(try theme.render(NotFoundPageModel(catalog: catalog, locale: locale), template: "404").utf8))]
            }
            for dataset in catalog.datasets {
                group.addTask {
                    let model = DatasetPageModel(dataset: dataset, exports: exports[dataset.id] ?? .none, catalog: catalog,
                                                 locale: locale, schema: schema, mapAvailable: mapAvailable)
                    return [("datasets/\(dataset.id)/index.html", Data(try theme.render(model, template: "dataset").utf8))]
                }
                guard dataset.publishesRecords, let datasetExports = exports[dataset.id] else { continue }
                // Embeddable views: the table always, the map and the chart when the dataset has them.
                var views = ["table"]
                if dataset.geometry != nil && mapAvailable { views.append("map") }
                if datasetExports.chart != nil { views.append("chart") }
                for view in views {
                    group.addTask {
                        let model = EmbedPageModel(dataset: dataset, view: view, exports: datasetExports, catalog: catalog,
                                                   locale: locale, mapAvailable: mapAvailable)
                        return [("embed/\(dataset.id)/\(view).html", Data(try theme.render(model, template: "embed").utf8))]
                    }
                }
                if let chart = datasetExports.chart {
                    group.addTask {
                        let svg = ChartSVG(data: chart, fields: dataset.fields, locale: locale, id: "graphique").render()
                        return [("datasets/\(dataset.id)/chart.svg", Data(("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n" + svg).utf8))]
                    }
                }
            }
            if let edition = catalog.members.edition {
                group.addTask {
                    let model = MembersPageModel(edition: edition, catalog: catalog, locale: locale)
                    return [("members/index.html", Data(try theme.render(model, template: "members").utf8))]
                }
            }
            for page in catalog.pages {
                group.addTask {
                    let model = MarkdownPageModel(page: page, catalog: catalog, locale: locale)
                    return [("pages/\(page.slug).html", Data(try theme.render(model, template: "page").utf8))]
                }
            }
            var pages: [(String, Data)] = []
            for try await files in group { pages.append(contentsOf: files) }
            return pages.sorted { $0.0 < $1.0 }
        }
    }
}
