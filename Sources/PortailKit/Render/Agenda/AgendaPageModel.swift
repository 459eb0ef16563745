/// View model of `agenda/index.html` (upcoming events, with filters) and of the month pages
/// `agenda/<yyyy>-<mm>.html` (every event of the month).
final class AgendaPageModel {
    struct Option {
        let value: String
        let label: String
    }

    struct MonthLink {
        let label: String
        let href: String
        let current: Bool
    }

    let chrome: Chrome
    let t: [String: String]
    /// Events are titled under their day's h2.
    let eventHeadingLevel = 3
    let heading: String
    let intro: String
    let isIndex: Bool
    let days: [EventDay]
    let hasEvents: Bool
    let countLabel: String
    /// On an index cut at ``indexLimit`` events: how many it shows, and where the others are.
    let limitNote: String?
    let regions: [Option]
    let venues: [Option]
    let types: [Option]
    let accessibility: [Option]
    let months: [MonthLink]
    let previousMonth: MonthLink?
    let nextMonth: MonthLink?
    /// The pages of a month with more than ``pageLimit`` events, when it has several.
    let monthParts: [MonthLink]
    let hasMonthParts: Bool
    let subscriptions: [Subscription]
    let contributeHref: String
    /// The agenda's Atom feed, a shared file.
    let feedHref: String
    let config: String

    /// The most events an agenda page lists: the index its next upcoming events (and the Atom
    /// feed as many), a month page a part of its month. An agenda of tens of thousands of
    /// events made pages of megabytes, too heavy to open, and to render.
    static let pageLimit = 1_000

    /// One page of a month: its events (all of the month's, in order) and which part it shows.
    struct MonthPage {
        let year: Int
        let month: Int
        let entries: Slice<EventEntries>
        /// 1-based.
        var part = 1
        var limit = AgendaPageModel.pageLimit

        var partCount: Int { max(1, (entries.count + limit - 1) / limit) }
        var path: String { EventPaths.month(year: year, month: month, part: part) }
        var shown: Slice<EventEntries> {
            let start = entries.startIndex + (part - 1) * limit
            return entries[start..<min(start + limit, entries.endIndex)]
        }
    }

    /// - Parameter month: nil for the index (upcoming events), else the month page shown.
    init(agenda: Agenda, catalog: Catalog, locale: Localization, month: MonthPage?, allMonths: [(Int, Int)],
         limit: Int = pageLimit) {
        let format = DisplayFormat(locale)
        let zone = ZoneOffsets(catalog.site.timeZone)
        let path = month?.path ?? "agenda/index.html"
        let title = month.map { page -> String in
            let name = format.monthYear(year: page.year, month: page.month)
            return page.partCount == 1 ? locale.format("agenda_month_title", ["month": name])
                : locale.format("agenda_month_part_title", ["month": name, "part": String(page.part), "parts": String(page.partCount)])
        } ?? agenda.title
        chrome = Chrome(catalog: catalog, locale: locale, path: path, title: title,
                        description: agenda.summary, currentMenu: "agenda",
                        alternates: [Chrome.Alternate(type: "text/calendar", href: "agenda.ics", title: locale["agenda_subscribe"]),
                                     Chrome.Alternate(type: "application/atom+xml", href: "agenda/feed.atom", title: locale["agenda_feed"])])
        t = locale.strings
        heading = title
        intro = agenda.introduction
        isIndex = month == nil
        let events: [Event]
        if let month {
            events = Array(agenda.events.subset(Array(month.shown)))
        } else {
            events = Array(agenda.upcoming.prefix(limit))
        }
        limitNote = month == nil && agenda.upcoming.count > limit
            ? locale.format("agenda_index_limited", ["shown": format.integer(limit), "total": format.integer(agenda.upcoming.count)])
            : nil
        days = EventDay.group(events, agenda: agenda, locale: locale, zone: zone, root: "../", filesRoot: chrome.filesRoot)
        hasEvents = !events.isEmpty
        countLabel = locale.plural("events", events.count)
        func options(_ values: [String], label: (String) -> String = { $0 }) -> [Option] {
            // Labels can repeat (two cinemas of one name in one town): the value breaks the tie,
            // or the order would follow the set's hashing, which changes from run to run. Each
            // label is folded once, not at every comparison (3 % of a build).
            Set(values).filter { !$0.isEmpty }.map { (key: CatalogBuilder.sortKey(label($0)), value: $0) }
                .sorted { ($0.key, $0.value) < ($1.key, $1.value) }
                .map { Option(value: $0.value, label: label($0.value)) }
        }
        regions = options(events.compactMap { agenda.venues[$0.venue]?.region })
        venues = options(events.map(\.venue)) { key in
            let venue = agenda.venues[key]
            return [venue?.name ?? key, venue?.city].compactMap { $0 }.joined(separator: " – ")
        }
        types = options(events.compactMap(\.type))
        accessibility = AccessibilityCode.allCases.filter { code in events.contains { $0.accessibility.contains(code) } }
            .map { Option(value: $0.rawValue, label: locale["accessibility_\($0.rawValue)"]) }
        months = allMonths.map { y, m in
            MonthLink(label: format.monthYear(year: y, month: m), href: "../" + EventPaths.month(year: y, month: m),
                      current: month.map { $0.year == y && $0.month == m } ?? false)
        }
        monthParts = month.map { page in
            page.partCount == 1 ? [] : (1...page.partCount).map { part in
                MonthLink(label: String(part), href: "../" + EventPaths.month(year: page.year, month: page.month, part: part),
                          current: part == page.part)
            }
        } ?? []
        hasMonthParts = !monthParts.isEmpty
        if let month, let index = allMonths.firstIndex(where: { $0 == (month.year, month.month) }) {
            previousMonth = index > 0 ? months[index - 1] : nil
            nextMonth = index + 1 < months.count ? months[index + 1] : nil
        } else {
            previousMonth = nil
            nextMonth = nil
        }
        let urls = SiteURLs(catalog.site)
        subscriptions = [Subscription(path: "agenda.ics", urls: urls, label: locale["agenda_subscribe_all"])]
        contributeHref = "contribuer.html"
        feedHref = chrome.filesHere + "feed.atom"
        config = JSONValue.object([
            ("strings", LocaleConfig.strings(locale, ["events_one", "events_other", "events_shown_one", "events_shown_other", "agenda_no_match"])),
            ("locale", LocaleConfig.json(locale)),
        ]).serialized()
    }
}

