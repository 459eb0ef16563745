/// The static JSON API's documents: `api/catalog.json` and `api/datasets/<id>.json`. Record
/// pages are written during the export pass by ``RecordsPageSink``. Links are absolute, since
/// API documents are read outside the site.
struct APIBuilder {
    let catalog: Catalog
    let exports: [String: DatasetExports]
    let urls: SiteURLs

    func catalogDocument() -> JSONValue {
        let site = catalog.site
        var publisher: [(String, JSONValue)] = [("name", .string(site.publisher.name))]
        if let url = site.publisher.url { publisher.append(("url", .string(url))) }
        if let email = site.publisher.email { publisher.append(("email", .string(email))) }
        return .object([
            ("title", .string(site.title)),
            ("description", .string(site.description)),
            ("language", .string(site.language)),
            ("publisher", .object(publisher)),
            ("licence", licence(site.licence)),
            ("total_count", .int(catalog.datasets.count)),
            ("datasets", .array(catalog.datasets.map { d in
                var members: [(String, JSONValue)] = [
                    ("id", .string(d.id)),
                    ("title", .string(d.title)),
                    ("summary", .string(d.summary)),
                    ("access", .string(d.access.rawValue)),
                    ("modified", .string(d.modified.description)),
                    ("keywords", .array(d.keywords.map(JSONValue.string))),
                    ("themes", .array(d.themes.map(JSONValue.string))),
                ]
                if d.publishesRecords { members.append(("records_count", .int(d.rowCount))) }
                members.append(("links", .object([
                    ("self", .string(urls.apiDataset(d))),
                    ("html", .string(urls.datasetPage(d))),
                ])))
                return .object(members)
            })),
            ("links", .object([
                ("self", .string(urls.absolute("api/catalog.json"))),
                ("openapi", .string(urls.absolute("api/openapi.json"))),
                ("html", .string(urls.base)),
                ("dcat", .string(urls.absolute("catalog.ttl"))),
                ("datapackage", .string(urls.absolute("datapackage.json"))),
            ])),
        ])
    }

    func datasetDocument(_ d: Dataset) -> JSONValue {
        var members: [(String, JSONValue)] = [
            ("id", .string(d.id)),
            ("title", .string(d.title)),
            ("description", .string(d.description)),
            ("summary", .string(d.summary)),
            ("keywords", .array(d.keywords.map(JSONValue.string))),
            ("themes", .array(d.themes.map(JSONValue.string))),
            ("eu_themes", .array(d.euThemes.map { .string($0.uri) })),
            ("licence", licence(d.licence)),
            ("access", .string(d.access.rawValue)),
            ("frequency", d.frequency.map { .string($0.rawValue) } ?? .null),
            ("issued", d.issued.map { .string($0.description) } ?? .null),
            ("modified", .string(d.modified.description)),
            ("attribution", d.attribution.map(JSONValue.string) ?? .null),
            ("spatial", .array(d.spatial.map { .string($0.uri) })),
            ("temporal", d.temporal.map { .object([("start", .string($0.start.description)), ("end", .string($0.end.description))]) } ?? .null),
            ("extent", d.extent.map { .array([.double($0.minLongitude), .double($0.minLatitude), .double($0.maxLongitude), .double($0.maxLatitude)]) } ?? .null),
            ("contact", d.contact.map { .object([("name", .string($0.name)), ("email", .string($0.email))]) } ?? .null),
            ("key", d.key.map(JSONValue.string) ?? .null),
        ]
        if d.publishesRecords { members.append(("records_count", .int(d.rowCount))) }
        // The dictionary of the dataset page: every field of a members-only dataset (its
        // dictionary is public), only the public fields of a public one (members-only fields
        // are named in no public file).
        members.append(("fields", .array(DatasetPageModel.dictionaryFields(d).map { f in
            var field: [(String, JSONValue)] = [
                ("name", .string(f.name)), ("title", .string(f.title)), ("type", .string(f.type.rawValue)),
                ("description", f.description.map(JSONValue.string) ?? .null),
                ("required", .bool(f.required)), ("access", .string(f.access == .public && d.access == .public ? "public" : "members")),
            ]
            if let format = f.format { field.append(("format", .string(format))) }
            return .object(field)
        })))
        let files = d.publishesRecords ? exports[d.id]?.files ?? [] : []
        members.append(("exports", .array(files.map { file in
            .object([
                ("format", .string(file.format.id)), ("url", .string(urls.absolute(file.path))),
                ("media_type", .string(file.format.mediaType)), ("bytes", .int(file.byteSize)), ("sha256", .string(file.sha256)),
            ])
        })))
        var links: [(String, JSONValue)] = [
            ("self", .string(urls.apiDataset(d))),
            ("html", .string(urls.datasetPage(d))),
            ("dcat", .string(urls.absolute("datasets/\(d.id)/dataset.ttl"))),
        ]
        if d.publishesRecords {
            links.append(("records", .string(urls.apiRecords(d, page: 1))))
            links.append(("datapackage", .string(urls.absolute("datasets/\(d.id)/datapackage.json"))))
            links.append(("schema", .string(urls.absolute("datasets/\(d.id)/schema.json"))))
        }
        links.append(("catalog", .string(urls.absolute("api/catalog.json"))))
        members.append(("links", .object(links)))
        return .object(members)
    }

    private func licence(_ licence: Licence) -> JSONValue {
        .object([("id", .string(licence.id)), ("title", .string(licence.title)), ("url", .string(licence.url))])
    }
}
