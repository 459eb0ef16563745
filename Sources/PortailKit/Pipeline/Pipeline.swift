import Foundation

/// The one place where the stages are sequenced: Load → Validate → Model → Render → Write.
///
/// `portail build` passes a ``StagingDirectory`` as destination and commits it on success;
/// `portail check` passes a ``DiscardOutput``, so it runs every stage, templates included,
/// and writes nothing.
public enum Pipeline {
    public static func run(_ options: BuildOptions, to destination: any OutputDestination,
                           progress: any BuildProgress = SilentProgress()) async -> BuildResult {
        let log = DiagnosticLog()
        func failed() -> BuildResult { BuildResult(diagnostics: log.sorted, catalog: nil, fileCount: 0) }

        // 1. Load: read everything, reporting every problem met.
        progress.stage("load", detail: options.contentDisplay)
        let (rawTheme, themeProblems) = ThemeLoader(root: options.theme, displayRoot: options.themeDisplay).load()
        let (raw, contentProblems) = ContentLoader(root: options.content, displayRoot: options.contentDisplay).load()
        log.report(contentsOf: themeProblems + contentProblems)

        // The theme is compiled early so that template errors come with content errors.
        var theme: Theme?
        if let rawTheme {
            let language = raw.site?.language?.value ?? "fr"
            let (compiled, problems) = Theme.compile(rawTheme, language: language)
            theme = compiled
            log.report(contentsOf: problems)
        }

        // 2. Validate: metadata first, then every data file, concurrently.
        progress.stage("validate", detail: "\(raw.datasets.count) datasets")
        var metadataProblems: [Diagnostic] = []
        let languages = rawTheme.map { Array($0.translations.keys).sorted() } ?? ["fr"]
        let validated = Validator.validateMetadata(raw, languages: languages, baseURLOverride: options.baseURL,
                                                   buildDate: options.buildDate, into: &metadataProblems)
        log.report(contentsOf: metadataProblems)
        guard var validated else { return failed() }
        if options.revealMembers { validated = validated.revealed() }
        // What the previous build's work is checked against: read once, before any data file.
        let previous = options.cache.map { cache in
            (cache: cache, parts: InputParts(options: options, tables: validated.datasets.map { ($0.id, $0.table) }))
        }
        // Agendas refer to the places of another dataset: places are read first.
        var tables = await checkTables(validated.datasets.filter { $0.views.agenda == nil }, total: validated.datasets,
                                       venues: [:], zone: ZoneOffsets(validated.site.timeZone), log: log, progress: progress,
                                       reuse: previous)
        previous?.cache.retainTables(only: Set(validated.datasets.map(\.id)))
        let agendas = validated.datasets.filter { $0.views.agenda != nil }
        if !agendas.isEmpty {
            // Places whose file has errors are not a reference to check events against.
            let venues = Dictionary(uniqueKeysWithValues: agendas.map { agenda -> (String, Set<String>?) in
                guard let places = tables[agenda.views.agenda!.venuesDataset],
                      !places.diagnostics.contains(where: { $0.severity == .error }) else { return (agenda.id, nil) }
                return (agenda.id, Set(places.venues.keys))
            })
            tables.merge(await checkTables(agendas, total: validated.datasets, venues: venues,
                                           zone: ZoneOffsets(validated.site.timeZone), log: log, progress: progress)) { $1 }
        }
        guard !log.hasErrors, let theme else { return failed() }
        FreedMemory.giveBack()

        // 3. Model.
        var catalog = CatalogBuilder.build(validated, tables: tables, buildDate: options.buildDate)

        // 4–5. Render and write: exports stream first, since pages describe their files.
        do {
            progress.stage("export", detail: "\(catalog.datasets.filter(\.publishesRecords).count) datasets")
            // Maps need Leaflet; without it the build goes on, and maps become lists of places.
            var leaflet: [(path: String, url: URL)] = []
            if catalog.datasets.contains(where: { $0.publishesRecords && $0.geometry != nil }) {
                if let found = options.leaflet.flatMap(LeafletLoader.files(in:)) { leaflet = found } else {
                    log.report(LeafletLoader.missingWarning(options.leaflet))
                }
            }
            let reuse = previous.map { previous in
                (cache: previous.cache, keys: UnitKeys(parts: previous.parts, theme: options.theme, datasets: catalog.datasets,
                                                   pages: catalog.pages, agenda: catalog.agenda, mapAvailable: !leaflet.isEmpty))
            }
            let exports = try await export(catalog, to: destination, reuse: reuse, progress: progress)
            catalog.members = try await membersEdition(catalog, options: options, to: destination, log: log, progress: progress)
            FreedMemory.giveBack()
            let records = catalog.datasets.reduce(0) { $0 + $1.recordKeys.count }
            progress.stage("render", detail: "\(catalog.datasets.count) datasets, \(catalog.pages.count) pages, \(records) records, "
                           + "\(catalog.agenda?.events.count ?? 0) events")
            // The files for machines and the pages read the same model and write different
            // files: made side by side, the metadata's work (one task, the sitemap's hundreds of
            // thousands of events) no longer leaves a core idle before the pages start.
            let model = catalog
            async let described = renderMetadata(model, exports: exports, locale: theme.localization, to: destination, reuse: reuse)
            let pages = try await HTMLRenderer(catalog: model, theme: theme, mapAvailable: !leaflet.isEmpty, reuse: reuse)
                .render(exports: exports, to: destination)
            let metadata = try await described
            reuse?.cache.retain(only: Set(exports.keys.map { "exports:\($0)" } + catalog.datasets.map { "records:\($0.id)" }
                                          + ["agenda", "metadata", "sitemap"]))
            for asset in theme.assets { try destination.copy("assets/\(asset.path)", from: asset.url) }
            for file in leaflet { try destination.copy("assets/leaflet/\(file.path)", from: file.url) }
            let exported = exports.values.reduce(0) { $0 + $1.files.count + $1.chunkCount }
            return BuildResult(diagnostics: log.sorted, catalog: catalog, fileCount: exported + metadata + pages + theme.assets.count)
        } catch {
            log.report(Diagnostic(.unreadableFile, "the build failed while writing: \(error)", at: .file(options.contentDisplay)))
            return failed()
        }
    }

