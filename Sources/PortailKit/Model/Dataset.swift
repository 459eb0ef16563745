/// A dataset of the catalogue (DCAT `dcat:Dataset`): its metadata, its fields and its rows'
/// source. Immutable; every renderer reads it.
public struct Dataset: Sendable {
    /// The folder name under `datasets/`, which is also its URL segment: a stable public id.
    public let id: String
    public let title: String
    /// Markdown.
    public let description: String
    /// Plain-text excerpt of the description, for cards and meta descriptions.
    public let summary: String
    public let keywords: [String]
    public let themes: [String]
    /// The EU Data Themes the `themes` map to, in order, without repeats.
    public let euThemes: [EUTheme]
    public let licence: Licence
    public let access: Access
    public let frequency: Frequency?
    public let issued: Day?
    public let modified: Day
    /// Credit to the data's original producer ("Source : CNC …").
    public let attribution: String?
    public let spatial: [SpatialCoverage]
    public let temporal: TemporalCoverage?
    /// The dataset's contact, else the publisher's address.
    public let contact: Contact?
    /// The extent of the public geographic values; nil for members-only datasets, whose records
    /// must reveal nothing.
    public let extent: BoundingBox?
    /// Name of the primary-key field, when the dataset has one.
    public let key: String?
    /// Every field, in declared order, members-only ones included.
    public let fields: [Field]
    /// Nil for a dataset with no data file (metadata only).
    public let table: TableSource?
    /// Number of records (after the source filter).
    public let rowCount: Int
    public let origin: SourceLocation
    /// Where points come from, when the dataset has geography.
    public var geometry: GeometrySource?
    /// Fields (indexes) shown in map popups.
    public var popupFields: [Int] = []
    public var chart: ChartSpec?
    /// Fields (indexes) offered as facets in the table view.
    public var facets: [Int] = []
    /// The field giving each record page's title, when the dataset has record pages
    /// (`datasets/<id>/<key>.html`).
    public var recordTitle: Int?
    /// The roles of an agenda dataset.
    public var agenda: AgendaRoles?
    /// The roles of a venue dataset.
    public var place: PlaceRoles?

    /// Keys of the records, in file order, when the dataset has record pages.
    public var recordKeys: [String] = []

    /// Whether each record has its own page.
    public var hasRecordPages: Bool { recordTitle != nil && publishesRecords && key != nil }

    public init(id: String, title: String, description: String, summary: String, keywords: [String],
                themes: [String], euThemes: [EUTheme], licence: Licence, access: Access, frequency: Frequency?,
                issued: Day?, modified: Day, attribution: String?, spatial: [SpatialCoverage],
                temporal: TemporalCoverage?, contact: Contact?, extent: BoundingBox?, key: String?,
                fields: [Field], table: TableSource?, rowCount: Int, origin: SourceLocation) {
        self.id = id
        self.title = title
        self.description = description
        self.summary = summary
        self.keywords = keywords
        self.themes = themes
        self.euThemes = euThemes
        self.licence = licence
        self.access = access
        self.frequency = frequency
        self.issued = issued
        self.modified = modified
        self.attribution = attribution
        self.spatial = spatial
        self.temporal = temporal
        self.contact = contact
        self.extent = extent
        self.key = key
        self.fields = fields
        self.table = table
        self.rowCount = rowCount
        self.origin = origin
    }

    /// True when records may be published: a public dataset with a data file.
    public var publishesRecords: Bool { access == .public && table != nil }

    /// Indexes (into ``fields``) of the fields every public file may contain.
    public var publicFieldIndexes: [Int] {
        guard access == .public else { return [] }
        return fields.indices.filter { fields[$0].access == .public }
    }

    public var publicFields: [Field] { publicFieldIndexes.map { fields[$0] } }
}
