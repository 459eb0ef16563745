/// Writes `<id>.json`: an array of records, one object per line, keys in field order, values
/// typed (numbers as numbers, dates as ISO 8601 strings, missing values as null).
struct JSONExportSink: RecordSink {
    private let writer: ByteWriter
    /// `"name":` for each field, encoded once.
    private let keys: [[UInt8]]
    private var first = true

    init(writer: ByteWriter, fields: [Field]) {
        self.writer = writer
        self.keys = fields.map { Array((JSONText.string($0.name) + ":").utf8) }
        writer.write("[")
    }

    mutating func write(_ values: [Value]) throws {
        writer.write(first ? "\n{" : ",\n{")
        first = false
        for i in values.indices {
            if i > 0 { writer.write(byte: UInt8(ascii: ",")) }
            writer.write(bytes: keys[i])
            ValueEncoding.json(values[i], into: writer)
        }
        writer.write(byte: UInt8(ascii: "}"))
        writer.flushIfNeeded()
    }

    mutating func finish() throws {
        writer.write(first ? "]\n" : "\n]\n")
        try writer.close()
    }
}
