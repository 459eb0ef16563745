/// Frictionless Data Packages: `datasets/<id>/datapackage.json` for each public dataset, and
/// a catalogue-level `datapackage.json` listing every public resource.
struct DataPackageBuilder {
    let catalog: Catalog
    let exports: [String: DatasetExports]
    let urls: SiteURLs

    func datasetPackage(_ dataset: Dataset) -> JSONValue {
        package(name: dataset.id, title: dataset.title, description: dataset.description,
                homepage: urls.datasetPage(dataset), licence: dataset.licence, keywords: dataset.keywords,
                resources: [resource(dataset, folder: "")], sources: dataset.attribution.map { [$0] } ?? [],
                modified: dataset.modified)
    }

    func catalogPackage() -> JSONValue {
        let published = catalog.datasets.filter(\.publishesRecords)
        return package(name: Identifier.slug(from: catalog.site.title).isEmpty ? "portail" : Identifier.slug(from: catalog.site.title),
                       title: catalog.site.title, description: catalog.site.description, homepage: urls.base,
                       licence: catalog.site.licence, keywords: [], resources: published.map { resource($0, folder: "datasets/\($0.id)/") },
                       sources: [], modified: published.map(\.modified).max())
    }

    private func package(name: String, title: String, description: String, homepage: String, licence: Licence,
                         keywords: [String], resources: [JSONValue], sources: [String], modified: Day?) -> JSONValue {
        var members: [(String, JSONValue)] = [
            ("profile", .string("tabular-data-package")),
            ("name", .string(name)),
            ("title", .string(title)),
        ]
        if !description.isEmpty { members.append(("description", .string(description))) }
        members.append(("homepage", .string(homepage)))
        if let modified { members.append(("version", .string(modified.description))) }
        if !keywords.isEmpty { members.append(("keywords", .array(keywords.map(JSONValue.string)))) }
        members.append(("licenses", .array([licenceJSON(licence)])))
        var contributor: [(String, JSONValue)] = [("title", .string(catalog.site.publisher.name)), ("role", .string("publisher"))]
        if let email = catalog.site.publisher.email { contributor.append(("email", .string(email))) }
        if let url = catalog.site.publisher.url { contributor.append(("path", .string(url))) }
        members.append(("contributors", .array([.object(contributor)])))
        if !sources.isEmpty { members.append(("sources", .array(sources.map { .object([("title", .string($0))]) }))) }
        members.append(("resources", .array(resources)))
        return .object(members)
    }

    private func resource(_ dataset: Dataset, folder: String) -> JSONValue {
        let file = exports[dataset.id]?.files.first { $0.format == .csv }
        var members: [(String, JSONValue)] = [
            ("profile", .string("tabular-data-resource")),
            ("name", .string(dataset.id)),
            ("path", .string(folder + "\(dataset.id).csv")),
            ("title", .string(dataset.title)),
            ("format", .string("csv")),
            ("mediatype", .string("text/csv")),
            ("encoding", .string("utf-8")),
        ]
        if let file {
            members.append(("bytes", .int(file.byteSize)))
            members.append(("hash", .string("sha256:" + file.sha256)))
        }
        members.append(("dialect", .object([("delimiter", .string(";")), ("header", .bool(true))])))
        members.append(("schema", .string(folder + "schema.json")))
        members.append(("licenses", .array([licenceJSON(dataset.licence)])))
        return .object(members)
    }

    private func licenceJSON(_ licence: Licence) -> JSONValue {
        .object([("name", .string(licence.id)), ("path", .string(licence.url)), ("title", .string(licence.title))])
    }
}
