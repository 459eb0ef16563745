/// Places (`spatial`) and themes (`themes`): words of the content mapped to the vocabularies
/// harvesters understand.
enum SpatialRules {
    static func resolve(_ written: Located<String>, into diagnostics: inout [Diagnostic]) -> SpatialCoverage? {
        if let place = SpatialCoverage.named(written.value) { return place }
        diagnostics.append(written.diagnostic(.invalidValue, "unknown place '\(written.value)'",
            hint: "write a country code (FR, FRA) or name (France), or the URI of a place (GeoNames, EU vocabularies)"))
        return nil
    }
}

enum ThemeRules {
    /// `site.yaml`'s `themes`: the portal's own words, each mapped to an EU theme code.
    static func words(_ mapping: [(column: Located<String>, values: [Located<String>])],
                      into diagnostics: inout [Diagnostic]) -> [String: EUTheme] {
        var words: [String: EUTheme] = [:]
        for (word, codes) in mapping {
            guard codes.count == 1, let code = EUTheme(rawValue: codes[0].value.trimmingCharacters(in: .whitespaces).uppercased()) else {
                let at = codes.first ?? word
                diagnostics.append(at.diagnostic(.invalidValue, "the theme '\(word.value)' must map to one EU theme code",
                    hint: "one of: " + EUTheme.allCases.map(\.rawValue).joined(separator: ", ")))
                continue
            }
            words[EUTheme.fold(word.value)] = code
        }
        return words
    }

    /// The EU themes of a dataset's `themes`; a word with no mapping is an error, since
    /// harvesters would otherwise file the dataset nowhere.
    static func resolve(_ themes: [Located<String>], words: [String: EUTheme],
                        into diagnostics: inout [Diagnostic]) -> [EUTheme]? {
        var result: [EUTheme] = []
        var ok = true
        for theme in themes where !theme.value.trimmingCharacters(in: .whitespaces).isEmpty {
            guard let eu = EUTheme.named(theme.value, extra: words) else {
                diagnostics.append(theme.diagnostic(.invalidValue, "the theme '\(theme.value)' matches no EU Data Theme",
                    hint: "use a common word (Culture, Éducation, Territoires, Transports…), an EU code (EDUC, REGI…), or map it in site.yaml under 'themes'"))
                ok = false
                continue
            }
            if !result.contains(eu) { result.append(eu) }
        }
        return ok ? result : nil
    }
}
