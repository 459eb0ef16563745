/// View model of a record page, `datasets/<id>/<key>.html`: the record's public values, and
/// for a place of the agenda, its upcoming events, its calendar and its widget code.
final class RecordPageModel {
    typealias Item = LabelledValue

    let chrome: Chrome
    let t: [String: String]
    /// Events are titled under their day's h3, itself under "Upcoming events".
    let eventHeadingLevel = 4
    let title: String
    let datasetTitle: String
    let datasetHref: String
    let selfHref: String
    let items: [Item]
    let isVenue: Bool
    let days: [EventDay]
    let hasEvents: Bool
    let eventsLabel: String
    let subscriptions: [Subscription]
    let widgetCode: String?
    let widgetDivCode: String?
    let jsonLD: String

    init(dataset: Dataset, key: String, values: [Value], catalog: Catalog, locale: Localization) {
        let format = DisplayFormat(locale)
        let urls = SiteURLs(catalog.site)
        let fields = dataset.publicFields
        let titleIndex = dataset.publicFieldIndexes.firstIndex(of: dataset.recordTitle ?? -1)
        title = titleIndex.map { format.value(values[$0]) } ?? key
        chrome = Chrome(catalog: catalog, locale: locale, path: "datasets/\(dataset.id)/\(key).html", title: title,
                        description: locale.format("record_description", ["title": title, "dataset": dataset.title]), currentMenu: nil,
                        alternates: catalog.agenda?.venuesDatasetID == dataset.id
                            ? [Chrome.Alternate(type: "text/calendar", href: EventPaths.venueCalendar(key), title: locale["agenda_subscribe"])] : [])
        t = locale.strings
        datasetTitle = dataset.title
        datasetHref = "./"
        selfHref = "\(key).html"
        items = fields.indices.compactMap { i in
            guard !values[i].isNull else { return nil }
            let text = format.value(values[i])
            var href: String?
            if fields[i].parser.textFormat == .uri, case .string(let url) = values[i] { href = url }
            if fields[i].parser.textFormat == .email, case .string(let email) = values[i] { href = "mailto:" + email }
            return Item(label: fields[i].title, value: text, href: href)
        }
        if let agenda = catalog.agenda, agenda.venuesDatasetID == dataset.id {
            isVenue = true
            let events = agenda.upcoming(at: key)
            days = EventDay.group(events, agenda: agenda, locale: locale, zone: ZoneOffsets(catalog.site.timeZone), root: "../../",
                                  filesRoot: chrome.filesRoot)
            hasEvents = !events.isEmpty
            eventsLabel = events.isEmpty ? locale["record_no_events"] : locale.plural("events", events.count)
            subscriptions = [Subscription(path: EventPaths.venueCalendar(key), urls: urls, label: locale["agenda_subscribe_venue"])]
            let widget = urls.absolute(EventPaths.widget(key))
            // The code is pasted into other sites: the venue's name is escaped for an attribute.
            let frameTitle = AtomFeedBuilder.xml(locale.format("widget_title", ["venue": title]))
            widgetCode = "<iframe src=\"\(widget)\" title=\"\(frameTitle)\" width=\"100%\" height=\"400\" style=\"border:0\" loading=\"lazy\" data-portail-embed></iframe>\n<script src=\"\(urls.absolute("assets/embed.js"))\" async></script>"
            widgetDivCode = "<div data-portail-agenda=\"\(key)\" data-limit=\"5\" data-title=\"\(frameTitle)\"></div>\n<script src=\"\(urls.absolute("assets/embed.js"))\" async></script>"
        } else {
            isVenue = false
            days = []
            hasEvents = false
            eventsLabel = ""
            subscriptions = []
            widgetCode = nil
            widgetDivCode = nil
        }
        var thing: [(String, JSONValue)] = [
            ("@context", .string("https://schema.org")),
            ("@type", .string(isVenue ? "MovieTheater" : "Thing")),
            ("name", .string(title)),
            ("url", .string(urls.absolute("datasets/\(dataset.id)/\(key).html"))),
        ]
        if let venue = catalog.agenda?.venues[key], isVenue {
            var address: [(String, JSONValue)] = [("@type", .string("PostalAddress"))]
            if let street = venue.address { address.append(("streetAddress", .string(street))) }
            if let city = venue.city { address.append(("addressLocality", .string(city))) }
            if let region = venue.region { address.append(("addressRegion", .string(region))) }
            address.append(("addressCountry", .string("FR")))
            thing.append(("address", .object(address)))
            if let lat = venue.latitude, let lon = venue.longitude {
                thing.append(("geo", .object([("@type", .string("GeoCoordinates")), ("latitude", .double(lat)), ("longitude", .double(lon))])))
            }
        }
        jsonLD = JSONValue.object(thing).serialized()
    }
}

