import Foundation

/// Renders the agenda: its pages (upcoming events, months, one page per event, the
/// contribution form and its list of places), the widgets of places, the iCalendar feeds and
/// the Atom feed of upcoming events.
struct AgendaRenderer {
    let catalog: Catalog
    let agenda: Agenda
    let theme: Theme

    /// The months with events, in order, with their events (first part of each month): each
    /// a slice of the agenda's entries, not a copy of them.
    static func months(_ agenda: Agenda, zone: ZoneOffsets) -> [AgendaPageModel.MonthPage] {
        // Events are sorted by start: each month's events follow each other.
        let entries = agenda.events.entries
        var months: [AgendaPageModel.MonthPage] = []
        var current: (year: Int, month: Int, first: Int)?
        for (index, entry) in entries.enumerated() {
            let day = EventItem.local(entry.start, zone).day
            if let open = current, open.year == day.year, open.month == day.month { continue }
            if let open = current { months.append(.init(year: open.year, month: open.month, entries: entries[open.first..<index])) }
            current = (day.year, day.month, index)
        }
        if let open = current { months.append(.init(year: open.year, month: open.month, entries: entries[open.first...])) }
        return months
    }

    /// Pages and files are written to `out` as soon as each is rendered, so that memory does
    /// not grow with their number; the caller's task group renders them in pieces.
    /// Pages in another language than the default are under `<code>/`. With a memo, the index
    /// and the month pages whose events did not change are kept.
    func pages(_ locale: Localization, to out: any OutputDestination, memo: PageMemo? = nil) throws {
        let prefix = locale.pathPrefix
        let months = Self.months(agenda, zone: ZoneOffsets(catalog.site.timeZone))
        let allMonths = months.map { ($0.year, $0.month) }
        func html(_ model: () -> Any, _ template: String, _ path: String, fingerprint: Fingerprint.Digest? = nil) throws {
            if let memo, let fingerprint, try memo.keep([prefix + path], fingerprint: fingerprint, in: out) { return }
            try out.write(prefix + path, Data(try theme.render(model(), template: template).utf8), memo: memo, fingerprint: fingerprint)
        }
        /// A list page shows its events, and the months it links to.
        func fingerprint(_ list: EventList, _ indices: some Sequence<Int>, _ page: [Int]) -> Fingerprint.Digest? {
            guard memo != nil else { return nil }
            var fingerprint = Fingerprint()
            for number in page + allMonths.flatMap({ [$0.0, $0.1] }) { fingerprint.add(number) }
            for index in indices {
                guard let event = agenda.identity(in: list, at: index) else { return nil }
                fingerprint.add(event.fingerprint)
            }
            return fingerprint.digest
        }
        let upcoming = agenda.upcoming
        try html({ AgendaPageModel(agenda: agenda, catalog: catalog, locale: locale, month: nil, allMonths: allMonths) }, "agenda", "agenda/index.html",
                 fingerprint: fingerprint(upcoming, 0..<min(upcoming.count, AgendaPageModel.pageLimit), [upcoming.count]))
        for month in months {
            for part in 1...month.partCount {
                var page = month
                page.part = part
                try html({ AgendaPageModel(agenda: agenda, catalog: catalog, locale: locale, month: page, allMonths: allMonths) }, "agenda", page.path,
                         fingerprint: fingerprint(agenda.events, page.shown.indices, [page.year, page.month, part, page.partCount]))
            }
        }
        if let dataset = catalog.datasets.first(where: { $0.id == agenda.datasetID }) {
            try html({ ContributePageModel(agenda: agenda, dataset: dataset, catalog: catalog, locale: locale) }, "contribute", "agenda/contribuer.html")
        }
    }

