/// "Did you mean …?" hints for mistyped keys and names, by edit distance.
public enum Suggestion {
    /// The closest candidate within a distance that still looks like a typo, or nil.
    /// - Parameter maxDistance: the largest distance accepted; by default a third of the
    ///   candidate's length (at least 1, at most 3).
    public static func closest(to word: String, in candidates: some Sequence<String>, maxDistance: Int? = nil) -> String? {
        let lowered = word.lowercased()
        var best: (String, Int)?
        for candidate in candidates {
            let distance = editDistance(lowered, candidate.lowercased())
            let allowed = maxDistance ?? max(1, min(3, candidate.count / 3))
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

    /// Edit distance where swapping two neighbouring letters counts as one edit (optimal string
    /// alignment), since `tpye` for `type` is the most common typo of all.
    static func editDistance(_ a: String, _ b: String) -> Int {
        let a = Array(a), b = Array(b)
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var d = [[Int]](repeating: [Int](repeating: 0, count: b.count + 1), count: a.count + 1)
        for i in 0...a.count { d[i][0] = i }
        for j in 0...b.count { d[0][j] = j }
        for i in 1...a.count {
            for j in 1...b.count {
                let cost = a[i - 1] == b[j - 1] ? 0 : 1
                d[i][j] = min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost)
                if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] {
                    d[i][j] = min(d[i][j], d[i - 2][j - 2] + 1)
                }
            }
        }
        return d[a.count][b.count]
    }
}
