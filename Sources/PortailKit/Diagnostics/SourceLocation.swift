/// A position in a content file, as shown to the user: `path:line:column`, both 1-based.
///
/// `path` is the file's path as the user named it (relative to the working directory when the
/// content folder was given relatively), so that editors and terminals can jump to it.
public struct SourceLocation: Sendable, Hashable, Comparable, CustomStringConvertible {
    public let path: String
    public let line: Int
    public let column: Int

    public init(path: String, line: Int, column: Int) {
        self.path = path
        self.line = line
        self.column = column
    }

    /// The whole file, when no finer position exists (a missing file, an unreadable folder).
    public static func file(_ path: String) -> SourceLocation {
        SourceLocation(path: path, line: 0, column: 0)
    }

    public var description: String {
        line > 0 ? "\(path):\(line):\(column)" : path
    }

    public static func < (lhs: SourceLocation, rhs: SourceLocation) -> Bool {
        (lhs.path, lhs.line, lhs.column) < (rhs.path, rhs.line, rhs.column)
    }
}
