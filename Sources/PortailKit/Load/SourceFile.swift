import Foundation

/// A text file of the content or theme (YAML, Markdown, template), kept in memory so that
/// diagnostics can quote its lines.
public struct SourceFile: Sendable {
    /// The path shown to the user, as given on the command line plus the file's relative path.
    public let path: String
    public let text: String
    /// Line offset added to positions inside `text`: front matter is parsed on its own but
    /// reported at its real line in the Markdown file.
    public let lineOffset: Int

    public init(path: String, text: String, lineOffset: Int = 0) {
        self.path = path
        self.text = text
        self.lineOffset = lineOffset
    }

    /// Reads a UTF-8 file, dropping a byte-order mark; nil when it cannot be read.
    public static func read(_ url: URL, displayPath: String) -> SourceFile? {
        guard let data = try? Data(contentsOf: url) else { return nil }
        var bytes = data[...]
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes = bytes.dropFirst(3) }
        return SourceFile(path: displayPath, text: String(decoding: bytes, as: UTF8.self))
    }

    /// The text of a 1-based line of `text` (not counting `lineOffset`), without its line end.
    public func line(_ number: Int) -> String? {
        guard number >= 1 else { return nil }
        var current = 1
        var start = text.utf8.startIndex
        let utf8 = text.utf8
        var index = start
        while index < utf8.endIndex {
            if utf8[index] == UInt8(ascii: "\n") {
                if current == number { return trimmingCR(text[start..<index]) }
                current += 1
                start = utf8.index(after: index)
            }
            index = utf8.index(after: index)
        }
        return current == number ? trimmingCR(text[start..<utf8.endIndex]) : nil
    }

    private func trimmingCR(_ s: Substring) -> String {
        s.hasSuffix("\r") ? String(s.dropLast()) : String(s)
    }

    /// A location inside this file, with its line quoted for the caret.
    public func location(line: Int, column: Int) -> SourceLocation {
        SourceLocation(path: path, line: line + lineOffset, column: column)
    }

    /// A diagnostic at a line and column of `text`.
    public func diagnostic(
        _ code: DiagnosticCode, _ message: String, line: Int, column: Int,
        severity: Diagnostic.Severity = .error, hint: String? = nil
    ) -> Diagnostic {
        Diagnostic(
            severity, code, message, at: location(line: line, column: column),
            sourceLine: self.line(line), hint: hint)
    }
}