    /// The pages of one share of the events (every `parts`-th from `part`), and with
    /// `calendars` (in one language's pass) each event's calendar file, from the same reading.
    /// With a memo, the pages (and files) of events whose record and place did not change are
    /// kept, not rendered.
    func eventPages(_ locale: Localization, part: Int = 0, of parts: Int = 1, calendars: CalendarBuilder? = nil,
                    to out: any OutputDestination, memo: PageMemo? = nil) throws {
        let events = agenda.events
        for index in stride(from: part, to: events.count, by: parts) {
            if let memo, !memo.isEmpty, let identity = agenda.identity(in: events, at: index),
               try memo.keep([locale.pathPrefix + EventPaths.page(identity.id)],
                             companions: calendars == nil ? [] : [EventPaths.calendar(identity.id)],
                             fingerprint: identity.fingerprint, in: out) {
                continue
            }
            let (event, record) = events.read(at: index)
            let page = Data(try theme.render(EventPageModel(event: event, agenda: agenda, catalog: catalog, locale: locale), template: "event").utf8)
            let calendar = calendars.map { $0.calendar(of: event) }
            try out.write(locale.pathPrefix + EventPaths.page(event), page, companions: calendar.map { [($0.path, Data($0.bytes))] } ?? [],
                          memo: memo, fingerprint: record.map { agenda.fingerprint(ofRecord: $0, at: event.venue) })
        }
    }

    /// What makes the agenda's calendar files, in the site's language.
    var calendarBuilder: CalendarBuilder {
        CalendarBuilder(catalog: catalog, agenda: agenda, locale: theme.localization, urls: SiteURLs(catalog.site))
    }

    /// The widgets of one share of the venues (every `parts`-th from `part`), so that
    /// thousands of them render on every core. With a memo, as event pages.
    func widgets(part: Int = 0, of parts: Int = 1, to out: any OutputDestination, memo: PageMemo? = nil) throws {
        for (offset, venue) in agenda.venues.values.enumerated() where offset % parts == part {
            let path = EventPaths.widget(venue.key)
            let fingerprint = memo == nil ? nil : agenda.fingerprint(at: venue.key)
            if let memo, let fingerprint, try memo.keep([path], fingerprint: fingerprint, in: out) { continue }
            let page = Data(try theme.render(WidgetPageModel(venue: venue, agenda: agenda, catalog: catalog, theme: theme), template: "widget").utf8)
            try out.write(path, page, memo: memo, fingerprint: fingerprint)
        }
    }

    /// The calendars of the agenda, of places and regions (events' own are made with their
    /// pages), the Atom feed and the list of places. With a memo, places' calendars are kept as
    /// their pages are.
    func feeds(to out: any OutputDestination, memo: PageMemo? = nil) throws {
        let urls = SiteURLs(catalog.site)
        let kept: CalendarBuilder.Kept? = memo.flatMap { memo in
            memo.isEmpty ? nil : { path, fingerprint in try memo.keep([path], fingerprint: fingerprint, in: out) }
        }
        try calendarBuilder.files({ path, bytes, fingerprint in
            try out.write(path, Data(bytes), memo: memo, fingerprint: fingerprint)
        }, open: { try out.open($0) }, fingerprints: memo != nil, kept: kept)
        try out.write("agenda/feed.atom", Data(atom(urls).utf8))
        try VenueList.write(agenda, to: out)
    }

