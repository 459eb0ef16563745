extension Field {
    /// The same field, public: for the members' edition, which shows members what the public
    /// portal leaves out.
    func revealed() -> Field {
        Field(name: name, title: title, type: type, description: description, access: .public,
              required: required, format: format, column: column, parser: parser)
    }
}

extension Dataset {
    /// Whether the dataset holds data that only members may see: its records, or some fields.
    public var hasRestrictedData: Bool {
        table != nil && (access == .members || fields.contains { $0.access == .members })
    }

    /// Indexes of the fields the public files leave out of a public dataset.
    public var membersFieldIndexes: [Int] {
        access == .public ? fields.indices.filter { fields[$0].access == .members } : []
    }

    /// The same dataset with every record and field public, as the members' edition publishes it.
    public func revealed() -> Dataset {
        var copy = Dataset(id: id, title: title, description: description, summary: summary, keywords: keywords,
                           themes: themes, euThemes: euThemes, licence: licence, access: .public, frequency: frequency,
                           issued: issued, modified: modified, attribution: attribution, spatial: spatial,
                           temporal: temporal, contact: contact, extent: extent, key: key,
                           fields: fields.map { $0.revealed() }, table: table, rowCount: rowCount, origin: origin)
        copy.geometry = geometry
        copy.popupFields = popupFields
        copy.chart = chart
        copy.facets = facets
        copy.recordTitle = recordTitle
        copy.agenda = agenda
        copy.place = place
        copy.recordKeys = recordKeys
        return copy
    }
}
