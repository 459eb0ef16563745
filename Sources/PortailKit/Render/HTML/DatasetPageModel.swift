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
    let exports: [ExportLink]
    let hasExports: Bool
    let membersNotice: String?
    let membersContact: String?

    init(dataset: Dataset, exports: DatasetExports, catalog: Catalog, locale: Localization) {
        let format = DisplayFormat(locale)
        let path = "datasets/\(dataset.id)/index.html"
        chrome = Chrome(catalog: catalog, locale: locale, path: path, title: dataset.title,
                        description: dataset.summary, currentMenu: nil)
        t = locale.strings
        title = dataset.title
        summary = dataset.summary
        descriptionHTML = Markdown.html(dataset.description, topHeading: 3)
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
        if let table = dataset.table {
            items.append(.init(label: locale["meta_source_file"], value: table.fileName, href: nil))
        }
        metadata = items

        fieldsCaption = locale.format("fields_caption", ["title": dataset.title])
        // The dictionary lists members-only fields too: their existence is public, their values are not.
        fields = dataset.fields.map { field in
            FieldRow(title: field.title, name: field.name, typeLabel: locale["type_\(field.type.rawValue)"],
                     description: field.description ?? "", isMembers: field.access == .members)
        }
        table = dataset.publishesRecords ? TableModel(dataset: dataset, exports: exports, locale: locale) : nil
        self.exports = exports.files.map { file in
            ExportLink(label: file.format.label, description: locale[file.format.descriptionKey],
                       href: String(file.path.dropFirst("datasets/\(dataset.id)/".count)),
                       sizeLabel: format.byteSize(file.byteSize), mediaType: file.format.mediaType)
        }
        hasExports = !self.exports.isEmpty
        if dataset.access == .members {
            membersNotice = locale.format("members_only_text", ["publisher": catalog.site.publisher.name])
            membersContact = catalog.site.publisher.email
        } else {
            membersNotice = nil
            membersContact = nil
        }
    }
}
