/// `api/openapi.json`: an OpenAPI 3.1 description of the static API. Each dataset gets its own
/// paths, with the exact schema of its records, so that clients can be generated from it.
struct OpenAPIBuilder {
    let catalog: Catalog
    let urls: SiteURLs
    let locale: Localization

    func document() -> JSONValue {
        let site = catalog.site
        var info: [(String, JSONValue)] = [
            ("title", .string(locale.format("api_document_title", ["site": site.title]))),
            ("version", .string(catalog.datasets.map(\.modified).max()?.description ?? "1")),
            ("description", .string(locale["api_description"])),
            ("license", .object([("name", .string(site.licence.title)), ("url", .string(site.licence.url))])),
        ]
        var contact: [(String, JSONValue)] = [("name", .string(site.publisher.name))]
        if let url = site.publisher.url { contact.append(("url", .string(url))) }
        if let email = site.publisher.email { contact.append(("email", .string(email))) }
        info.append(("contact", .object(contact)))

        var paths: [(String, JSONValue)] = [
            ("/api/catalog.json", get("getCatalog", locale["api_catalog_summary"], schema: ref("Catalog"))),
        ]
        var schemas: [(String, JSONValue)] = [
            ("Catalog", catalogSchema()), ("Dataset", datasetSchema()), ("Licence", licenceSchema()),
        ]
        for d in catalog.datasets {
            let name = schemaName(d)
            paths.append(("/api/datasets/\(d.id).json", get("getDataset_\(name)", d.title, schema: ref("Dataset"))))
            guard d.publishesRecords else { continue }
            paths.append(("/api/datasets/\(d.id)/records/{page}.json", .object([
                ("get", .object([
                    ("operationId", .string("getRecords_\(name)")),
                    ("summary", .string(locale.format("api_records_summary", ["title": d.title]))),
                    ("parameters", .array([.object([
                        ("name", .string("page")), ("in", .string("path")), ("required", .bool(true)),
                        ("description", .string(locale.format("api_page_parameter", ["size": String(RecordsPageSink.pageSize)]))),
                        ("schema", .object([("type", .string("integer")), ("minimum", .int(1)),
                                            ("maximum", .int(RecordsPageSink.pageCount(rows: d.rowCount)))])),
                    ])])),
                    ("responses", responses(ref("Records_\(name)"))),
                ])),
            ])))
            schemas.append(("Records_\(name)", recordsSchema(record: ref("Record_\(name)"))))
            schemas.append(("Record_\(name)", recordSchema(d)))
        }
        let server = String(site.baseURL.dropLast())  // paths start with '/'
        return .object([
            ("openapi", .string("3.1.0")),
            ("info", .object(info)),
            ("servers", .array([.object([("url", .string(server))])])),
            ("paths", .object(paths)),
            ("components", .object([("schemas", .object(schemas))])),
        ])
    }

    /// Schema names are letters, digits and `_` only.
    private func schemaName(_ d: Dataset) -> String { d.id.replacingOccurrences(of: "-", with: "_") }

    private func ref(_ name: String) -> JSONValue { .object([("$ref", .string("#/components/schemas/\(name)"))]) }

    private func get(_ id: String, _ summary: String, schema: JSONValue) -> JSONValue {
        .object([("get", .object([("operationId", .string(id)), ("summary", .string(summary)), ("responses", responses(schema))]))])
    }

    private func responses(_ schema: JSONValue) -> JSONValue {
        .object([
            ("200", .object([
                ("description", .string("OK")),
                ("content", .object([("application/json", .object([("schema", schema)]))])),
            ])),
            ("404", .object([("description", .string("Not found"))])),
        ])
    }

    private func object(_ properties: [(String, JSONValue)], required: [String]) -> JSONValue {
        .object([("type", .string("object")), ("properties", .object(properties)),
                 ("required", .array(required.map(JSONValue.string)))])
    }

    private func type(_ name: String, nullable: Bool = false, format: String? = nil) -> JSONValue {
        var members: [(String, JSONValue)] = [("type", nullable ? .array([.string(name), .string("null")]) : .string(name))]
        if let format { members.append(("format", .string(format))) }
        return .object(members)
    }

