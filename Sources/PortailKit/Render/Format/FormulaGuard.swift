/// CSV injection (OWASP): a spreadsheet opening a CSV takes a cell starting with `=`, `+`,
/// `-`, `@`, a tab or a carriage return as a formula, which can run commands or leak data.
/// Such text cells are written with a leading apostrophe, which spreadsheets read as "this
/// is text". Signed numbers written as text (`-0,25`, a phone number `+33 1 23 45 67 89`)
/// cannot be formulas and are kept as they are. Typed numbers never go through here.
enum FormulaGuard {
    static func neutralized(_ text: String) -> String {
        guard let first = text.unicodeScalars.first, "=+-@\t\r".unicodeScalars.contains(first) else { return text }
        if first == "+" || first == "-" {
            let rest = text.unicodeScalars.dropFirst()
            let numeric = rest.contains { $0.properties.numericType != nil }
                && rest.allSatisfy { ("0"..."9").contains($0) || " .,()/\u{00A0}\u{202F}".unicodeScalars.contains($0) }
            if numeric { return text }
        }
        return "'" + text
    }
}
