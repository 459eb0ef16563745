/// The Frictionless Table Schema of a dataset's CSV export (`datasets/<id>/schema.json`):
/// exactly the public fields, typed as the export writes them, so that `frictionless validate`
/// proves each CSV conforms.
enum TableSchemaBuilder {
    static func schema(_ dataset: Dataset) -> JSONValue {
        var members: [(String, JSONValue)] = [
            ("fields", .array(dataset.publicFields.map(field))),
            ("missingValues", .array([.string("")])),
        ]
        if let key = dataset.key, dataset.publicFields.contains(where: { $0.name == key }) {
            members.append(("primaryKey", .array([.string(key)])))
        }
        return .object(members)
    }

    static func field(_ field: Field) -> JSONValue {
        var members: [(String, JSONValue)] = [("name", .string(field.name)), ("title", .string(field.title))]
        var description = field.description ?? ""
        var constraints: [(String, JSONValue)] = []
        switch field.type {
        case .geopoint where field.parser.geoOrder == .latLon:
            // Frictionless' geopoint reads "lon, lat"; a "lat, lon" column is declared as text
            // with its shape, rather than as a geopoint that would swap the coordinates.
            members.append(("type", .string("string")))
            description += (description.isEmpty ? "" : " ") + "(latitude, longitude WGS 84)"
            constraints.append(("pattern", .string("-?[0-9.e+-]+, -?[0-9.e+-]+")))
        case .string:
            members.append(("type", .string("string")))
            switch field.parser.textFormat {
            case .email: members.append(("format", .string("email")))
            case .uri: members.append(("format", .string("uri")))
            case .plain: break
            }
        case .number:
            members.append(("type", .string("number")))
            members.append(("decimalChar", .string(",")))  // the French-Excel CSV's decimal mark
        default:
            members.append(("type", .string(field.type.rawValue)))
        }
        if !description.isEmpty { members.append(("description", .string(description))) }
        if field.required { constraints.append(("required", .bool(true))) }
        if !constraints.isEmpty { members.append(("constraints", .object(constraints))) }
        return .object(members)
    }
}
