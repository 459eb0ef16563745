/// Licences must come from the table of known licences, so that harvesters get a URI.
enum LicenceRules {
    static func resolve(_ written: Located<String>, into diagnostics: inout [Diagnostic]) -> Licence? {
        if let licence = Licence.named(written.value.trimmingCharacters(in: .whitespaces)) { return licence }
        let accepted = Licence.known.flatMap { [$0.id] + $0.aliases }
        diagnostics.append(written.diagnostic(
            .unknownLicence, "unknown licence '\(written.value)'",
            // Only a near-certain typo is suggested: proposing another licence than the one
            // meant (CC-BY-SA for CC-BY-NC) would be worse than listing them.
            hint: Suggestion.closest(to: written.value, in: accepted, maxDistance: 1).map { "did you mean '\($0)'?" }
                ?? "known licences: " + Licence.identifiers.joined(separator: ", ")))
        return nil
    }
}
