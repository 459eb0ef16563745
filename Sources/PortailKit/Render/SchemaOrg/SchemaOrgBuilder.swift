/// schema.org JSON-LD for search engines (Google Dataset Search): a `Dataset` on each dataset
/// page and a `DataCatalog` on the home page. Only what the page shows is described.
struct SchemaOrgBuilder {
    let catalog: Catalog
    let exports: [String: DatasetExports]
    let locale: Localization
    let urls: SiteURLs

    func catalogJSON() -> JSONValue {
        let site = catalog.site
        var members: [(String, JSONValue)] = [
            ("@context", .string("https://schema.org")),
            ("@type", .string("DataCatalog")),
            ("@id", .string(urls.base + "#catalog")),
            ("name", .string(site.title)),
        ]
        let summary = CatalogBuilder.summary(of: site.description, limit: 5000)
        if !summary.isEmpty { members.append(("description", .string(summary))) }
        members += [
            ("url", .string(urls.base)),
            ("inLanguage", .string(site.language)),
            ("license", .string(site.licence.url)),
            ("publisher", organisation()),
            ("dataset", .array(catalog.datasets.map { dataset in
                .object([
                    ("@type", .string("Dataset")),
                    ("@id", .string(urls.datasetPage(dataset) + "#dataset")),
                    ("name", .string(dataset.title)),
                    ("description", .string(description(dataset))),
                    ("url", .string(urls.datasetPage(dataset))),
                ])
            })),
        ]
        return .object(members)
    }

    func datasetJSON(_ dataset: Dataset) -> JSONValue {
        var members: [(String, JSONValue)] = [
            ("@context", .string("https://schema.org")),
            ("@type", .string("Dataset")),
            ("@id", .string(urls.datasetPage(dataset) + "#dataset")),
            ("name", .string(dataset.title)),
            ("description", .string(description(dataset))),
            ("url", .string(urls.datasetPage(dataset))),
            ("identifier", .string(dataset.id)),
        ]
        if !dataset.keywords.isEmpty { members.append(("keywords", .array(dataset.keywords.map(JSONValue.string)))) }
        members += [
            ("license", .string(dataset.licence.url)),
            ("isAccessibleForFree", .bool(dataset.access == .public)),
            ("inLanguage", .string(catalog.site.language)),
            ("creator", organisation()),
            ("publisher", organisation()),
            ("dateModified", .string(dataset.modified.description)),
        ]
        if let issued = dataset.issued { members.append(("datePublished", .string(issued.description))) }
        if let temporal = dataset.temporal { members.append(("temporalCoverage", .string("\(temporal.start)/\(temporal.end)"))) }
        if let place = spatial(dataset) { members.append(("spatialCoverage", place)) }
        members.append(("includedInDataCatalog", .object([
            ("@type", .string("DataCatalog")), ("name", .string(catalog.site.title)), ("url", .string(urls.base)),
        ])))
        if dataset.publishesRecords {
            members.append(("distribution", .array((exports[dataset.id]?.files ?? []).map { file in
                .object([
                    ("@type", .string("DataDownload")),
                    ("contentUrl", .string(urls.absolute(file.path))),
                    ("encodingFormat", .string(file.format.mediaType)),
                    ("contentSize", .string(String(file.byteSize))),
                ])
            })))
        } else if dataset.access == .members {
            // As in DCAT: the one way to the data is its page, which says how members get it.
            members.append(("isAccessibleForFree", .bool(false)))
            members.append(("conditionsOfAccess", .string(locale.format("members_only_text", ["publisher": catalog.site.publisher.name]))))
            members.append(("distribution", .array([.object([
                ("@type", .string("DataDownload")),
                ("contentUrl", .string(urls.absolute("datasets/\(dataset.id)/"))),
                ("encodingFormat", .string("text/html")),
            ])])))
        }
        let variables = DatasetPageModel.dictionaryFields(dataset)
        if !variables.isEmpty {
            members.append(("variableMeasured", .array(variables.map { field in
                var v: [(String, JSONValue)] = [("@type", .string("PropertyValue")), ("name", .string(field.title)),
                                                ("propertyID", .string(field.name))]
                if let description = field.description { v.append(("description", .string(description))) }
                return .object(v)
            })))
        }
        return .object(members)
    }

    private func organisation() -> JSONValue {
        let publisher = catalog.site.publisher
        var members: [(String, JSONValue)] = [("@type", .string("Organization")), ("name", .string(publisher.name))]
        if let url = publisher.url { members.append(("url", .string(url))) }
        if let email = publisher.email { members.append(("email", .string(email))) }
        return .object(members)
    }

    /// A `Place` with the data's extent as a box ("south west north east"), else a named place.
    private func spatial(_ dataset: Dataset) -> JSONValue? {
        var members: [(String, JSONValue)] = [("@type", .string("Place"))]
        if let name = dataset.spatial.compactMap(\.label).first { members.append(("name", .string(name))) }
        if let extent = dataset.extent {
            let box = [extent.minLatitude, extent.minLongitude, extent.maxLatitude, extent.maxLongitude]
                .map(DCATBuilder.coordinate).joined(separator: " ")
            members.append(("geo", .object([("@type", .string("GeoShape")), ("box", .string(box))])))
        }
        return members.count > 1 ? .object(members) : nil
    }

    /// Google wants 50 to 5,000 characters: a short description is completed from the
    /// metadata the page shows; a long one is cut at a word.
    func description(_ dataset: Dataset) -> String {
        var text = Markdown.plainText(dataset.description).split(whereSeparator: \.isNewline).joined(separator: " ")
            .trimmingCharacters(in: .whitespaces)
        if text.count < 50 {
            var facts = [locale.format("schema_fallback", [
                "title": dataset.title, "publisher": catalog.site.publisher.name, "licence": dataset.licence.title,
                "modified": DisplayFormat(locale).date(dataset.modified),
            ])]
            if dataset.publishesRecords { facts.append(locale.plural("records", dataset.rowCount) + ".") }
            text = ([text].filter { !$0.isEmpty } + facts).joined(separator: " ")
        }
        if text.count > 5000 {
            var cut = String(text.prefix(4999))
            if let space = cut.lastIndex(of: " ") { cut = String(cut[..<space]) }
            text = cut + "…"
        }
        return text
    }
}

import Foundation
