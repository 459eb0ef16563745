/// Writes the side file of a public dataset's members-only columns:
/// `{"key": "<key field>", "fields": ["admissions", …], "records": {"<key>": [values…], …}}`,
/// values encoded as in the table chunks. Records are keyed by the dataset's key, or by their
/// 1-based position when the dataset has none (`"key": null`), which is also the order of the
/// public table's rows.
struct MembersFieldsSink {
    let writer: ByteWriter
    private var count = 0

    init(writer: ByteWriter, key: String?, fields: [Field]) {
        self.writer = writer
        writer.write("{\"key\":")
        if let key { ValueEncoding.jsonString(key, into: writer) } else { writer.write("null") }
        writer.write(",\"fields\":[")
        for (i, field) in fields.enumerated() {
            if i > 0 { writer.write(byte: UInt8(ascii: ",")) }
            ValueEncoding.jsonString(field.name, into: writer)
        }
        writer.write("],\"records\":{")
    }

    /// - Parameters:
    ///   - key: the record's key as text, nil to key it by its position.
    ///   - values: the members-only values, in ``fields`` order.
    mutating func write(key: String?, values: [Value]) {
        count += 1
        writer.write(count == 1 ? "\n" : ",\n")
        ValueEncoding.jsonString(key ?? String(count), into: writer)
        writer.write(":[")
        for i in values.indices {
            if i > 0 { writer.write(byte: UInt8(ascii: ",")) }
            ValueEncoding.json(values[i], into: writer)
        }
        writer.write(byte: UInt8(ascii: "]"))
        writer.flushIfNeeded()
    }

    func finish() throws {
        writer.write("\n}}\n")
        try writer.close()
    }
}