    /// Upcoming events as an Atom feed, soonest first, as many as the agenda's index lists;
    /// entry ids are the event pages' URLs.
    private func atom(_ urls: SiteURLs) -> String {
        let locale = theme.localization
        let upcoming = agenda.upcoming.prefix(AgendaPageModel.pageLimit)
        let x = AtomFeedBuilder.xml
        var out = "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<feed xmlns=\"http://www.w3.org/2005/Atom\" xml:lang=\"\(catalog.site.language)\">\n"
        out += "  <id>\(x(urls.absolute("agenda/")))</id>\n"
        out += "  <title>\(x(agenda.title + " · " + catalog.site.title))</title>\n"
        let updated = agenda.events.latestUpdate.map { MachineFormat.text(.datetime($0)) } ?? AtomFeedBuilder.timestamp(catalog.buildDate)
        out += "  <updated>\(updated)</updated>\n"
        out += "  <link rel=\"self\" type=\"application/atom+xml\" href=\"\(x(urls.absolute("agenda/feed.atom")))\"/>\n"
        out += "  <link rel=\"alternate\" type=\"text/html\" href=\"\(x(urls.absolute("agenda/index.html")))\"/>\n"
        out += "  <author><name>\(x(catalog.site.publisher.name))</name></author>\n"
        let format = DisplayFormat(locale)
        let zone = ZoneOffsets(catalog.site.timeZone)
        for event in upcoming {
            let start = EventItem.local(event.start, zone)
            let venue = agenda.venues[event.venue]
            out += "  <entry>\n"
            out += "    <id>\(x(urls.absolute(EventPaths.page(event))))</id>\n"
            out += "    <title>\(x(event.title))</title>\n"
            out += "    <updated>\(event.updated.map { MachineFormat.text(.datetime($0)) } ?? AtomFeedBuilder.timestamp(catalog.buildDate))</updated>\n"
            out += "    <link rel=\"alternate\" type=\"text/html\" href=\"\(x(urls.absolute(EventPaths.page(event))))\"/>\n"
            var summary = format.longDate(start.day) + ", " + format.time(start.secondOfDay)
            if let venue { summary += " — " + venue.label }
            if event.status != .scheduled { summary += " (" + locale["event_status_\(event.status.rawValue)"] + ")" }
            out += "    <summary>\(x(summary))</summary>\n"
            if let type = event.type { out += "    <category term=\"\(x(type))\"/>\n" }
            out += "  </entry>\n"
        }
        return out + "</feed>\n"
    }
}

/// Renders the record pages of a dataset (`datasets/<id>/<key>.html`), reading its rows once.
struct RecordPagesRenderer {
    let dataset: Dataset
    let catalog: Catalog
    let theme: Theme

    /// The pages of one share of the records (every `parts`-th row from `part`): each share
    /// reads the file again, which costs far less than rendering, and every core renders.
    /// Each record is rendered in every language of `locales` (the site's), from one reading.
    /// With a memo, the pages of records whose public cells did not change (nor, for a place,
    /// its upcoming events) are kept, not rendered.
    func pages(_ locales: [Localization], part: Int = 0, of parts: Int = 1, to out: any OutputDestination,
               memo: PageMemo? = nil) throws {
        guard dataset.hasRecordPages, let table = dataset.table, let keyField = dataset.key,
              let keyIndex = dataset.publicFields.firstIndex(where: { $0.name == keyField }) else { return }
        let agenda = catalog.agenda.flatMap { $0.venuesDatasetID == dataset.id ? $0 : nil }
        var row = -1
        try RecordStream(source: table, fields: dataset.fields).forEach(fieldIndexes: dataset.publicFieldIndexes) { _, values in
            row += 1
            guard row % parts == part, let key = EventRows.key(values[keyIndex]) else { return }
            let paths = locales.map { $0.pathPrefix + "datasets/\(dataset.id)/\(key).html" }
            // A record page shows the record's public cells and, for a place, its upcoming events.
            var fingerprint: Fingerprint.Digest?
            if memo != nil {
                if let agenda {
                    fingerprint = agenda.fingerprint(at: key).map { place in Fingerprint.of { $0.add(values); $0.add(place) } }
                } else {
                    fingerprint = Fingerprint.of { $0.add(values) }
                }
            }
            if let memo, let fingerprint, try memo.keep(paths, fingerprint: fingerprint, in: out) { return }
            for (locale, path) in zip(locales, paths) {
                let page = Data(try theme.render(RecordPageModel(dataset: dataset, key: key, values: values, catalog: catalog, locale: locale),
                                                 template: "record").utf8)
                try out.write(path, page, memo: memo, fingerprint: fingerprint)
            }
        }
    }
}
