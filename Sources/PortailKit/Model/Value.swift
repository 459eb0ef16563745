/// One typed cell of a dataset. Every renderer works from these, never from the source text.
public enum Value: Sendable, Hashable, Codable {
    case null
    case string(String)
    case integer(Int)
    case number(Double)
    case boolean(Bool)
    case date(Day)
    /// An instant, with the UTC offset it is shown in (the source's, or the site's time zone).
    case datetime(DateTime)
    /// Seconds since midnight.
    case time(Int)
    case year(Int)
    case yearMonth(year: Int, month: Int)
    /// WGS 84 coordinates in degrees.
    case geopoint(latitude: Double, longitude: Double)
    /// The values of a multi-valued text field (a `separator` is declared).
    case list([String])

    public var isNull: Bool {
        if case .null = self { return true }
        return false
    }
}
