import Foundation

/// Renders every HTML page of the portal from the catalogue and the exports' descriptions.
struct HTMLRenderer {
    let catalog: Catalog
    let theme: Theme
    /// Leaflet is in `assets/leaflet/`: datasets with geography get an interactive map.
    let mapAvailable: Bool
    /// The previous build's units, and the keys that say which are still valid.
    var reuse: (cache: RenderCache, keys: UnitKeys)? = nil

    /// Shares that a dataset's record pages are split into, one per core: each share reads the
    /// whole table. The output depends on no split: pages are sorted by path at the end.
    static let parts = max(1, min(8, ProcessInfo.processInfo.activeProcessorCount))
    /// Shares of the runs of pages read by position (events, widgets), which cost nothing to
    /// split: several per core, so that the last ones to finish are short and no core waits
    /// for another at the end.
    static let shares = parts * 4

    /// Renders every page into `destination` as soon as it is made (holding them until the end
    /// made memory grow with the number of pages), and returns how many were written, and the
    /// paths of the pages of units whose inputs did not change since the previous build: they
    /// are not rendered, the destination keeps them.
    ///
    /// Pages are rendered in every interface language of the site (`languages:`): the default
    /// one at the root, each other under `<code>/`. Embeds, widgets (which hold every language
    /// already), charts and feeds are rendered once.
    func render(exports: [String: DatasetExports], to destination: any OutputDestination) async throws -> Int {
        let locale = theme.localization
        let catalog = self.catalog
        let theme = self.theme
        let mapAvailable = self.mapAvailable
        let schema = SchemaOrgBuilder(catalog: catalog, exports: exports, locale: locale, urls: SiteURLs(catalog.site))
        let reuse = self.reuse
        let languages = catalog.site.languages.isEmpty ? [catalog.site.language] : catalog.site.languages
        let locales = Localization.site(languages, from: theme.localizations)
        // The long runs of pages are units that the cache can keep: each unit's writes are
        // recorded, so that the unit's pages can be stored together.
        let singles = RecordingOutput(destination)
        return try await withThrowingTaskGroup(of: Void.self) { group in
            var rendering: [String: (key: String, output: RecordingOutput, memo: PageMemo?)] = [:]
            var outputs = [singles]
            typealias Task = @Sendable (any OutputDestination, PageMemo?) throws -> Void
            /// Adds the tasks of a unit, unless the previous build's files of the unit are kept.
            /// A unit rendered page by page (`base`: ``PageMemo``) keeps those of its pages
            /// whose data did not change.
            /// `pages`: about how many pages (and files) the unit remembers one by one.
            func unit(_ name: String, key: String?, base: String?, pages: Int, _ tasks: [Task]) throws {
                if let key, let reuse, try reuse.cache.keep(name, key: key, in: destination) != nil { return }
                let output = RecordingOutput(destination)
                outputs.append(output)
                let memo = base.map { PageMemo(base: $0, previous: reuse?.cache.memo(name), expected: pages) }
                if let key { rendering[name] = (key, output, memo) }
                for task in tasks { group.addTask { try task(output, memo) } }
            }
            /// Adds a task for one page that is always rendered.
            func always(_ path: String, _ work: @escaping @Sendable () throws -> Data) {
                group.addTask { try singles.write(path, try work()) }
            }
            // Tasks start about in the order they are added. Each share of a dataset's record
            // pages reads the whole table, so there is one per core, and they go first: when they
            // went last, one of them was still running alone for most of a second at the end.
            for dataset in catalog.datasets where dataset.hasRecordPages {
                let renderer = RecordPagesRenderer(dataset: dataset, catalog: catalog, theme: theme)
                try unit("records:\(dataset.id)", key: reuse?.keys.records(dataset), base: reuse?.keys.recordPagesBase(dataset),
                         pages: dataset.recordKeys.count * locales.count,
                         (0..<Self.parts).map { part in { try renderer.pages(locales, part: part, of: Self.parts, to: $0, memo: $1) } })
            }
            if let agenda = catalog.agenda {
                // One unit for every language: the cache keeps the agenda's pages together.
                let renderer = AgendaRenderer(catalog: catalog, agenda: agenda, theme: theme)
                var tasks: [Task] = [{ try renderer.feeds(to: $0, memo: $1) }]
                let calendars = renderer.calendarBuilder
                for (number, locale) in locales.enumerated() {
                    tasks.append { try renderer.pages(locale, to: $0, memo: $1) }
                    // Each event's calendar file is made with its page in the first language,
                    // and kept with it.
                    tasks += (0..<Self.shares).map { part in
                        { try renderer.eventPages(locale, part: part, of: Self.shares, calendars: number == 0 ? calendars : nil, to: $0, memo: $1) }
                    }
                }
                tasks += (0..<Self.shares).map { part in { try renderer.widgets(part: part, of: Self.shares, to: $0, memo: $1) } }
                // In each language, the event pages and the list pages (the index, each month's);
                // each place's widget and calendar.
                let lists = 1 + AgendaRenderer.months(agenda, zone: ZoneOffsets(catalog.site.timeZone)).reduce(0) { $0 + $1.partCount }
                let pages = (agenda.events.count + lists) * locales.count + 2 * agenda.venues.values.count
                try unit("agenda", key: reuse?.keys.agenda(), base: reuse?.keys.agendaPagesBase(), pages: pages, tasks)
            }
            for locale in locales {
                let prefix = locale.pathPrefix
                always(prefix + "index.html") {
                    Data(try theme.render(CatalogPageModel(catalog: catalog, locale: locale, schema: schema), template: "index").utf8)
                }
                always(prefix + "404.html") {
                    Data(try theme.render(NotFoundPageModel(catalog: catalog, locale: locale), template: "404").utf8)
                }
                for dataset in catalog.datasets {
                    always(prefix + "datasets/\(dataset.id)/index.html") {
                        let model = DatasetPageModel(dataset: dataset, exports: exports[dataset.id] ?? .none, catalog: catalog,
                                                     locale: locale, schema: schema, mapAvailable: mapAvailable)
                        return Data(try theme.render(model, template: "dataset").utf8)
                    }
                }
                if let edition = catalog.members.edition {
                    always(prefix + "members/index.html") {
                        Data(try theme.render(MembersPageModel(edition: edition, catalog: catalog, locale: locale), template: "members").utf8)
                    }
                }
                for page in catalog.pages {
                    always(prefix + "pages/\(page.slug).html") {
                        Data(try theme.render(MarkdownPageModel(page: page, catalog: catalog, locale: locale), template: "page").utf8)
                    }
                }
            }
            for dataset in catalog.datasets {
                guard dataset.publishesRecords, let datasetExports = exports[dataset.id] else { continue }
                // Embeddable views: the table always, the map and the chart when the dataset has them.
                var views = ["table"]
                if dataset.geometry != nil && mapAvailable { views.append("map") }
                if datasetExports.chart != nil { views.append("chart") }
                for view in views {
                    always("embed/\(dataset.id)/\(view).html") {
                        let model = EmbedPageModel(dataset: dataset, view: view, exports: datasetExports, catalog: catalog,
                                                   locale: locale, mapAvailable: mapAvailable)
                        return Data(try theme.render(model, template: "embed").utf8)
                    }
                }
                if let chart = datasetExports.chart {
                    always("datasets/\(dataset.id)/chart.svg") {
                        let svg = ChartSVG(data: chart, fields: dataset.fields, locale: locale, id: "graphique").render()
                        return Data(("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n" + svg).utf8)
                    }
                }
            }
            try await group.waitForAll()
            if let cache = reuse?.cache {
                for (name, unit) in rendering {
                    cache.pagesKept(unit.memo?.kept ?? 0)
                    cache.store(name, key: unit.key, .pages(unit.output.paths, bytes: unit.output.bytes), memo: unit.memo?.finish())
                }
            }
            return outputs.map(\.count).reduce(0, +)
        }
    }
}
