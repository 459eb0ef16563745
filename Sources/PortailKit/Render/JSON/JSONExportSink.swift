/// Writes `<id>.json`: an array of records, one object per line, keys in field order, values
/// typed (numbers as numbers, dates as ISO 8601 strings, missing values as null).
struct JSONExportSink: RecordSink {
    private let writer: ByteWriter
    private let keys: [String]
    private var first = true

    init(writer: ByteWriter, fields: [Field]) {
        self.writer = writer
        self.keys = fields.map { JSONText.string($0.name) + ":" }
        writer.write("[")
    }

    mutating func write(_ values: [Value]) throws {
        var line = first ? "\n{" : ",\n{"
        first = false
        for (i, value) in values.enumerated() {
            if i > 0 { line += "," }
            line += keys[i]
            line += JSONText.value(value)
        }
        line += "}"
        writer.write(line)
    }

    mutating func finish() throws {
        writer.write(first ? "]\n" : "\n]\n")
        try writer.close()
    }
}
