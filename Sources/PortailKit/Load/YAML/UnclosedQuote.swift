/// Finds a quoted YAML value that is not closed on its own line. YAML allows quoted values
/// to span lines, so this is only consulted once libyaml has failed: then an open quote is
/// almost always the cause, and it sits before the place libyaml reports.
enum UnclosedQuote {
    struct Found: Equatable {
        let line: Int
        let column: Int
        let quote: Character
    }

    /// The last line before `limit` whose value opens a quote it does not close.
    static func find(in text: String, before limit: Int) -> Found? {
        var found: Found?
        var number = 0
        for raw in text.split(separator: "\n", omittingEmptySubsequences: false) {
            number += 1
            guard number < limit else { break }
            let line = Array(raw.hasSuffix("\r") ? raw.dropLast() : raw)
            guard let start = valueStart(line), start < line.count, line[start] == "\"" || line[start] == "'" else { continue }
            if !closes(line, from: start) {
                found = Found(line: number, column: start + 1, quote: line[start])
            }
        }
        return found
    }

    /// Index where the value of `key: value` or `- value` starts.
    private static func valueStart(_ line: [Character]) -> Int? {
        var i = 0
        while i < line.count, line[i] == " " { i += 1 }
        guard i < line.count, line[i] != "#" else { return nil }
        if line[i] == "-", i + 1 < line.count, line[i + 1] == " " {
            i += 2
            while i < line.count, line[i] == " " { i += 1 }
            if i < line.count, line[i] == "\"" || line[i] == "'" { return i }
        }
        // `key: value`: the first ": " outside quotes.
        var j = i
        while j + 1 < line.count {
            if line[j] == ":" && line[j + 1] == " " {
                var k = j + 2
                while k < line.count, line[k] == " " { k += 1 }
                return k
            }
            if line[j] == "\"" || line[j] == "'" { return nil }
            j += 1
        }
        return nil
    }

    private static func closes(_ line: [Character], from start: Int) -> Bool {
        let quote = line[start]
        var i = start + 1
        while i < line.count {
            if quote == "\"" && line[i] == "\\" { i += 2; continue }
            if line[i] == quote {
                if quote == "'" && i + 1 < line.count && line[i + 1] == "'" { i += 2; continue }
                return true
            }
            i += 1
        }
        return false
    }
}
