/// CSV on the Web metadata (`datasets/<id>/<id>.csv-metadata.json`, the name CSVW processors
/// look for beside a CSV): columns, datatypes and dialect, for W3C tools.
enum CSVWBuilder {
    static func metadata(_ dataset: Dataset, licence: Licence, publisher: String, language: String) -> JSONValue {
        var tableSchema: [(String, JSONValue)] = [("columns", .array(dataset.publicFields.map(column)))]
        if let key = dataset.key, dataset.publicFields.contains(where: { $0.name == key }) {
            tableSchema.append(("primaryKey", .string(key)))
        }
        return .object([
            ("@context", .array([.string("http://www.w3.org/ns/csvw"), .object([("@language", .string(language))])])),
            ("url", .string("\(dataset.id).csv")),
            ("dc:title", .string(dataset.title)),
            ("dc:description", .string(dataset.summary)),
            ("dc:license", .object([("@id", .string(licence.url))])),
            ("dc:publisher", .string(publisher)),
            ("dc:modified", .object([("@value", .string(dataset.modified.description)), ("@type", .string("xsd:date"))])),
            ("dialect", .object([("delimiter", .string(";")), ("encoding", .string("utf-8")), ("header", .bool(true))])),
            ("tableSchema", .object(tableSchema)),
        ])
    }

    private static func column(_ field: Field) -> JSONValue {
        var members: [(String, JSONValue)] = [("name", .string(field.name)), ("titles", .string(field.title))]
        if let description = field.description { members.append(("dc:description", .string(description))) }
        members.append(("datatype", datatype(field)))
        if let separator = field.separator { members.append(("separator", .string(separator))) }
        if field.required { members.append(("required", .bool(true))) }
        return .object(members)
    }

    private static func datatype(_ field: Field) -> JSONValue {
        switch field.type {
        case .string:
            switch field.parser.textFormat {
            case .uri: return .string("anyURI")
            default: return .string("string")
            }
        case .integer: return .string("integer")
        case .number:
            return .object([("base", .string("decimal")), ("format", .object([("decimalChar", .string(","))]))])
        case .boolean: return .object([("base", .string("boolean")), ("format", .string("true|false"))])
        case .date: return .string("date")
        case .datetime: return .string("dateTimeStamp")
        case .time: return .string("time")
        case .year: return .string("gYear")
        case .yearmonth: return .string("gYearMonth")
        case .geopoint: return .string("string")
        }
    }
}