/// View model of the widget of a place, `embed/agenda/<key>.html`: its upcoming events in
/// every language of the theme; the page's script shows the one asked for (`?lang=`), the
/// number asked for (`?limit=`) and the colours asked for (`?theme=light|dark`).
final class WidgetPageModel {
    struct Version {
        let lang: String
        let tag: String
        let t: [String: String]
        let heading: String
        let days: [EventDay]
        let hasEvents: Bool
        let hidden: Bool
    }

    let lang: String
    let csp: String
    /// Events are titled under their day's h2.
    let eventHeadingLevel = 3
    let pageTitle: String
    let venueHref: String
    let versions: [Version]
    let calendarHref: String

    init(venue: Venue, agenda: Agenda, catalog: Catalog, theme: Theme) {
        let zone = ZoneOffsets(catalog.site.timeZone)
        // Read once, for every language.
        let events = Array(agenda.upcoming(at: venue.key))
        let site = catalog.site.language
        csp = ContentSecurityPolicy.policy(catalog)
        lang = theme.localizations[site]?.tag ?? site
        pageTitle = theme.localization.format("widget_title", ["venue": venue.name])
        venueHref = "../../datasets/\(agenda.venuesDatasetID)/\(venue.key).html"
        calendarHref = "../../" + EventPaths.venueCalendar(venue.key)
        versions = theme.localizations.keys.sorted { ($0 == site ? 0 : 1, $0) < ($1 == site ? 0 : 1, $1) }.map { code in
            let locale = theme.localizations[code]!
            return Version(lang: code, tag: locale.tag, t: locale.strings, heading: locale.format("widget_heading", ["venue": venue.name]),
                           days: EventDay.group(events, agenda: agenda, locale: locale, zone: zone, root: "../../"),
                           hasEvents: !events.isEmpty, hidden: code != site)
        }
    }
}

extension RecordPageModel: TemplateValue {
    func child(named name: String) -> Any? {
        switch name {
        case "chrome": return self.chrome
        case "t": return self.t
        case "eventHeadingLevel": return self.eventHeadingLevel
        case "title": return self.title
        case "datasetTitle": return self.datasetTitle
        case "datasetHref": return self.datasetHref
        case "selfHref": return self.selfHref
        case "items": return self.items
        case "isVenue": return self.isVenue
        case "days": return self.days
        case "hasEvents": return self.hasEvents
        case "eventsLabel": return self.eventsLabel
        case "subscriptions": return self.subscriptions
        case "widgetCode": return self.widgetCode
        case "widgetDivCode": return self.widgetDivCode
        case "jsonLD": return self.jsonLD
        default: return nil
        }
    }
}

extension WidgetPageModel: TemplateValue {
    func child(named name: String) -> Any? {
        switch name {
        case "lang": return self.lang
        case "csp": return self.csp
        case "eventHeadingLevel": return self.eventHeadingLevel
        case "pageTitle": return self.pageTitle
        case "venueHref": return self.venueHref
        case "versions": return self.versions
        case "calendarHref": return self.calendarHref
        default: return nil
        }
    }
}

extension WidgetPageModel.Version: TemplateValue {
    func child(named name: String) -> Any? {
        switch name {
        case "lang": return self.lang
        case "tag": return self.tag
        case "t": return self.t
        case "heading": return self.heading
        case "days": return self.days
        case "hasEvents": return self.hasEvents
        case "hidden": return self.hidden
        default: return nil
        }
    }
}
