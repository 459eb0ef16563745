import Foundation

/// Renders every HTML page of the portal from the catalogue and the exports' descriptions.
struct HTMLRenderer {
    let catalog: Catalog
    let theme: Theme

    /// Every page as (output path, HTML), rendered concurrently and returned sorted by path.
    func render(exports: [String: DatasetExports]) async throws -> [(String, Data)] {
        let locale = theme.localization
        let catalog = self.catalog
        let theme = self.theme
        let schema = SchemaOrgBuilder(catalog: catalog, exports: exports, locale: locale, urls: SiteURLs(catalog.site))
        return try await withThrowingTaskGroup(of: (String, Data).self) { group in
            group.addTask {
                ("index.html", Data(try theme.render(CatalogPageModel(catalog: catalog, locale: locale, schema: schema), template: "index").utf8))
            }
            group.addTask {
                ("404.html", Data(try theme.render(NotFoundPageModel(catalog: catalog, locale: locale), template: "404").utf8))
            }
            for dataset in catalog.datasets {
                group.addTask {
                    let model = DatasetPageModel(dataset: dataset, exports: exports[dataset.id] ?? .none, catalog: catalog, locale: locale, schema: schema)
                    return ("datasets/\(dataset.id)/index.html", Data(try theme.render(model, template: "dataset").utf8))
                }
            }
            for page in catalog.pages {
                group.addTask {
                    let model = MarkdownPageModel(page: page, catalog: catalog, locale: locale)
                    return ("pages/\(page.slug).html", Data(try theme.render(model, template: "page").utf8))
                }
            }
            var pages: [(String, Data)] = []
            for try await page in group { pages.append(page) }
            return pages.sorted { $0.0 < $1.0 }
        }
    }
}
