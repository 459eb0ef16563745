import Foundation

/// `portail import <dataset-id> FILE`: validates incoming entries (contributions from the
/// agenda's form, or an OpenAgenda export) and merges them into the dataset's data file by
/// key. Every problem is reported with its place in FILE, and if there is one, nothing
/// changes. Importing the same file twice changes nothing the second time.
public enum DatasetImport {
    public struct Outcome: Sendable {
        public let diagnostics: [Diagnostic]
        public let added: Int
        public let updated: Int
        public let unchanged: Int
        /// The data file was rewritten.
        public let wrote: Bool
        public var succeeded: Bool { !diagnostics.contains { $0.severity == .error } }
    }

    public static func run(_ options: BuildOptions, dataset id: String, file: URL, fileDisplay: String,
                           dryRun: Bool = false) -> Outcome {
        func fail(_ diagnostics: [Diagnostic]) -> Outcome {
            Outcome(diagnostics: diagnostics.sorted(), added: 0, updated: 0, unchanged: 0, wrote: false)
        }
        // 1. The content must be valid before anything is merged into it.
        let (rawTheme, _) = ThemeLoader(root: options.theme, displayRoot: options.themeDisplay).load()
        let (raw, loadProblems) = ContentLoader(root: options.content, displayRoot: options.contentDisplay).load()
        var diagnostics = loadProblems
        let languages = rawTheme.map { Array($0.translations.keys).sorted() } ?? ["fr"]
        guard let content = Validator.validateMetadata(raw, languages: languages, baseURLOverride: options.baseURL,
                                                       buildDate: options.buildDate, into: &diagnostics),
              !diagnostics.contains(where: { $0.severity == .error }) else { return fail(diagnostics) }
        guard let dataset = content.datasets.first(where: { $0.id == id }), let table = dataset.table, let key = dataset.key else {
            let known = content.datasets.filter { $0.table != nil && $0.key != nil }.map(\.id)
            return fail([Diagnostic(.invalidValue, "'\(id)' is not a dataset with a data file and a key",
                                    at: .file(options.contentDisplay), hint: Suggestion.hint(for: id, in: known))])
        }
        let zone = ZoneOffsets(content.site.timeZone)
        var venues: [String: Venue] = [:]
        if let roles = dataset.views.agenda, let venueDataset = content.datasets.first(where: { $0.id == roles.venuesDataset }) {
            let outcome = TableRules.check(venueDataset, zone: zone) { _, _ in }
            diagnostics += outcome.diagnostics
            venues = Dictionary(outcome.venues.values.map { ($0.key, $0) }, uniquingKeysWith: { $1 })
        }
        let existing = TableRules.check(dataset, venues: Set(venues.keys), zone: zone) { _, _ in }
        diagnostics += existing.diagnostics
        guard !diagnostics.contains(where: { $0.severity == .error }) else { return fail(diagnostics) }

        // 2. Read the file.
        let source: SourceFile
        switch SourceFile.load(file, displayPath: fileDisplay) {
        case .success(let loaded): source = loaded
        case .failure(let problem):
            return fail([problem.code == .unreadableFile
                ? Diagnostic(.missingFile, "cannot read the file to import", at: .file(fileDisplay)) : problem])
        }
        let json: PositionedJSON
        do {
            json = try PositionedJSON.parse(source.text)
        } catch let error as PositionedJSON.SyntaxError {
            return fail([source.diagnostic(.importSyntax, "not valid JSON: \(error.message)", line: error.position.line, column: error.position.column)])
        } catch {
            return fail([Diagnostic(.importSyntax, "not valid JSON", at: .file(fileDisplay))])
        }
        var problems: [Diagnostic] = []
        func report(_ message: String, _ at: PositionedJSON.Position, _ hint: String?) {
            problems.append(source.diagnostic(.importEntry, message, line: at.line, column: at.column, hint: hint))
        }
        let rows: [IncomingRow]
        if ContributionFormat.matches(json) {
            if let target = json["dataset"]?.string, target != id {
                report("this contribution is for the dataset '\(target)', not '\(id)'", json["dataset"]!.position, nil)
            }
            rows = ContributionFormat.rows(json, report: report)
        } else if OpenAgendaFormat.matches(json), let roles = dataset.views.agenda {
            rows = OpenAgendaFormat.rows(json, context: .init(roles: roles, fields: dataset.fields, key: key, venues: venues,
                                                              venuesDatasetID: roles.venuesDataset, language: content.site.language,
                                                              zone: zone), report: report)
        } else {
            return fail([source.diagnostic(.importSyntax, "the file is neither an agenda contribution nor an OpenAgenda export",
                                           line: json.position.line, column: json.position.column,
                                           hint: "contributions have \"portail\": \"agenda-contribution\"; OpenAgenda exports have events with 'uid' and 'timings'")])
        }

        // 3. Read the data file: updates are validated as the whole row they will make.
        let keyColumn = dataset.fields.first { $0.name == key }!.column
        let merger: CSVMerge
        do {
            merger = try CSVMerge(file: try Data(contentsOf: table.url), delimiter: table.delimiter, keyColumn: keyColumn)
        } catch CSVMerge.Failure.notUTF8 {
            return fail([Diagnostic(.csvEncoding, "imports write UTF-8 data files only", at: .file(table.path),
                                    hint: "convert the file to UTF-8 first")])
        } catch {
            return fail([Diagnostic(.unreadableFile, "cannot read the data file: \(error)", at: .file(table.path))])
        }

        // 4. Validate each entry as the build validates a row.
        var seen: [String: PositionedJSON.Position] = [:]
        var cells: [[String: String]] = []
        for row in rows {
            guard let keyText = row.cells[key]?.trimmingCharacters(in: .whitespaces), !keyText.isEmpty else {
                report("this entry has no '\(key)', the key that identifies it", row.origin, nil)
                continue
            }
            if (dataset.views.agenda != nil || dataset.views.place != nil || dataset.views.recordTitle != nil) && !Identifier.isSlug(keyText) {
                report("the key \"\(keyText)\" cannot be part of an address", row.positions[key] ?? row.origin,
                       "keys use lower-case letters, digits and single hyphens, such as '\(Identifier.slug(from: keyText))'")
            }
            if let first = seen[keyText] {
                report("the key '\(keyText)' is used twice in this file (first at line \(first.line))", row.positions[key] ?? row.origin, nil)
            }
            seen[keyText] = row.positions[key] ?? row.origin
            for name in row.cells.keys.sorted() where !dataset.fields.contains(where: { $0.name == name }) {
                report("'\(name)' is not a field of '\(id)'", row.keyPositions[name] ?? row.positions[name] ?? row.origin,
                       Suggestion.hint(for: name, in: dataset.fields.map(\.name)))
            }
            if row.rejected { continue }
            let current = merger.cells(forKey: keyText) ?? [:]
            var values = [Value](repeating: .null, count: dataset.fields.count)
            var columns: [String: String] = [:]
            for (i, field) in dataset.fields.enumerated() {
                if let text = row.cells[field.name] { columns[field.column] = field.name == key ? keyText : text }
                guard let text = row.cells[field.name] ?? current[field.column] else {
                    if field.required { report("'\(field.name)' is required", row.origin, nil) }
                    continue
                }
                let at = row.positions[field.name] ?? row.origin
                let trimmed = text.trimmingCharacters(in: .whitespaces)
                if trimmed.isEmpty || table.missingValues.contains(trimmed) {
                    if field.required { report("'\(field.name)' is required", at, nil) }
                    continue
                }
                switch field.parser.parse(text) {
                case .success(let value): values[i] = value
                case .failure(let failure): report("\(failure.message) for '\(field.name)'", at, failure.hint)
                }
            }
            if let roles = dataset.views.agenda, let keyIndex = dataset.fields.firstIndex(where: { $0.name == key }) {
                _ = EventRows.event(values, roles: roles, keyIndex: keyIndex, venues: Set(venues.keys), zone: zone,
                                    locate: { field in
                                        let at = row.positions[dataset.fields[field].name] ?? row.origin
                                        return (source.location(line: at.line, column: at.column), source.line(at.line) ?? "")
                                    }, report: { problems.append($0) })
            }
            cells.append(columns)
        }
        guard problems.isEmpty else { return fail(problems) }

        // 5. Merge, and write only when something changed.
        let merged = merger.merge(cells)
        if let bytes = merged.bytes, !dryRun {
            do {
                try bytes.write(to: table.url, options: .atomic)
            } catch {
                return fail([Diagnostic(.unreadableFile, "cannot write the data file: \(error.localizedDescription)", at: .file(table.path))])
            }
        }
        return Outcome(diagnostics: [], added: merged.added, updated: merged.updated, unchanged: merged.unchanged,
                       wrote: merged.bytes != nil && !dryRun)
    }
}
