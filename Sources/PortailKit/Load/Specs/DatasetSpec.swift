import Foundation

/// A `dataset.yaml` as written, plus its opened data file.
struct DatasetSpec: Sendable {
    /// The folder name.
    let id: Located<String>
    let folder: URL
    let displayFolder: String
    let origin: SourceLocation

    var title: Located<String>?
    var description: Located<String>?
    var keywords: [Located<String>] = []
    var themes: [Located<String>] = []
    var licence: Located<String>?
    var access: Located<String>?
    var frequency: Located<String>?
    var issued: Located<String>?
    var modified: Located<String>?
    var attribution: Located<String>?
    var spatial: [Located<String>] = []
    var temporalStart: Located<String>?
    var temporalEnd: Located<String>?
    var contactName: Located<String>?
    var contactEmail: Located<String>?
    var source: SourceSpec?
    var key: Located<String>?
    var fields: [FieldSpec] = []
    var geoField: Located<String>?
    var geoLatitude: Located<String>?
    var geoLongitude: Located<String>?
    var geoOrigin: SourceLocation?
    var popup: [Located<String>] = []
    var chart: ChartSpecSource?
    var facets: [Located<String>] = []
    /// `agenda:` role → field name, in file order.
    var agenda: [String: Located<String>]?
    var agendaOrigin: SourceLocation?
    var recordTitle: Located<String>?
    var recordsOrigin: SourceLocation?
    var place: [String: Located<String>]?
    var placeOrigin: SourceLocation?

    /// The roles of `agenda:` (documented in docs/content-format.md).
    static let agendaRoles = ["title", "start", "start_time", "end", "end_time", "duration", "venue", "venues", "description", "image", "type",
                              "keywords", "url", "registration", "price", "accessibility", "age_min", "age_max",
                              "status", "attendance", "online_link", "updated"]
    static let placeRoles = ["name", "address", "city", "postal_code", "region"]

    struct ChartSpecSource: Sendable {
        var type: Located<String>?
        var x: Located<String>?
        var y: [Located<String>] = []
        var by: Located<String>?
        var aggregate: Located<String>?
        var title: Located<String>?
        var unit: Located<String>?
        let origin: SourceLocation
    }
    /// The data file, opened by the loader when `source.path` names a readable file.
    var table: CSVFile?

    struct SourceSpec: Sendable {
        var path: Located<String>?
        /// Reads the data file of another dataset (a filtered view of it), instead of `path`.
        var dataset: Located<String>?
        var delimiter: Located<String>?
        var encoding: Located<String>?
        var decimal: Located<String>?
        var undeclaredColumns: Located<String>?
        var missingValues: [Located<String>]?
        var filter: [(column: Located<String>, values: [Located<String>])] = []
        let origin: SourceLocation
    }

    struct FieldSpec: Sendable {
        var name: Located<String>?
        var column: Located<String>?
        var title: Located<String>?
        var type: Located<String>?
        var description: Located<String>?
        var access: Located<String>?
        var required: Located<Bool>?
        var format: Located<String>?
        var trueValues: [Located<String>]?
        var falseValues: [Located<String>]?
        var separator: Located<String>?
        let origin: SourceLocation
    }

    /// The keys of `dataset.yaml`: a public contract documented in docs/content-format.md.
    static func read(_ root: YAMLMapping, id: Located<String>, folder: URL, displayFolder: String) -> DatasetSpec {
        var spec = DatasetSpec(id: id, folder: folder, displayFolder: displayFolder, origin: root.location)
        spec.title = root.string("title", required: true)
        spec.description = root.string("description", required: true)
        spec.keywords = root.strings("keywords")
        spec.themes = root.strings("themes")
        spec.licence = root.string("licence")
        spec.access = root.string("access")
        spec.frequency = root.string("frequency")
        spec.issued = root.string("issued")
        spec.modified = root.string("modified", required: true)
        spec.attribution = root.string("attribution")
        spec.spatial = root.strings("spatial")
        if let temporal = root.mapping("temporal") {
            spec.temporalStart = temporal.string("start", required: true)
            spec.temporalEnd = temporal.string("end", required: true)
        }
        if let contact = root.mapping("contact") {
            spec.contactName = contact.string("name")
            spec.contactEmail = contact.string("email", required: true)
        }
        if let source = root.mapping("source") {
            var s = SourceSpec(origin: source.location)
            s.path = source.string("path")
            s.dataset = source.string("dataset")
            if s.path == nil && s.dataset == nil { source.reportMissing("path") }
            s.delimiter = source.string("delimiter")
            s.encoding = source.string("encoding")
            s.decimal = source.string("decimal")
            s.undeclaredColumns = source.string("undeclared_columns")
            if source.node("missing_values") != nil { s.missingValues = source.strings("missing_values") }
            s.filter = source.stringMap("filter")
            spec.source = s
        }
        spec.key = root.string("key")
        if let geo = root.mapping("geo") {
            spec.geoField = geo.string("field")
            spec.geoLatitude = geo.string("latitude")
            spec.geoLongitude = geo.string("longitude")
            spec.geoOrigin = geo.location
        }
        if let map = root.mapping("map") {
            spec.popup = map.strings("popup")
        }
        if let chart = root.mapping("chart") {
            var c = ChartSpecSource(origin: chart.location)
            c.type = chart.string("type", required: true)
            c.x = chart.string("x", required: true)
            c.y = chart.strings("y")
            c.by = chart.string("by")
            c.aggregate = chart.string("aggregate")
            c.title = chart.string("title")
            c.unit = chart.string("unit")
            if c.y.isEmpty && chart.mapping.first(where: { if case .scalar(let k) = $0.key { return k.string == "y" }; return false }) == nil {
                chart.report(Diagnostic(.missingKey, "missing required key 'chart.y'", at: chart.location, hint: "add a line 'y: [field, …]' under 'chart'"))
            }
            spec.chart = c
        }
        spec.facets = root.strings("facets")
        if let agenda = root.mapping("agenda") {
            var roles: [String: Located<String>] = [:]
            for role in agendaRoles { if let field = agenda.string(role) { roles[role] = field } }
            for required in ["title", "start", "venue", "venues"] where roles[required] == nil {
                agenda.report(Diagnostic(.missingKey, "missing required key 'agenda.\(required)'", at: agenda.location,
                                         hint: "an agenda needs at least title, start, venue and venues"))
            }
            spec.agenda = roles
            spec.agendaOrigin = agenda.location
        }
        if let records = root.mapping("records") {
            spec.recordTitle = records.string("title", required: true)
            spec.recordsOrigin = records.location
        }
        if let place = root.mapping("place") {
            var roles: [String: Located<String>] = [:]
            for role in placeRoles { if let field = place.string(role) { roles[role] = field } }
            if roles["name"] == nil {
                place.report(Diagnostic(.missingKey, "missing required key 'place.name'", at: place.location))
            }
            spec.place = roles
            spec.placeOrigin = place.location
        }
        spec.fields = root.mappings("fields", required: spec.source != nil).map { field in
            var f = FieldSpec(origin: field.location)
            f.name = field.string("name", required: true)
            f.column = field.string("column")
            f.title = field.string("title")
            f.type = field.string("type")
            f.description = field.string("description")
            f.access = field.string("access")
            f.required = field.bool("required")
            f.format = field.string("format")
            if field.node("true_values") != nil { f.trueValues = field.strings("true_values") }
            if field.node("false_values") != nil { f.falseValues = field.strings("false_values") }
            f.separator = field.string("separator")
            return f
        }
        return spec
    }
}
