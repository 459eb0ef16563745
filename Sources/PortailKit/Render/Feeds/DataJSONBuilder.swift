/// `data.json`: the catalogue in Project Open Data 1.1, the JSON catalogue format that
/// data.gov-style harvesters and CKAN's harvester read.
enum DataJSONBuilder {
    static func catalog(_ catalog: Catalog, exports: [String: DatasetExports], urls: SiteURLs) -> JSONValue {
        .object([
            ("@context", .string("https://project-open-data.cio.gov/v1.1/schema/catalog.jsonld")),
            ("@id", .string(urls.absolute("data.json"))),
            ("@type", .string("dcat:Catalog")),
            ("conformsTo", .string("https://project-open-data.cio.gov/v1.1/schema")),
            ("describedBy", .string("https://project-open-data.cio.gov/v1.1/schema/catalog.json")),
            ("dataset", .array(catalog.datasets.map { dataset($0, catalog: catalog, exports: exports, urls: urls) })),
        ])
    }

    private static func dataset(_ d: Dataset, catalog: Catalog, exports: [String: DatasetExports], urls: SiteURLs) -> JSONValue {
        var members: [(String, JSONValue)] = [
            ("@type", .string("dcat:Dataset")),
            ("identifier", .string(urls.datasetPage(d))),
            ("title", .string(d.title)),
            ("description", .string(d.description)),
            ("keyword", .array((d.keywords.isEmpty ? d.themes : d.keywords).map(JSONValue.string))),
            ("modified", .string(d.modified.description)),
            ("publisher", .object([("@type", .string("org:Organization")), ("name", .string(catalog.site.publisher.name))])),
        ]
        if let contact = d.contact {
            members.append(("contactPoint", .object([
                ("@type", .string("vcard:Contact")), ("fn", .string(contact.name)), ("hasEmail", .string("mailto:" + contact.email)),
            ])))
        }
        // POD's levels: "public", "restricted public" (available under conditions), "non-public".
        members.append(("accessLevel", .string(d.access == .public ? "public" : "restricted public")))
        members.append(("license", .string(d.licence.url)))
        members.append(("landingPage", .string(urls.datasetPage(d))))
        if let issued = d.issued { members.append(("issued", .string(issued.description))) }
        if let frequency = d.frequency, let period = isoPeriod(frequency) { members.append(("accrualPeriodicity", .string(period))) }
        if let temporal = d.temporal { members.append(("temporal", .string("\(temporal.start)/\(temporal.end)"))) }
        if let extent = d.extent {
            members.append(("spatial", .string("\(extent.minLongitude),\(extent.minLatitude),\(extent.maxLongitude),\(extent.maxLatitude)")))
        } else if let place = d.spatial.first {
            members.append(("spatial", .string(place.label ?? place.uri)))
        }
        if !d.euThemes.isEmpty { members.append(("theme", .array(d.euThemes.map { .string($0.labels.en) }))) }
        if let language = catalog.site.language.isEmpty ? nil : catalog.site.language { members.append(("language", .array([.string(language)]))) }
        let files = d.publishesRecords ? exports[d.id]?.files ?? [] : []
        if !files.isEmpty {
            members.append(("distribution", .array(files.map { file in
                .object([
                    ("@type", .string("dcat:Distribution")),
                    ("title", .string("\(d.title) (\(file.format.label))")),
                    ("downloadURL", .string(urls.absolute(file.path))),
                    ("mediaType", .string(file.format.mediaType)),
                    ("format", .string(file.format.label)),
                ])
            })))
        } else {
            // Restricted data: the landing page says how to get access; no file is linked.
            members.append(("distribution", .array([.object([
                ("@type", .string("dcat:Distribution")), ("title", .string(d.title)),
                ("accessURL", .string(urls.datasetPage(d))), ("mediaType", .string("text/html")),
            ])])))
        }
        return .object(members)
    }

    /// ISO 8601 repeating durations, as POD writes update frequencies.
    private static func isoPeriod(_ frequency: Frequency) -> String? {
        switch frequency {
        case .continuous: return "R/PT1S"
        case .daily: return "R/P1D"
        case .weekly: return "R/P1W"
        case .biweekly: return "R/P2W"
        case .monthly: return "R/P1M"
        case .quarterly: return "R/P3M"
        case .semiannual: return "R/P6M"
        case .annual: return "R/P1Y"
        case .biennial: return "R/P2Y"
        case .irregular: return "irregular"
        case .never, .unknown: return nil
        }
    }
}
