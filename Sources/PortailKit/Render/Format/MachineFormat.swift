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

    /// `HH:MM:SS`.
    public static func time(_ seconds: Int) -> String {
        "\(Day.pad(seconds / 3600, 2)):\(Day.pad(seconds / 60 % 60, 2)):\(Day.pad(seconds % 60, 2))"
    }

    /// The text of a value in a data file (empty for null). Geopoints follow the field's
    /// declared order ("lat, lon" or Frictionless' "lon, lat").
    public static func text(_ value: Value, geoOrder: ValueParser.GeoOrder = .lonLat) -> String {
        switch value {
        case .null: return ""
        case .string(let s): return s
        case .integer(let i): return String(i)
        case .number(let d): return number(d)
        case .boolean(let b): return b ? "true" : "false"
        case .date(let day): return day.description
        case .datetime(let dt): return dt.iso8601
        case .time(let t): return time(t)
        case .year(let y): return Day.pad(y, 4)
        case .yearMonth(let y, let m): return "\(Day.pad(y, 4))-\(Day.pad(m, 2))"
        case .geopoint(let lat, let lon):
            return geoOrder == .latLon ? "\(number(lat)), \(number(lon))" : "\(number(lon)), \(number(lat))"
        }
    }
}
