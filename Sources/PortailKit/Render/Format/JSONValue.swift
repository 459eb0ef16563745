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
        var out = ""
        write(to: &out, pretty: pretty, indent: "")
        return out
    }

    private func write(to out: inout String, pretty: Bool, indent: String) {
        switch self {
        case .null: out += "null"
        case .bool(let b): out += b ? "true" : "false"
        case .int(let i): out += String(i)
        case .double(let d): out += MachineFormat.number(d)
        case .string(let s): out += JSONText.string(s)
        case .array(let items):
            guard !items.isEmpty else { out += "[]"; return }
            let inner = indent + "  "
            out += "["
            for (i, item) in items.enumerated() {
                if i > 0 { out += "," }
                if pretty { out += "\n" + inner }
                item.write(to: &out, pretty: pretty, indent: inner)
            }
            if pretty { out += "\n" + indent }
            out += "]"
        case .object(let members):
            guard !members.isEmpty else { out += "{}"; return }
            let inner = indent + "  "
            out += "{"
            for (i, (key, value)) in members.enumerated() {
                if i > 0 { out += "," }
                if pretty { out += "\n" + inner }
                out += JSONText.string(key) + (pretty ? ": " : ":")
                value.write(to: &out, pretty: pretty, indent: inner)
            }
            if pretty { out += "\n" + indent }
            out += "}"
        }
    }
}
