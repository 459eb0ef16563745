/// Renders diagnostics the way compilers do:
///
/// ```
/// Content/datasets/cinemas/cinemas.csv:14:87: error: "1 5x3" is not an integer in column "fauteuils" (field 'seats') [type-mismatch]
///    14 | 1;321;PATHE;…;1 5x3;…
///       |                ^
///   hint: …
/// ```
public struct DiagnosticFormatter: Sendable {
    /// How many diagnostics to print before summarising the rest as a count.
    public var limit: Int
    /// Longest source excerpt printed; longer lines are cut around the caret.
    public var excerptWidth: Int

    public init(limit: Int = 50, excerptWidth: Int = 100) {
        self.limit = limit
        self.excerptWidth = excerptWidth
    }

    public func format(_ diagnostics: [Diagnostic]) -> String {
        var out = ""
        for diagnostic in diagnostics.prefix(limit) {
            out += format(diagnostic)
        }
        if diagnostics.count > limit {
            out += "… and \(diagnostics.count - limit) more problems not shown.\n"
        }
        let errors = diagnostics.filter { $0.severity == .error }.count
        let warnings = diagnostics.count - errors
        var counts: [String] = []
        if errors > 0 { counts.append(errors == 1 ? "1 error" : "\(errors) errors") }
        if warnings > 0 { counts.append(warnings == 1 ? "1 warning" : "\(warnings) warnings") }
        if !counts.isEmpty { out += counts.joined(separator: ", ") + "\n" }
        return out
    }

    public func format(_ d: Diagnostic) -> String {
        // The `file:line:column: error: message` shape that compilers use, so that editors and
        // CI annotations jump to the place; the stable code comes last.
        var out = "\(d.location): \(d.severity.rawValue): \(d.message) [\(d.code.rawValue)]\n"
        if let line = d.sourceLine, d.location.line > 0 {
            let number = String(d.location.line)
            let gutter = String(repeating: " ", count: number.count)
            let (excerpt, caretColumn) = cut(line, around: d.location.column)
            out += " \(number) | \(excerpt)\n"
            out += " \(gutter) | \(String(repeating: " ", count: max(0, caretColumn - 1)))^\n"
        }
        if let hint = d.hint {
            out += "  hint: \(hint)\n"
        }
        return out
    }

    /// Cuts a long line (CSV rows can be thousands of characters) to a window that keeps the
    /// caret visible; tabs become spaces so the caret stays aligned.
    private func cut(_ line: String, around column: Int) -> (String, Int) {
        let characters = Array(line.replacingTabs())
        guard characters.count > excerptWidth else { return (String(characters), column) }
        let start = max(0, min(column - 1 - excerptWidth / 3, characters.count - excerptWidth))
        let end = min(characters.count, start + excerptWidth)
        var excerpt = String(characters[start..<end])
        var caret = column - start
        if start > 0 { excerpt = "…" + excerpt; caret += 1 }
        if end < characters.count { excerpt += "…" }
        return (excerpt, caret)
    }
}

extension String {
    fileprivate func replacingTabs() -> String {
        contains("\t") ? String(map { $0 == "\t" ? " " : $0 }) : self
    }
}
