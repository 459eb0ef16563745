import Foundation

/// Checks `site.yaml` and resolves it into a ``Site``.
enum SiteRules {
    static func resolve(_ spec: SiteSpec, baseURLOverride: String?, languages: [String],
                        into diagnostics: inout [Diagnostic]) -> Site? {
        let title = nonEmpty(spec.title, "title", &diagnostics)

        var baseURL: String?
        if let override = baseURLOverride {
            baseURL = URLRules.normalizedBaseURL(override)
            if baseURL == nil {
                diagnostics.append(Diagnostic(.invalidURL, "--base-url '\(override)' is not an absolute http(s) URL",
                                              at: .file("--base-url"), hint: "write it as https://data.example.org/"))
            }
        } else if let written = spec.baseURL {
            baseURL = URLRules.normalizedBaseURL(written.value)
            if baseURL == nil {
                diagnostics.append(written.diagnostic(.invalidURL, "base_url must be an absolute http(s) URL",
                                                      hint: "write it as https://data.example.org/ (the address where the portal is published)"))
            }
        } else {
            diagnostics.append(Diagnostic(.missingKey, "missing required key 'base_url'", at: spec.origin,
                                          sourceLine: nil, hint: "the address where the portal is published, such as https://data.example.org/; --base-url can give it instead"))
        }

        let language = spec.language?.value ?? "fr"
        if !languages.contains(language) {
            let at = spec.language?.location ?? spec.origin
            diagnostics.append(Diagnostic(.invalidValue, "the theme has no translation for language '\(language)'", at: at,
                                          sourceLine: spec.language?.sourceLine,
                                          hint: Suggestion.hint(for: language, in: languages)))
        }

        let siteLanguages = interfaceLanguages(spec, default: language, available: languages, into: &diagnostics)

        var timeZone = TimeZone(identifier: "Europe/Paris")!
        if let written = spec.timezone {
            if let zone = TimeZone(identifier: written.value) {
                timeZone = zone
            } else {
                diagnostics.append(written.diagnostic(.invalidValue, "unknown time zone '\(written.value)'",
                                                      hint: "use an IANA name such as Europe/Paris or America/Cayenne"))
            }
        }

        let licence = spec.licence.flatMap { LicenceRules.resolve($0, into: &diagnostics) }

        var publisher: Publisher?
        if let p = spec.publisher, let name = nonEmpty(p.name, "publisher.name", &diagnostics) {
            if let url = p.url, !URLRules.isHTTP(url.value) {
                diagnostics.append(url.diagnostic(.invalidURL, "publisher.url must be an absolute http(s) URL"))
            }
            if let email = p.email, !URLRules.isEmail(email.value) {
                diagnostics.append(email.diagnostic(.invalidValue, "publisher.email is not an e-mail address"))
            }
            let type = DatasetRules.enumValue(p.type, PublisherType.self, "publisher type", &diagnostics)
            publisher = Publisher(name: name, url: p.url?.value, email: p.email?.value, type: type)
        }
        let spatial = spec.spatial.compactMap { SpatialRules.resolve($0, into: &diagnostics) }

        var map = MapSettings.openStreetMap
        if spec.mapTiles != nil || spec.mapAttribution != nil {
            let tiles = spec.mapTiles?.value ?? map.tiles
            if let written = spec.mapTiles, !(URLRules.isHTTP(written.value.replacingOccurrences(of: "{s}", with: "a"))
                                               && written.value.contains("{z}") && written.value.contains("{x}") && written.value.contains("{y}")) {
                diagnostics.append(written.diagnostic(.invalidURL, "map.tiles must be an https URL template with {z}, {x} and {y}",
                                                      hint: "such as https://tile.openstreetmap.org/{z}/{x}/{y}.png"))
            }
            if spec.mapTiles != nil && spec.mapAttribution == nil {
                diagnostics.append(spec.mapTiles!.diagnostic(.missingKey, "a tile server needs its attribution: add map.attribution",
                                                             hint: "tile providers' terms require the credit shown on the map"))
            }
            if let url = spec.mapAttributionURL, !URLRules.isHTTP(url.value) {
                diagnostics.append(url.diagnostic(.invalidURL, "map.attribution_url must be an absolute http(s) URL"))
            }
            map = MapSettings(tiles: tiles, attribution: spec.mapAttribution?.value ?? map.attribution,
                              attributionURL: spec.mapAttributionURL?.value ?? (spec.mapTiles == nil ? map.attributionURL : nil))
        }

        var mode = MembersSettings.Mode.encrypted
        if let written = spec.membersMode {
            if let known = MembersSettings.Mode(rawValue: written.value.trimmingCharacters(in: .whitespaces).lowercased()) {
                mode = known
            } else {
                diagnostics.append(written.diagnostic(.invalidValue, "unknown members.mode '\(written.value)'",
                                                      hint: Suggestion.hint(for: written.value, in: MembersSettings.Mode.allCases.map(\.rawValue))))
            }
        }
        var membersBaseURL: String?
        if let written = spec.membersBaseURL {
            membersBaseURL = URLRules.normalizedBaseURL(written.value)
            if membersBaseURL == nil {
                diagnostics.append(written.diagnostic(.invalidURL, "members.base_url must be an absolute http(s) URL"))
            }
        }

        guard let title, let baseURL, let licence, let publisher, languages.contains(language), let siteLanguages else { return nil }
        var site = Site(title: title, description: spec.description?.value ?? "", baseURL: baseURL, language: language,
                        publisher: publisher, licence: licence, timeZone: timeZone, spatial: spatial)
        site.languages = siteLanguages
        site.map = map
        // The separate tree lives beside the public one unless told otherwise.
        site.members = MembersSettings(mode: mode, baseURL: membersBaseURL ?? (mode == .separate ? baseURL + "membres/" : nil))
        return site
    }

    /// `languages`: the interface languages, the default first. Each needs a translation in
    /// the theme, none is listed twice, and the first is `language` when both are written.
    /// Nil when one of them is wrong (reported).
    static func interfaceLanguages(_ spec: SiteSpec, default language: String, available: [String],
                                   into diagnostics: inout [Diagnostic]) -> [String]? {
        guard let first = spec.languages.first else { return [language] }
        var valid = true
        if spec.languageIsWritten && first.value != language {
            diagnostics.append(first.diagnostic(.invalidValue, "'languages' must start with the default language '\(language)', the value of 'language'",
                                                hint: "write languages: [\(language), …], or leave 'language' out"))
            valid = false
        }
        var seen: Set<String> = []
        for entry in spec.languages {
            if !seen.insert(entry.value).inserted {
                diagnostics.append(entry.diagnostic(.invalidValue, "language '\(entry.value)' is listed twice in 'languages'",
                                                    hint: "list each language once, the default first"))
                valid = false
            } else if !available.contains(entry.value) {
                valid = false
                // The default language is reported above, where it is written.
                if entry.value == language { continue }
                diagnostics.append(entry.diagnostic(.invalidValue, "the theme has no translation for language '\(entry.value)'",
                                                    hint: Suggestion.hint(for: entry.value, in: available)))
            }
        }
        return valid ? spec.languages.map(\.value) : nil
    }

    static func nonEmpty(_ value: Located<String>?, _ key: String, _ diagnostics: inout [Diagnostic]) -> String? {
        guard let value else { return nil }  // already reported as missing by the loader
        let trimmed = value.value.trimmingCharacters(in: .whitespacesAndNewlines)
        if trimmed.isEmpty {
            diagnostics.append(value.diagnostic(.invalidValue, "'\(key)' must not be empty"))
            return nil
        }
        return trimmed
    }
}
