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

    /// Reads a UTF-8 file, dropping a byte-order mark; nil when it cannot be read or is not
    /// UTF-8 (``load(_:displayPath:)`` says which).
    public static func read(_ url: URL, displayPath: String) -> SourceFile? {
        try? load(url, displayPath: displayPath).get()
    }

    /// Reads a UTF-8 file, dropping a byte-order mark. A byte that is not UTF-8 is an error at
    /// its line and column: decoding it as U+FFFD would silently publish mangled text.
    public static func load(_ url: URL, displayPath: String) -> Result<SourceFile, Diagnostic> {
        guard let data = try? Data(contentsOf: url) else {
            return .failure(Diagnostic(.unreadableFile, "cannot read this file", at: .file(displayPath)))
        }
        let bytes = Array(data.starts(with: [0xEF, 0xBB, 0xBF]) ? data.dropFirst(3) : data[...])
        if let bad = bytes.withUnsafeBytes({ TextEncoding.firstInvalidUTF8(in: $0) }) {
            let lineStart = bytes[..<bad].lastIndex(of: 0x0A).map { $0 + 1 } ?? 0
            let lineEnd = bytes[bad...].firstIndex(of: 0x0A) ?? bytes.count
            let line = bytes[..<bad].reduce(1) { $1 == 0x0A ? $0 + 1 : $0 }
            let column = String(decoding: bytes[lineStart..<bad], as: UTF8.self).count + 1
            var text = String(decoding: bytes[lineStart..<lineEnd], as: UTF8.self)
            if text.hasSuffix("\r") { text.removeLast() }
            let byte = String(bytes[bad], radix: 16, uppercase: true)
            return .failure(Diagnostic(.error, .textEncoding, "the file is not valid UTF-8 (byte 0x\(byte.count == 1 ? "0" : "")\(byte))",
                                       at: SourceLocation(path: displayPath, line: line, column: column), sourceLine: text,
                                       hint: "save it as UTF-8 (a byte like this one usually means the file was saved as Windows-1252 or Latin-1)"))
        }
        return .success(SourceFile(path: displayPath, text: String(decoding: bytes, as: UTF8.self)))
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
