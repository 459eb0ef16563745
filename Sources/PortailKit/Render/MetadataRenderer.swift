import Foundation

/// Renders every file that describes the portal to machines, once the exports exist (it needs
/// their sizes and checksums): DCAT-AP, Frictionless packages and CSVW, data.json, the Atom
/// feed, `robots.txt`, the static API's documents and OpenAPI description, and host
/// configuration. The sitemap, which depends on less, is a unit of its own (``Pipeline``).
struct MetadataRenderer {
    let catalog: Catalog
    let exports: [String: DatasetExports]
    let locale: Localization

    /// Writes every file to `destination` as soon as it is made (sitemaps of hundreds of
    /// thousands of pages are big); returns how many.
    func render(to destination: any OutputDestination) throws -> Int {
        let urls = SiteURLs(catalog.site)
        var count = 0
        func add(_ path: String, _ data: Data) throws {
            try destination.write(path, data)
            count += 1
        }
        func add(_ path: String, _ json: JSONValue) throws { try add(path, Data((json.serialized(pretty: true) + "\n").utf8)) }
        func add(_ path: String, _ text: String) throws { try add(path, Data(text.utf8)) }

        let dcat = DCATBuilder(catalog: catalog, exports: exports, locale: locale)
        for (path, data) in DCATRenderer(builder: dcat).render() { try add(path, data) }

        let packages = DataPackageBuilder(catalog: catalog, exports: exports, urls: urls)
        let api = APIBuilder(catalog: catalog, exports: exports, urls: urls)
        for dataset in catalog.datasets {
            try add("api/datasets/\(dataset.id).json", api.datasetDocument(dataset))
            guard dataset.publishesRecords else { continue }
            try add("datasets/\(dataset.id)/schema.json", TableSchemaBuilder.schema(dataset))
            try add("datasets/\(dataset.id)/datapackage.json", packages.datasetPackage(dataset))
            try add("datasets/\(dataset.id)/\(dataset.id).csv-metadata.json",
                CSVWBuilder.metadata(dataset, licence: dataset.licence, publisher: catalog.site.publisher.name,
                                     language: catalog.site.language))
        }
        if catalog.datasets.contains(where: \.publishesRecords) { try add("datapackage.json", packages.catalogPackage()) }
        try add("api/catalog.json", api.catalogDocument())
        try add("api/openapi.json", OpenAPIBuilder(catalog: catalog, urls: urls, locale: locale).document())
        try add("data.json", DataJSONBuilder.catalog(catalog, exports: exports, urls: urls))
        try add("feed.atom", AtomFeedBuilder.feed(catalog, urls: urls, locale: locale))
        try add("robots.txt", SitemapBuilder.robots(urls: urls, indexed: !catalog.members.isRevealed))
        let basePath = URLPath.path(of: catalog.site.baseURL)
        let csp = ContentSecurityPolicy.policy(catalog)
        try add("_headers", HostConfigBuilder.headers(basePath: basePath, csp: csp))
        try add(".htaccess", HostConfigBuilder.htaccess(basePath: basePath, csp: csp))
        return count
    }
}
