/// Why a cell does not fit its field's type, worded for the user.
public struct ParseFailure: Error, Sendable, Hashable {
    public let message: String
    public let hint: String?

    public init(_ message: String, hint: String? = nil) {
        self.message = message
        self.hint = hint
    }
}
