/// View model of `datasets/<id>/index.html`.
struct DatasetPageModel {
    struct MetadataItem {
        let label: String
        let value: String
        let href: String?
    }

    struct FieldRow {
        let title: String
        let name: String
        let typeLabel: String
        let description: String
        let isMembers: Bool
    }

    struct ExportLink {
        let label: String
        let description: String
        let href: String
        let sizeLabel: String
        let mediaType: String
    }

    let chrome: Chrome
    let t: [String: String]
    let title: String
    let summary: String
    let descriptionHTML: String
    let accessLabel: String
    let accessClass: String
    let recordsLabel: String?
    let modifiedLabel: String
    let modifiedISO: String
    let licenceTitle: String
    let licenceURL: String
    let metadata: [MetadataItem]
    let fieldsCaption: String
    let fields: [FieldRow]
    let table: TableModel?
    let map: MapModel?
    let chart: ChartModel?
    let tableEmbed: EmbedCode?
    let mapEmbed: EmbedCode?
    let chartEmbed: EmbedCode?
    let exports: [ExportLink]
    let hasExports: Bool
    let membersNotice: String?
    let membersContact: String?
    /// Where members find the restricted data, when it is published.
    let members: MembersSectionModel?
    /// Machine-readable descriptions of the dataset, for the downloads section.
    let metadataLinks: [ExportLink]
    /// schema.org `Dataset`.
    let jsonLD: String

    /// The fields the dictionary shows: all of a members-only dataset's (its dictionary is
    /// public), only the public ones of a public dataset (members-only fields appear nowhere).
    static func dictionaryFields(_ dataset: Dataset) -> [Field] {
        dataset.access == .members ? dataset.fields : dataset.publicFields
    }

