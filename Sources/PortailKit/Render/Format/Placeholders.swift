/// Fills the `{name}` placeholders of a translated pattern in one pass.
///
/// Dates and messages are formatted for every one of hundreds of thousands of pages; a chain
/// of Foundation's `replacingOccurrences` (one pass, and one new string, per placeholder) was
/// 5 % of a build's time. A placeholder without a value is left as it is written.
enum Placeholders {
    static func fill(_ pattern: String, _ value: (Substring) -> String?) -> String {
        var out = ""
        out.reserveCapacity(pattern.utf8.count + 16)
        var rest = Substring(pattern)
        while let open = rest.firstIndex(of: "{") {
            out += rest[..<open]
            rest = rest[open...]
            guard let close = rest.firstIndex(of: "}") else { break }
            let name = rest[rest.index(after: open)..<close]
            if let filled = value(name) { out += filled } else { out += rest[open...close] }
            rest = rest[rest.index(after: close)...]
        }
        out += rest
        return out
    }
}
