/// A value read from a content file together with where it was written, so that later stages
/// (validation, model building) can still point the user at the source.
public struct Located<Value: Sendable>: Sendable {
    public let value: Value
    public let location: SourceLocation
    public let sourceLine: String?

    public init(_ value: Value, at location: SourceLocation, sourceLine: String? = nil) {
        self.value = value
        self.location = location
        self.sourceLine = sourceLine
    }

    public func map<T>(_ transform: (Value) -> T) -> Located<T> {
        Located<T>(transform(value), at: location, sourceLine: sourceLine)
    }

    /// A diagnostic pointing at this value.
    public func diagnostic(
        _ code: DiagnosticCode, _ message: String,
        severity: Diagnostic.Severity = .error, hint: String? = nil
    ) -> Diagnostic {
        Diagnostic(severity, code, message, at: location, sourceLine: sourceLine, hint: hint)
    }
}

extension Located: Equatable where Value: Equatable {
    public static func == (lhs: Located, rhs: Located) -> Bool { lhs.value == rhs.value }
}
