/// Writes `<id>.csv` so that it opens correctly in French Excel: UTF-8 with a byte-order mark,
/// `;` separator, `,` decimal mark, CRLF line ends and RFC 4180 quoting. Dates stay ISO 8601,
/// which Excel reads as dates; codes such as `01053` are written as they are.
struct CSVExportSink: RecordSink {
    static let separator = ";"
    private let writer: ByteWriter
    private let fields: [Field]

    init(writer: ByteWriter, fields: [Field]) {
        self.writer = writer
        self.fields = fields
        writer.write(bytes: [0xEF, 0xBB, 0xBF])
        writer.write(fields.map { Self.quoted($0.name) }.joined(separator: Self.separator) + "\r\n")
    }

    mutating func write(_ values: [Value]) throws {
        var line = ""
        for (i, value) in values.enumerated() {
            if i > 0 { line += Self.separator }
            line += Self.quoted(Self.cell(value, fields[i]))
        }
        line += "\r\n"
        writer.write(line)
    }

    mutating func finish() throws {
        try writer.close()
    }

    static func cell(_ value: Value, _ field: Field) -> String {
        switch value {
        case .number(let d): return MachineFormat.number(d).replacingOccurrences(of: ".", with: ",")
        default: return MachineFormat.text(value, geoOrder: field.parser.geoOrder)
        }
    }

    /// RFC 4180: quote a field holding the separator, a quote or a line break, doubling quotes.
    static func quoted(_ text: String) -> String {
        guard text.utf8.contains(where: { $0 == UInt8(ascii: ";") || $0 == UInt8(ascii: "\"") || $0 == UInt8(ascii: "\n") || $0 == UInt8(ascii: "\r") }) else {
            return text
        }
        return "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
