/// Values written the way programs read them: ISO 8601 dates, `.` decimals, `true`/`false`.
/// Used by data files; pages use ``DisplayFormat`` instead.
public enum MachineFormat {
    /// Shortest text that reads back as the same Double, without exponent for everyday
    /// magnitudes and without a trailing `.0`.
    public static func number(_ value: Double) -> String {
        if value == value.rounded(), abs(value) < 1e15 {
            return String(Int(value))
        }
        return "\(value)"
    }

    /// The text of a value in a data file (empty for null). Geopoints follow the field's
    /// declared order ("lat, lon" or Frictionless' "lon, lat"); the values of a multi-valued
    /// field are joined by its separator, as in the source.
    public static func text(_ value: Value, geoOrder: ValueParser.GeoOrder = .lonLat, separator: String? = nil) -> String {
        switch value {
        case .null: return ""
        case .string(let s): return s
        case .integer(let i): return String(i)
        case .number(let d): return number(d)
        case .boolean(let b): return b ? "true" : "false"
        case .year(let y): return Day.pad(y, 4)
        case .date, .datetime, .time, .yearMonth:
            return String(decoding: ByteWriter.collect { ValueEncoding.machine(value, into: $0) }, as: UTF8.self)
        case .list(let items): return items.joined(separator: separator.map { $0 == "," || $0 == ";" ? $0 + " " : $0 } ?? ", ")
        case .geopoint(let lat, let lon):
            return geoOrder == .latLon ? "\(number(lat)), \(number(lon))" : "\(number(lon)), \(number(lat))"
        }
    }
}

/// What writing a field's values as text needs from the field: a point's order and a list's
/// separator. Exports take it out once per column: passing the whole ``Field`` for each cell
/// copied it, retaining and releasing each of its strings (3 % of a benchmark build).
struct TextLayout {
    let geoOrder: ValueParser.GeoOrder
    let separator: String?

    init(_ field: Field) {
        geoOrder = field.parser.geoOrder
        separator = field.separator
    }

    /// ``MachineFormat/text(_:geoOrder:separator:)`` with this column's layout.
    func text(_ value: Value) -> String {
        MachineFormat.text(value, geoOrder: geoOrder, separator: separator)
    }
}
