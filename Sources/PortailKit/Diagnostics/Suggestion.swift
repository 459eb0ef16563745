/// "Did you mean …?" hints for mistyped keys and names, by edit distance.
public enum Suggestion {
    /// The closest candidate within a distance that still looks like a typo, or nil.
    public static func closest(to word: String, in candidates: some Sequence<String>) -> String? {
        let lowered = word.lowercased()
        var best: (String, Int)?
        for candidate in candidates {
            let distance = editDistance(lowered, candidate.lowercased())
            let allowed = max(1, min(3, candidate.count / 3))
            guard distance <= allowed else { continue }
            if best == nil || distance < best!.1 || (distance == best!.1 && candidate < best!.0) {
                best = (candidate, distance)
            }
        }
        return best?.0
    }

    /// A "did you mean" hint, or a list of the accepted values when nothing is close.
    public static func hint(for word: String, in candidates: [String], listing: Bool = true) -> String? {
        if let match = closest(to: word, in: candidates) {
            return "did you mean '\(match)'?"
        }
        guard listing, !candidates.isEmpty else { return nil }
        return "expected one of: " + candidates.sorted().joined(separator: ", ")
    }

    /// Levenshtein distance over characters.
    static func editDistance(_ a: String, _ b: String) -> Int {
        let a = Array(a), b = Array(b)
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var previous = Array(0...b.count)
        var current = [Int](repeating: 0, count: b.count + 1)
        for i in 1...a.count {
            current[0] = i
            for j in 1...b.count {
                let cost = a[i - 1] == b[j - 1] ? 0 : 1
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
            }
            swap(&previous, &current)
        }
        return previous[b.count]
    }
}
