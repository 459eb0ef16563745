/// One problem found in the content or the theme, with everything needed to show it well.
///
/// Problems in user input are values, collected rather than thrown, so that one run reports all
/// of them (see ``DiagnosticLog``).
public struct Diagnostic: Error, Sendable, Hashable, Comparable {
    public enum Severity: String, Sendable, Hashable, Comparable {
        case error, warning

        public static func < (lhs: Severity, rhs: Severity) -> Bool {
            lhs == .error && rhs == .warning
        }
    }

    public let severity: Severity
    public let code: DiagnosticCode
    public let message: String
    public let location: SourceLocation
    /// The text of the line at `location`, captured when the problem was found, so the formatter
    /// never has to read the file again.
    public let sourceLine: String?
    /// Advice on how to fix it ("did you mean 'title'?", "set source.decimal to ','").
    public let hint: String?

    /// An error.
    public init(_ code: DiagnosticCode, _ message: String, at location: SourceLocation,
                sourceLine: String? = nil, hint: String? = nil) {
        self.init(.error, code, message, at: location, sourceLine: sourceLine, hint: hint)
    }

    public init(
        _ severity: Severity, _ code: DiagnosticCode, _ message: String,
        at location: SourceLocation, sourceLine: String? = nil, hint: String? = nil
    ) {
        self.severity = severity
        self.code = code
        self.message = message
        self.location = location
        self.sourceLine = sourceLine
        self.hint = hint
    }

    /// Sorted by file, line, column, then code and message, so output order never depends on
    /// the order in which concurrent stages found the problems.
    public static func < (lhs: Diagnostic, rhs: Diagnostic) -> Bool {
        if lhs.location != rhs.location { return lhs.location < rhs.location }
        if lhs.code != rhs.code { return lhs.code.rawValue < rhs.code.rawValue }
        if lhs.severity != rhs.severity { return lhs.severity < rhs.severity }
        return lhs.message < rhs.message
    }
}
