import Foundation

/// Renders every file that describes the portal to machines, once the exports exist (it needs
/// their sizes and checksums): DCAT-AP, Frictionless packages and CSVW, data.json, the Atom
/// feed, the sitemap, the static API's documents and OpenAPI description, and host
/// configuration.
struct MetadataRenderer {
    let catalog: Catalog
    let exports: [String: DatasetExports]
    let locale: Localization

    func render() -> [(String, Data)] {
        let urls = SiteURLs(catalog.site)
        var files: [(String, Data)] = []
        func add(_ path: String, _ json: JSONValue) { files.append((path, Data((json.serialized(pretty: true) + "\n").utf8))) }
        func add(_ path: String, _ text: String) { files.append((path, Data(text.utf8))) }

        let dcat = DCATBuilder(catalog: catalog, exports: exports, locale: locale)
        files += DCATRenderer(builder: dcat).render()

        let packages = DataPackageBuilder(catalog: catalog, exports: exports, urls: urls)
        let api = APIBuilder(catalog: catalog, exports: exports, urls: urls)
        for dataset in catalog.datasets {
            add("api/datasets/\(dataset.id).json", api.datasetDocument(dataset))
            guard dataset.publishesRecords else { continue }
            add("datasets/\(dataset.id)/schema.json", TableSchemaBuilder.schema(dataset))
            add("datasets/\(dataset.id)/datapackage.json", packages.datasetPackage(dataset))
            add("datasets/\(dataset.id)/\(dataset.id).csv-metadata.json",
                CSVWBuilder.metadata(dataset, licence: dataset.licence, publisher: catalog.site.publisher.name,
                                     language: catalog.site.language))
        }
        if catalog.datasets.contains(where: \.publishesRecords) { add("datapackage.json", packages.catalogPackage()) }
        add("api/catalog.json", api.catalogDocument())
        add("api/openapi.json", OpenAPIBuilder(catalog: catalog, urls: urls, locale: locale).document())
        add("data.json", DataJSONBuilder.catalog(catalog, exports: exports, urls: urls))
        add("feed.atom", AtomFeedBuilder.feed(catalog, urls: urls, locale: locale))
        SitemapBuilder.files(catalog, urls: urls) { add($0, $1) }
        add("robots.txt", SitemapBuilder.robots(urls: urls, indexed: !catalog.members.isRevealed))
        let basePath = URLPath.path(of: catalog.site.baseURL)
        let csp = ContentSecurityPolicy.policy(catalog)
        add("_headers", HostConfigBuilder.headers(basePath: basePath, csp: csp))
        add(".htaccess", HostConfigBuilder.htaccess(basePath: basePath, csp: csp))
        return files
    }
}
