/// The decimal separator of a source file's numbers (`source.decimal`).
public enum DecimalMark: String, Sendable, Hashable {
    /// Either `.` or `,`, whichever a value holds; a value holding both is refused as ambiguous.
    case auto
    case point = "."
    case comma = ","
}
