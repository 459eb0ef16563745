/// Checks a dataset's metadata and source settings, and resolves them.
enum DatasetRules {
    static func resolve(_ spec: DatasetSpec, site: Site, themeWords: [String: EUTheme], buildDate: Day,
                        into diagnostics: inout [Diagnostic]) -> ResolvedDataset? {
        var ok = true
        if !Identifier.isSlug(spec.id.value) {
            diagnostics.append(spec.id.diagnostic(.invalidIdentifier,
                "the folder name '\(spec.id.value)' cannot be a dataset id: it becomes the dataset's URL",
                hint: "use lower-case letters, digits and hyphens, such as '\(Identifier.slug(from: spec.id.value))'"))
            ok = false
        }
        let title = SiteRules.nonEmpty(spec.title, "title", &diagnostics)
        let description = spec.description?.value.trimmingCharacters(in: .whitespacesAndNewlines) ?? ""

        var licence = site.licence
        if let written = spec.licence {
            if let resolved = LicenceRules.resolve(written, into: &diagnostics) { licence = resolved } else { ok = false }
        }
        let access = enumValue(spec.access, Access.self, "access", &diagnostics) ?? .public
        let frequency = enumValue(spec.frequency, Frequency.self, "frequency", &diagnostics)
        let issued = date(spec.issued, "issued", &diagnostics)
        let modified = date(spec.modified, "modified", &diagnostics)
        if let issued, let modified, issued > modified {
            diagnostics.append(spec.modified!.diagnostic(.invalidDate, "modified (\(modified)) is before issued (\(issued))"))
            ok = false
        }
        if let modified, modified > buildDate {
            diagnostics.append(spec.modified!.diagnostic(.invalidDate, "modified (\(modified)) is in the future (the build date is \(buildDate))",
                                                         hint: "harvesters such as data.gouv.fr refuse future dates; SOURCE_DATE_EPOCH sets the build date"))
            ok = false
        }

        let euThemes = ThemeRules.resolve(spec.themes, words: themeWords, into: &diagnostics)
        if euThemes == nil { ok = false }
        let spatial = spec.spatial.map { SpatialRules.resolve($0, into: &diagnostics) }
        if spatial.contains(where: { $0 == nil }) { ok = false }
        var temporal: TemporalCoverage?
        if spec.temporalStart != nil || spec.temporalEnd != nil {
            let start = date(spec.temporalStart, "temporal.start", &diagnostics)
            let end = date(spec.temporalEnd, "temporal.end", &diagnostics)
            if let start, let end {
                if start <= end {
                    temporal = TemporalCoverage(start: start, end: end)
                } else {
                    diagnostics.append(spec.temporalEnd!.diagnostic(.invalidDate, "temporal.end (\(end)) is before temporal.start (\(start))"))
                    ok = false
                }
            } else {
                ok = false
            }
        }
        var contact: Contact?
        if let email = spec.contactEmail {
            if URLRules.isEmail(email.value) {
                contact = Contact(name: spec.contactName?.value ?? site.publisher.name, email: email.value)
            } else {
                diagnostics.append(email.diagnostic(.invalidValue, "contact.email is not an e-mail address"))
                ok = false
            }
        } else if let email = site.publisher.email {
            contact = Contact(name: site.publisher.name, email: email)
        }

        var fields: [Field] = []
        var table: TableSource?
        var key: String?
        if let source = spec.source {
            let resolved = FieldRules.resolve(spec, source: source, site: site, into: &diagnostics)
            fields = resolved.fields
            table = resolved.table
            ok = ok && resolved.ok
            if let written = spec.key {
                if fields.contains(where: { $0.name == written.value }) {
                    key = written.value
                } else if resolved.ok {
                    diagnostics.append(written.diagnostic(.invalidValue, "the key '\(written.value)' is not a declared field",
                                                          hint: Suggestion.hint(for: written.value, in: fields.map(\.name))))
                    ok = false
                }
            }
        } else if let written = spec.key {
            diagnostics.append(written.diagnostic(.invalidValue, "a key needs a data file: add a 'source' section"))
            ok = false
        } else if !spec.fields.isEmpty {
            diagnostics.append(Diagnostic(.missingKey, "the dataset declares fields but has no 'source' section",
                                          at: spec.origin, hint: "add source: {path: data.csv}"))
            ok = false
        }

        let views = title.flatMap { ViewRules.resolve(spec, fields: fields, title: $0, into: &diagnostics) }
        if spec.source != nil && views == nil { ok = false }
        guard ok, let title, spec.description != nil, let modified else { return nil }
        // A key is the record's identity: it can never be empty.
        if let key { fields = fields.map { $0.name == key ? $0.makingRequired() : $0 } }
        return ResolvedDataset(
            id: spec.id.value, title: title, description: description,
            keywords: unique(spec.keywords), themes: unique(spec.themes), euThemes: euThemes ?? [], licence: licence,
            access: access, frequency: frequency, issued: issued, modified: modified,
            attribution: spec.attribution?.value.trimmingCharacters(in: .whitespacesAndNewlines),
            spatial: spatial.compactMap { $0 }, temporal: temporal, contact: contact, key: key, fields: fields, table: table,
            origin: spec.origin, views: views ?? ViewRules.Views())
    }

    static func enumValue<E: RawRepresentable & CaseIterable>(
        _ written: Located<String>?, _ type: E.Type, _ key: String, _ diagnostics: inout [Diagnostic]
    ) -> E? where E.RawValue == String {
        guard let written else { return nil }
        if let value = E(rawValue: written.value.trimmingCharacters(in: .whitespaces).lowercased()) { return value }
        diagnostics.append(written.diagnostic(.invalidValue, "'\(written.value)' is not a valid \(key)",
                                              hint: Suggestion.hint(for: written.value, in: E.allCases.map(\.rawValue))))
        return nil
    }

    static func date(_ written: Located<String>?, _ key: String, _ diagnostics: inout [Diagnostic]) -> Day? {
        guard let written else { return nil }
        if let day = Day(iso: written.value.trimmingCharacters(in: .whitespaces)) { return day }
        diagnostics.append(written.diagnostic(.invalidDate, "\(key) '\(written.value)' is not a date",
                                              hint: "write dates as YYYY-MM-DD, such as 2026-12-05"))
        return nil
    }

    /// Trimmed, without blanks or repeats, in written order.
    static func unique(_ values: [Located<String>]) -> [String] {
        var seen = Set<String>()
        return values.map { $0.value.trimmingCharacters(in: .whitespaces) }
            .filter { !$0.isEmpty && seen.insert($0.lowercased()).inserted }
    }
}

extension Field {
    func makingRequired() -> Field {
        Field(name: name, title: title, type: type, description: description, access: access,
              required: true, format: format, column: column, parser: parser)
    }
}
