/// A small JSON document built in code (page configuration, indexes), serialised with keys in
/// the order given, so that output is deterministic.
public indirect enum JSONValue: Sendable, Hashable {
    case null
    case bool(Bool)
    case int(Int)
    case double(Double)
    case string(String)
    case array([JSONValue])
    case object([(String, JSONValue)])

    public static func == (lhs: JSONValue, rhs: JSONValue) -> Bool { lhs.serialized() == rhs.serialized() }
    public func hash(into hasher: inout Hasher) { hasher.combine(serialized()) }

    /// Compact JSON, or indented by two spaces with `pretty`.
    public func serialized(pretty: Bool = false) -> String {
        String(decoding: ByteWriter.collect { write(into: $0, pretty: pretty, depth: 0) }, as: UTF8.self)
    }

    /// Written as bytes, strings and keys escaped in place: a String made for each of them
    /// was a third of the time spent making an event's page model (its JSON-LD).
    private func write(into w: ByteWriter, pretty: Bool, depth: Int) {
        func newline(_ depth: Int) {
            guard pretty else { return }
            w.write(byte: UInt8(ascii: "\n"))
            for _ in 0..<(2 * depth) { w.write(byte: UInt8(ascii: " ")) }
        }
        switch self {
        case .null: w.write("null")
        case .bool(let b): w.write(b ? "true" : "false")
        case .int(let i): w.write(integer: i)
        case .double(let d): w.write(MachineFormat.number(d))
        case .string(let s): ValueEncoding.jsonString(s, into: w)
        case .array(let items):
            guard !items.isEmpty else { w.write("[]"); return }
            w.write(byte: UInt8(ascii: "["))
            for (i, item) in items.enumerated() {
                if i > 0 { w.write(byte: UInt8(ascii: ",")) }
                newline(depth + 1)
                item.write(into: w, pretty: pretty, depth: depth + 1)
            }
            newline(depth)
            w.write(byte: UInt8(ascii: "]"))
        case .object(let members):
            guard !members.isEmpty else { w.write("{}"); return }
            w.write(byte: UInt8(ascii: "{"))
            for (i, (key, value)) in members.enumerated() {
                if i > 0 { w.write(byte: UInt8(ascii: ",")) }
                newline(depth + 1)
                ValueEncoding.jsonString(key, into: w)
                w.write(pretty ? ": " : ":")
                value.write(into: w, pretty: pretty, depth: depth + 1)
            }
            newline(depth)
            w.write(byte: UInt8(ascii: "}"))
        }
    }
}