    private func array(_ items: JSONValue) -> JSONValue { .object([("type", .string("array")), ("items", items)]) }

    private func licenceSchema() -> JSONValue {
        object([("id", type("string")), ("title", type("string")), ("url", type("string", format: "uri"))], required: ["id", "title", "url"])
    }

    private func catalogSchema() -> JSONValue {
        let entry = object([
            ("id", type("string")), ("title", type("string")), ("summary", type("string")),
            ("access", .object([("enum", .array([.string("public"), .string("members")]))])),
            ("modified", type("string", format: "date")), ("keywords", array(type("string"))), ("themes", array(type("string"))),
            ("records_count", type("integer")), ("links", .object([("type", .string("object"))])),
        ], required: ["id", "title", "access", "modified", "links"])
        return object([
            ("title", type("string")), ("description", type("string")), ("language", type("string")),
            ("publisher", .object([("type", .string("object"))])), ("licence", ref("Licence")),
            ("total_count", type("integer")), ("datasets", array(entry)), ("links", .object([("type", .string("object"))])),
        ], required: ["title", "datasets", "links"])
    }

    private func datasetSchema() -> JSONValue {
        let field = object([
            ("name", type("string")), ("title", type("string")), ("type", type("string")),
            ("description", type("string", nullable: true)), ("required", type("boolean")), ("access", type("string")),
            ("format", type("string")),
        ], required: ["name", "title", "type"])
        let export = object([
            ("format", type("string")), ("url", type("string", format: "uri")), ("media_type", type("string")),
            ("bytes", type("integer")), ("sha256", type("string")),
        ], required: ["format", "url"])
        return object([
            ("id", type("string")), ("title", type("string")), ("description", type("string")), ("summary", type("string")),
            ("keywords", array(type("string"))), ("themes", array(type("string"))), ("eu_themes", array(type("string", format: "uri"))),
            ("licence", ref("Licence")), ("access", type("string")), ("frequency", type("string", nullable: true)),
            ("issued", type("string", nullable: true, format: "date")), ("modified", type("string", format: "date")),
            ("records_count", type("integer")), ("fields", array(field)), ("exports", array(export)),
            ("links", .object([("type", .string("object"))])),
        ], required: ["id", "title", "licence", "access", "modified", "fields", "links"])
    }

    private func recordsSchema(record: JSONValue) -> JSONValue {
        object([
            ("dataset", type("string")), ("total_count", type("integer")), ("page", type("integer")),
            ("page_size", type("integer")), ("pages", type("integer")),
            ("next", type("string", nullable: true, format: "uri")), ("prev", type("string", nullable: true, format: "uri")),
            ("results", array(record)),
        ], required: ["total_count", "page", "next", "prev", "results"])
    }

    private func recordSchema(_ d: Dataset) -> JSONValue {
        let properties: [(String, JSONValue)] = d.publicFields.map { f in
            var schema: JSONValue
            let nullable = !f.required
            switch f.type {
            case .string where f.separator != nil:
                schema = .object([("type", nullable ? .array([.string("array"), .string("null")]) : .string("array")),
                                  ("items", type("string"))])
            case .string: schema = type("string", nullable: nullable)
            case .integer, .year: schema = type("integer", nullable: nullable)
            case .number: schema = type("number", nullable: nullable)
            case .boolean: schema = type("boolean", nullable: nullable)
            case .date: schema = type("string", nullable: nullable, format: "date")
            case .datetime: schema = type("string", nullable: nullable, format: "date-time")
            case .time: schema = type("string", nullable: nullable, format: "time")
            case .yearmonth: schema = type("string", nullable: nullable)
            case .geopoint:
                let point = object([("lat", type("number")), ("lon", type("number"))], required: ["lat", "lon"])
                schema = nullable ? .object([("oneOf", .array([point, type("null")]))]) : point
            }
            if case .object(var members) = schema {
                members.append(("title", .string(f.title)))
                if let description = f.description { members.append(("description", .string(description))) }
                schema = .object(members)
            }
            return (f.name, schema)
        }
        return object(properties, required: d.publicFields.map(\.name))
    }
}