    /// Reads every data file once, checking every cell. Returns record counts by dataset id.
    ///
    /// With the previous build's cache, a data file whose check gives no more than its row
    /// count and extent, and found no problem, is not read again while its inputs are the same
    /// (``RenderCache/CheckedTable``).
    private static func checkTables(_ datasets: [ResolvedDataset], total: [ResolvedDataset], venues: [String: Set<String>?],
                                    zone: ZoneOffsets, log: DiagnosticLog, progress: any BuildProgress,
                                    reuse: (cache: RenderCache, parts: InputParts)? = nil) async -> [String: TableRules.Outcome] {
        await withTaskGroup(of: (String, TableRules.Outcome).self) { group in
            for dataset in datasets where dataset.table != nil {
                let index = (total.firstIndex { $0.id == dataset.id } ?? 0) + 1
                // Record pages, places and events keep what they read of every record.
                let keepable = dataset.views.recordTitle == nil && dataset.views.place == nil && dataset.views.agenda == nil
                let key = reuse.flatMap { reuse in
                    keepable ? (["table", dataset.id, reuse.parts.common] + reuse.parts.inputs(of: [dataset.id])).joined(separator: "|") : nil
                }
                group.addTask {
                    if let reuse, let key, let checked = reuse.cache.checkedTable(dataset.id, key: key) {
                        var outcome = TableRules.Outcome()
                        outcome.rowCount = checked.rowCount
                        outcome.extent = checked.extent
                        return (dataset.id, outcome)
                    }
                    progress.datasetStarted(dataset.id, index: index, of: total.count, stage: "validate",
                                            bytes: dataset.table?.bytes.count ?? 0)
                    let outcome = TableRules.check(dataset, venues: venues[dataset.id] ?? [], zone: zone) { rows, bytes in
                        progress.datasetRows(dataset.id, rows: rows, bytesRead: bytes)
                    }
                    log.report(contentsOf: outcome.diagnostics)
                    progress.datasetFinished(dataset.id, rows: outcome.rowCount, stage: "validate")
                    if let reuse {
                        reuse.cache.storeTable(dataset.id, key.flatMap { key in outcome.diagnostics.isEmpty
                            ? RenderCache.CheckedTable(key: key, rowCount: outcome.rowCount, extent: outcome.extent) : nil })
                    }
                    return (dataset.id, outcome)
                }
            }
            var outcomes: [String: TableRules.Outcome] = [:]
            for await (id, outcome) in group { outcomes[id] = outcome }
            return outcomes
        }
    }

