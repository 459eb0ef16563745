/// Checks the view settings of a dataset (`geo`, `map`, `chart`, `facets`) against its fields.
/// Views are public: they may only use public fields, or they would reveal restricted values.
enum ViewRules {
    struct Views {
        var geometry: GeometrySource?
        var popupFields: [Int] = []
        var chart: ChartSpec?
        var facets: [Int] = []
        var recordTitle: Int?
        var agenda: AgendaRoles?
        var place: PlaceRoles?
    }

    static func resolve(_ spec: DatasetSpec, fields: [Field], title: String, into diagnostics: inout [Diagnostic]) -> Views? {
        var views = Views()
        var ok = true
        func field(_ name: Located<String>, _ role: String, types: Set<FieldType>? = nil) -> Int? {
            guard let index = fields.firstIndex(where: { $0.name == name.value }) else {
                diagnostics.append(name.diagnostic(.invalidValue, "\(role) names '\(name.value)', which is not a declared field",
                                                   hint: Suggestion.hint(for: name.value, in: fields.map(\.name))))
                ok = false
                return nil
            }
            if fields[index].access == .members {
                diagnostics.append(name.diagnostic(.invalidValue, "\(role) uses '\(name.value)', a members-only field",
                                                   hint: "public views and files may only show public fields"))
                ok = false
                return nil
            }
            if let types, !types.contains(fields[index].type) {
                diagnostics.append(name.diagnostic(.invalidValue, "\(role) needs a field of type \(types.map(\.rawValue).sorted().joined(separator: " or ")); '\(name.value)' is \(fields[index].type.rawValue)"))
                ok = false
                return nil
            }
            return index
        }

        // Geometry: a geopoint field, a latitude/longitude pair, or the first public geopoint.
        if let name = spec.geoField {
            if spec.geoLatitude != nil || spec.geoLongitude != nil {
                diagnostics.append(name.diagnostic(.invalidValue, "geo takes either 'field' or 'latitude' and 'longitude', not both"))
                ok = false
            } else if let i = field(name, "geo.field", types: [.geopoint]) {
                views.geometry = .point(field: i)
            }
        } else if spec.geoLatitude != nil || spec.geoLongitude != nil {
            guard let lat = spec.geoLatitude, let lon = spec.geoLongitude else {
                diagnostics.append(Diagnostic(.missingKey, "geo needs both 'latitude' and 'longitude'", at: spec.geoOrigin ?? spec.origin))
                return nil
            }
            if let i = field(lat, "geo.latitude", types: [.number, .integer]), let j = field(lon, "geo.longitude", types: [.number, .integer]) {
                views.geometry = .latitudeLongitude(latitude: i, longitude: j)
            }
        } else if let i = fields.firstIndex(where: { $0.type == .geopoint && $0.access == .public }) {
            views.geometry = .point(field: i)
        }

        if !spec.popup.isEmpty {
            views.popupFields = spec.popup.compactMap { field($0, "map.popup") }
        } else {
            let geometryFields: Set<Int> = {
                switch views.geometry {
                case .point(let f)?: return [f]
                case .latitudeLongitude(let a, let b)?: return [a, b]
                case nil: return []
                }
            }()
            views.popupFields = Array(fields.indices.filter { fields[$0].access == .public && !geometryFields.contains($0) && fields[$0].type != .geopoint }.prefix(4))
        }

        views.facets = spec.facets.compactMap { field($0, "facets", types: [.string, .boolean, .year, .integer]) }

        if let c = spec.chart {
            let kind = DatasetRules.enumValue(c.type, ChartSpec.Kind.self, "chart type", &diagnostics)
            let aggregate = DatasetRules.enumValue(c.aggregate, ChartSpec.Aggregate.self, "chart aggregate", &diagnostics) ?? .sum
            let x = c.x.flatMap { field($0, "chart.x") }
            let measured: Set<FieldType> = aggregate == .count ? Set(FieldType.allCases) : [.integer, .number]
            let y = c.y.compactMap { field($0, "chart.y", types: measured) }
            let by = c.by.flatMap { field($0, "chart.by") }
            if let by, y.count > 1 {
                diagnostics.append(c.by!.diagnostic(.invalidValue, "chart.by splits one measure by a field: give a single y with it"))
                ok = false
                _ = by
            }
            if kind == nil && c.type != nil { ok = false }
            if let kind, let x, y.count == c.y.count, !y.isEmpty, (c.by == nil) == (by == nil) {
                views.chart = ChartSpec(kind: kind, x: x, y: y, by: by, aggregate: aggregate,
                                        title: c.title?.value ?? title, unit: c.unit?.value)
            } else {
                ok = false
            }
        }
        switch AgendaRules.recordTitle(spec, fields: fields, into: &diagnostics) {
        case .some(let index): views.recordTitle = index
        case .none: ok = false
        }
        switch AgendaRules.roles(spec, fields: fields, into: &diagnostics) {
        case .some(let roles): views.agenda = roles
        case .none: ok = false
        }
        switch AgendaRules.place(spec, fields: fields, into: &diagnostics) {
        case .some(let roles): views.place = roles
        case .none: ok = false
        }
        return ok ? views : nil
    }
}
