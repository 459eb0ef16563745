/// Field types, named as in Frictionless Table Schema so that schemas can be exported as is.
public enum FieldType: String, Sendable, Hashable, CaseIterable {
    case string, integer, number, boolean, date, datetime, time, year, yearmonth, geopoint

    /// True for types shown right-aligned and sorted numerically.
    public var isNumeric: Bool {
        switch self {
        case .integer, .number, .year: return true
        default: return false
        }
    }
}
