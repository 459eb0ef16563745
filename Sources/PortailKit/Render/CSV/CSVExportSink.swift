/// Writes `<id>.csv` so that it opens correctly in French Excel: UTF-8 with a byte-order mark,
/// `;` separator, `,` decimal mark, CRLF line ends and RFC 4180 quoting. Dates stay ISO 8601,
/// which Excel reads as dates; codes such as `01053` are written as they are.
struct CSVExportSink: RecordSink {
    static let separator = UInt8(ascii: ";")
    private let writer: ByteWriter
    private let layouts: [TextLayout]

    init(writer: ByteWriter, fields: [Field]) {
        self.writer = writer
        self.layouts = fields.map(TextLayout.init)
        writer.write(bytes: [0xEF, 0xBB, 0xBF])
        for (i, field) in fields.enumerated() {
            if i > 0 { writer.write(byte: Self.separator) }
            ValueEncoding.csvText(field.name, separator: Self.separator, into: writer)
        }
        writer.write("\r\n")
    }

    mutating func write(_ values: [Value]) throws {
        for i in values.indices {
            if i > 0 { writer.write(byte: Self.separator) }
            ValueEncoding.csv(values[i], layout: layouts[i], separator: Self.separator, into: writer)
        }
        writer.write(byte: UInt8(ascii: "\r"))
        writer.write(byte: UInt8(ascii: "\n"))
        writer.flushIfNeeded()
    }

    mutating func finish() throws {
        try writer.close()
    }
}