    /// Writes the encrypted members' edition when there is restricted data and a passphrase;
    /// says where members find it otherwise, or warns that it is not published.
    private static func membersEdition(_ catalog: Catalog, options: BuildOptions, to destination: any OutputDestination,
                                       log: DiagnosticLog, progress: any BuildProgress) async throws -> MembersPublication {
        if options.revealMembers { return .revealed }
        let restricted = catalog.datasets.filter(\.hasRestrictedData)
        guard !restricted.isEmpty else { return .none }
        let site = catalog.site
        let siteFile = SourceLocation.file(options.contentDisplay + "/site.yaml")
        switch site.members.mode {
        case .separate:
            if options.writesMembersTree, let url = site.members.baseURL { return .separate(url) }
            log.report(Diagnostic(.warning, .membersNotPublished,
                                  "members-only data is not published: members.mode is separate, and no members' tree is written",
                                  at: siteFile, hint: "pass --members-output DIR to write it"))
            return .none
        case .encrypted:
            guard let passphrase = options.membersPassphrase else {
                log.report(Diagnostic(.warning, .membersNotPublished,
                                      "members-only data is not published: no members' passphrase was given",
                                      at: siteFile, hint: "set PORTAIL_MEMBERS_PASSPHRASE, or pass --members-passphrase-file FILE"))
                return .none
            }
            progress.stage("members", detail: "\(restricted.count) datasets, encrypted")
            let key = try MembersKey(passphrase: passphrase, baseURL: site.baseURL)
            return .encrypted(try await MembersExporter(catalog: catalog, key: key, destination: destination).export())
        }
    }

    /// The files that describe the portal to machines, kept as they are while their inputs are
    /// the same (at the benchmark's S=10, the sitemap of 250,000 events alone was a seventh of
    /// a rebuild after a page's text changed): the sitemap in a unit of its own, which reads
    /// less. Returns how many files.
    private static func renderMetadata(_ catalog: Catalog, exports: [String: DatasetExports], locale: Localization,
                                       to destination: any OutputDestination,
                                       reuse: (cache: RenderCache, keys: UnitKeys)?) throws -> Int {
        func unit(_ unit: String, key: String?, _ render: (any OutputDestination) throws -> Int) throws -> Int {
            if let reuse, let key, case .pages(let paths, _)? = try reuse.cache.keep(unit, key: key, in: destination) { return paths.count }
            let recorder = RecordingOutput(destination)
            let count = try render(recorder)
            if let reuse, let key { reuse.cache.store(unit, key: key, .pages(recorder.paths, bytes: recorder.bytes)) }
            return count
        }
        let files = try unit("metadata", key: reuse?.keys.metadata()) {
            try MetadataRenderer(catalog: catalog, exports: exports, locale: locale).render(to: $0)
        }
        return try files + unit("sitemap", key: reuse?.keys.sitemap()) {
            try SitemapBuilder.files(catalog, urls: SiteURLs(catalog.site), to: $0)
        }
    }

    private static func export(_ catalog: Catalog, to destination: any OutputDestination,
                               reuse: (cache: RenderCache, keys: UnitKeys)?,
                               progress: any BuildProgress) async throws -> [String: DatasetExports] {
        let publishing = catalog.datasets.filter(\.publishesRecords)
        return try await withThrowingTaskGroup(of: (String, DatasetExports).self) { group in
            for (index, dataset) in publishing.enumerated() {
                group.addTask {
                    let unit = "exports:\(dataset.id)", key = reuse?.keys.exports(dataset)
                    // Unchanged inputs: the previous output's files are kept as they are.
                    if let reuse, let key, case .exports(let exports, _, _)? = try reuse.cache.keep(unit, key: key, in: destination) {
                        return (dataset.id, exports)
                    }
                    progress.datasetStarted(dataset.id, index: index + 1, of: publishing.count, stage: "export",
                                            bytes: dataset.table?.bytes.count ?? 0)
                    let recorder = RecordingOutput(destination)
                    let exports = try await DatasetExporter(dataset: dataset, site: catalog.site, destination: recorder).export { rows, bytes in
                        progress.datasetRows(dataset.id, rows: rows, bytesRead: bytes)
                    }
                    progress.datasetFinished(dataset.id, rows: dataset.rowCount, stage: "export")
                    if let reuse, let key { reuse.cache.store(unit, key: key, .exports(exports, paths: recorder.paths, bytes: recorder.bytes)) }
                    return (dataset.id, exports)
                }
            }
            var all: [String: DatasetExports] = [:]
            for try await (id, exports) in group { all[id] = exports }
            return all
        }
    }
}
