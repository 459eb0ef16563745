/// One column of a dataset as published: its name in exports, its title on pages, its type.
public struct Field: Sendable {
    /// Machine name: the header of CSV exports and the key in JSON records.
    public let name: String
    /// Human title shown on pages (defaults to the name).
    public let title: String
    public let type: FieldType
    public let description: String?
    public let access: Access
    public let required: Bool
    /// The `format` as written in the content (Frictionless meaning), nil for the default.
    public let format: String?
    /// The source CSV header this field is read from.
    public let column: String
    /// For a multi-valued text field, what separates its values in a cell (`,`, `|`…).
    public var separator: String? { parser.separator }
    /// How cells are turned into values.
    public let parser: ValueParser

    public init(name: String, title: String, type: FieldType, description: String?, access: Access,
                required: Bool, format: String?, column: String, parser: ValueParser) {
        self.name = name
        self.title = title
        self.type = type
        self.description = description
        self.access = access
        self.required = required
        self.format = format
        self.column = column
        self.parser = parser
    }
}