/// View model of `agenda/events/<id>.html`.
final class EventPageModel {
    typealias Fact = LabelledValue

    let chrome: Chrome
    let t: [String: String]
    let agendaTitle: String
    let item: EventItem
    let descriptionHTML: String?
    let facts: [Fact]
    let cancelledNotice: String?
    let jsonLD: String
    let sourceURL: String?
    let onlineLink: String?

    init(event: Event, agenda: Agenda, catalog: Catalog, locale: Localization) {
        let zone = ZoneOffsets(catalog.site.timeZone)
        let urls = SiteURLs(catalog.site)
        chrome = Chrome(catalog: catalog, locale: locale, path: EventPaths.page(event), title: event.title,
                        description: event.description.map { CatalogBuilder.summary(of: $0) }, currentMenu: "agenda",
                        alternates: [Chrome.Alternate(type: "text/calendar", href: EventPaths.calendar(event), title: locale["event_add_to_calendar"])])
        t = locale.strings
        agendaTitle = agenda.title
        item = EventItem(event, agenda: agenda, locale: locale, zone: zone, root: "../../", filesRoot: chrome.filesRoot,
                         venueDataset: agenda.venuesDatasetID)
        let chrome = self.chrome
        descriptionHTML = event.description.map { chrome.markdown($0, topHeading: 2) }
        var facts: [Fact] = []
        if let venue = agenda.venues[event.venue] {
            facts.append(Fact(label: locale["event_place"], value: venue.label, href: item.venueHref))
        }
        if let type = event.type { facts.append(Fact(label: locale["event_type"], value: type, href: nil)) }
        if let price = event.price { facts.append(Fact(label: locale["event_price"], value: price, href: nil)) }
        if let registration = event.registration {
            facts.append(Fact(label: locale["event_registration"], value: registration, href: EventPageModel.link(registration)))
        }
        if !item.accessibility.isEmpty {
            facts.append(Fact(label: locale["event_accessibility"], value: item.accessibility.joined(separator: ", "), href: nil))
        }
        if let age = item.age { facts.append(Fact(label: locale["event_age"], value: age, href: nil)) }
        facts.append(Fact(label: locale["event_attendance"], value: locale["attendance_\(event.attendance.rawValue)"], href: nil))
        self.facts = facts
        cancelledNotice = event.status == .cancelled ? locale["event_cancelled_notice"] : nil
        jsonLD = EventJSONLD.event(event, agenda: agenda, catalog: catalog, urls: urls).serialized()
        sourceURL = event.url
        onlineLink = event.onlineLink
    }

    /// A registration written as a link, an e-mail address or a phone number, as a link.
    static func link(_ text: String) -> String? {
        if text.hasPrefix("https://") || text.hasPrefix("http://") { return text }
        if URLRules.isEmail(text) { return "mailto:" + text }
        let digits = text.filter { $0.isNumber || $0 == "+" }
        if digits.count >= 8 && text.allSatisfy({ $0.isNumber || " .+-()".contains($0) }) { return "tel:" + digits }
        return nil
    }
}

extension AgendaPageModel.Option: TemplateValue {
    func child(named name: String) -> Any? {
        switch name {
        case "value": return self.value
        case "label": return self.label
        default: return nil
        }
    }
}

extension AgendaPageModel.MonthLink: TemplateValue {
    func child(named name: String) -> Any? {
        switch name {
        case "label": return self.label
        case "href": return self.href
        case "current": return self.current
        default: return nil
        }
    }
}

extension EventPageModel: TemplateValue {
    func child(named name: String) -> Any? {
        switch name {
        case "chrome": return self.chrome
        case "t": return self.t
        case "agendaTitle": return self.agendaTitle
        case "item": return self.item
        case "descriptionHTML": return self.descriptionHTML
        case "facts": return self.facts
        case "cancelledNotice": return self.cancelledNotice
        case "jsonLD": return self.jsonLD
        case "sourceURL": return self.sourceURL
        case "onlineLink": return self.onlineLink
        default: return nil
        }
    }
}
