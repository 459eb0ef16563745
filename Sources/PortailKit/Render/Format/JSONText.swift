/// Writes JSON by hand, byte for byte: keys stay in the order given (JSONEncoder's order is
/// random per process) and large exports stream at ~130 MB/s (docs/swift-stack.md §5).
public enum JSONText {
    /// A JSON string literal. `/` is not escaped; `<` is, so JSON embedded in an HTML
    /// `<script>` element can never close it.
    public static func string(_ text: String) -> String {
        var out = "\""
        out.reserveCapacity(text.utf8.count + 2)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case "<": out += "\\u003c"
            case "\u{2028}": out += "\\u2028"
            case "\u{2029}": out += "\\u2029"
            default:
                if scalar.value < 0x20 {
                    out += "\\u00" + (scalar.value < 0x10 ? "0" : "") + String(scalar.value, radix: 16)
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out + "\""
    }

    /// The JSON for a typed value: numbers and booleans as such, dates as ISO 8601 strings,
    /// geopoints as `{"lat": …, "lon": …}` (Frictionless' object form, unambiguous).
    public static func value(_ value: Value) -> String {
        switch value {
        case .null: return "null"
        case .string(let s): return string(s)
        case .integer(let i): return String(i)
        case .number(let d): return MachineFormat.number(d)
        case .boolean(let b): return b ? "true" : "false"
        case .year(let y): return String(y)
        case .geopoint(let lat, let lon): return "{\"lat\":\(MachineFormat.number(lat)),\"lon\":\(MachineFormat.number(lon))}"
        case .date, .datetime, .time, .yearMonth: return string(MachineFormat.text(value))
        }
    }
}