    init(dataset: Dataset, exports: DatasetExports, catalog: Catalog, locale: Localization, schema: SchemaOrgBuilder,
         mapAvailable: Bool) {
        let format = DisplayFormat(locale)
        let path = "datasets/\(dataset.id)/index.html"
        chrome = Chrome(catalog: catalog, locale: locale, path: path, title: dataset.title,
                        description: dataset.summary, currentMenu: nil,
                        alternates: Chrome.dcat("datasets/\(dataset.id)/dataset", locale) + [Chrome.feed(locale)])
        jsonLD = schema.datasetJSON(dataset).serialized()
        t = locale.strings
        title = dataset.title
        summary = dataset.summary
        descriptionHTML = chrome.markdown(dataset.description, topHeading: 3)
        accessLabel = locale["access_\(dataset.access.rawValue)"]
        accessClass = dataset.access.rawValue
        recordsLabel = dataset.publishesRecords ? locale.plural("records", dataset.rowCount) : nil
        modifiedLabel = format.date(dataset.modified)
        modifiedISO = dataset.modified.description
        licenceTitle = dataset.licence.title
        licenceURL = dataset.licence.url

        var items: [MetadataItem] = [
            .init(label: locale["meta_identifier"], value: dataset.id, href: nil),
            .init(label: locale["meta_licence"], value: dataset.licence.title, href: dataset.licence.url),
            .init(label: locale["meta_publisher"], value: catalog.site.publisher.name, href: catalog.site.publisher.url),
        ]
        if let attribution = dataset.attribution { items.append(.init(label: locale["meta_attribution"], value: attribution, href: nil)) }
        if let frequency = dataset.frequency {
            items.append(.init(label: locale["meta_frequency"], value: locale["frequency_\(frequency.rawValue)"], href: nil))
        }
        if let issued = dataset.issued { items.append(.init(label: locale["meta_issued"], value: format.date(issued), href: nil)) }
        items.append(.init(label: locale["meta_modified"], value: format.date(dataset.modified), href: nil))
        if !dataset.keywords.isEmpty {
            items.append(.init(label: locale["meta_keywords"], value: dataset.keywords.joined(separator: ", "), href: nil))
        }
        if !dataset.themes.isEmpty {
            items.append(.init(label: locale["meta_themes"], value: dataset.themes.joined(separator: ", "), href: nil))
        }
        if dataset.publishesRecords {
            items.append(.init(label: locale["meta_records"], value: format.integer(dataset.rowCount), href: nil))
        }
        if let temporal = dataset.temporal {
            items.append(.init(label: locale["meta_temporal"], value: locale.format("period", [
                "start": format.date(temporal.start), "end": format.date(temporal.end),
            ]), href: nil))
        }
        if !dataset.spatial.isEmpty {
            items.append(.init(label: locale["meta_spatial"], value: dataset.spatial.map { $0.label ?? $0.uri }.joined(separator: ", "), href: nil))
        }
        if !dataset.euThemes.isEmpty {
            let labels = dataset.euThemes.map { locale.language == "fr" ? $0.labels.fr : $0.labels.en }
            items.append(.init(label: locale["meta_eu_themes"], value: labels.joined(separator: ", "), href: nil))
        }
        if let contact = dataset.contact {
            items.append(.init(label: locale["meta_contact"], value: "\(contact.name) <\(contact.email)>", href: "mailto:" + contact.email))
        }
        if let table = dataset.table {
            items.append(.init(label: locale["meta_source_file"], value: table.fileName, href: nil))
        }
        metadata = items

        fieldsCaption = locale.format("fields_caption", ["title": dataset.title])
        // The dictionary lists members-only fields too: their existence is public, their values are not.
        fields = Self.dictionaryFields(dataset).map { field in
            FieldRow(title: field.title, name: field.name, typeLabel: locale["type_\(field.type.rawValue)"],
                     description: field.description ?? "", isMembers: field.access == .members)
        }
        // Under `en/`, the table's chunks and the downloads are the shared files of the default language's folder.
        let here = chrome.filesHere
        table = dataset.publishesRecords ? TableModel(dataset: dataset, exports: exports, locale: locale, dataPrefix: here) : nil
        let hasMap = dataset.publishesRecords && dataset.geometry != nil
        map = hasMap ? MapModel(dataset: dataset, exports: exports, site: catalog.site, locale: locale, interactive: mapAvailable) : nil
        chart = exports.chart.map { ChartModel(data: $0, dataset: dataset, locale: locale, id: "graphique-svg") }
        let site = catalog.site
        tableEmbed = table == nil ? nil : EmbedCode(dataset: dataset, view: "table", title: locale.format("embed_title_table", ["title": dataset.title]), site: site, locale: locale)
        mapEmbed = map?.interactive == true ? EmbedCode(dataset: dataset, view: "map", title: locale.format("embed_title_map", ["title": dataset.title]), site: site, locale: locale) : nil
        chartEmbed = chart == nil ? nil : EmbedCode(dataset: dataset, view: "chart", title: locale.format("embed_title_chart", ["title": dataset.title]), site: site, locale: locale)
        self.exports = exports.files.map { file in
            ExportLink(label: file.format.label, description: locale[file.format.descriptionKey],
                       href: here + String(file.path.dropFirst("datasets/\(dataset.id)/".count)),
                       sizeLabel: format.byteSize(file.byteSize), mediaType: file.format.mediaType)
        }
        hasExports = !self.exports.isEmpty
        var links: [ExportLink] = [
            ExportLink(label: "DCAT", description: locale["metadata_dcat"], href: here + "dataset.ttl", sizeLabel: "Turtle", mediaType: "text/turtle"),
            ExportLink(label: "DCAT", description: locale["metadata_dcat"], href: here + "dataset.rdf", sizeLabel: "RDF/XML", mediaType: "application/rdf+xml"),
            ExportLink(label: "DCAT", description: locale["metadata_dcat"], href: here + "dataset.jsonld", sizeLabel: "JSON-LD", mediaType: "application/ld+json"),
        ]
        if dataset.publishesRecords {
            links += [
                ExportLink(label: "Data Package", description: locale["metadata_datapackage"], href: here + "datapackage.json", sizeLabel: "Frictionless", mediaType: "application/json"),
                ExportLink(label: "Table Schema", description: locale["metadata_schema"], href: here + "schema.json", sizeLabel: "Frictionless", mediaType: "application/json"),
                ExportLink(label: "CSVW", description: locale["metadata_csvw"], href: here + "\(dataset.id).csv-metadata.json", sizeLabel: "W3C", mediaType: "application/csvm+json"),
                ExportLink(label: "API", description: locale["metadata_api"], href: chrome.filesRoot + "api/datasets/\(dataset.id)/records/1.json", sizeLabel: "JSON", mediaType: "application/json"),
            ]
        }
        metadataLinks = links
        members = MembersSectionModel(dataset: dataset, catalog: catalog, locale: locale, chrome: chrome)
        if dataset.access == .members {
            // Members are pointed to their edition; others learn whom to ask.
            membersNotice = locale.format(members == nil ? "members_only_text" : "members_only_text_published",
                                          ["publisher": catalog.site.publisher.name])
            membersContact = catalog.site.publisher.email
        } else {
            membersNotice = nil
            membersContact = nil
        }
    }
}
