/// One event as lists show it (agenda, month pages, venue pages, widgets): strings already
/// formatted, links relative to the page.
final class EventItem {
    let id: String
    let title: String
    let href: String
    let icsHref: String
    let day: String
    let time: String
    let isoStart: String
    let isoEnd: String
    let venueName: String
    let venueCity: String?
    let venueHref: String?
    let type: String?
    let statusLabel: String?
    let statusClass: String
    let cancelled: Bool
    let accessibility: [String]
    let hasAccessibility: Bool
    let age: String?
    let price: String?
    let online: Bool
    // Values the agenda's filters read (data attributes).
    let filterRegion: String
    let filterVenue: String
    let filterType: String
    let filterAccessibility: String
    let filterAgeMin: String
    let filterAgeMax: String

    /// - Parameters:
    ///   - root: path from the page to the root of the pages in its language.
    ///   - filesRoot: path from the page to the root of the shared files (`root` when nil).
    init(_ event: Event, agenda: Agenda, locale: Localization, zone: ZoneOffsets, root: String, filesRoot: String? = nil,
         venueDataset: String?) {
        let format = DisplayFormat(locale)
        let start = EventItem.local(event.start, zone), end = EventItem.local(event.end, zone)
        id = event.id
        title = event.title
        href = root + EventPaths.page(event)
        icsHref = (filesRoot ?? root) + EventPaths.calendar(event)
        day = format.longDate(start.day)
        var time = format.time(start.secondOfDay)
        if event.end > event.start {
            time += start.day == end.day ? " – " + format.time(end.secondOfDay) : " – " + format.date(end.day) + " " + format.time(end.secondOfDay)
        }
        self.time = time
        isoStart = MachineFormat.text(.datetime(event.start))
        isoEnd = MachineFormat.text(.datetime(event.end))
        let venue = agenda.venues[event.venue]
        venueName = venue?.name ?? event.venue
        venueCity = venue?.city
        venueHref = venueDataset.map { root + "datasets/\($0)/\(event.venue).html" }
        type = event.type
        statusLabel = event.status == .scheduled ? nil : locale["event_status_\(event.status.rawValue)"]
        statusClass = event.status.rawValue
        cancelled = event.status == .cancelled
        accessibility = event.accessibility.map { locale["accessibility_\($0.rawValue)"] }
        hasAccessibility = !accessibility.isEmpty
        age = EventPaths.ageText(event, locale)
        price = event.price
        online = event.attendance != .offline
        filterRegion = venue?.region ?? ""
        filterVenue = event.venue
        filterType = event.type ?? ""
        filterAccessibility = event.accessibility.map(\.rawValue).joined(separator: " ")
        filterAgeMin = event.ageMin.map(String.init) ?? ""
        filterAgeMax = event.ageMax.map(String.init) ?? ""
    }

    /// The wall-clock time in the site's zone.
    static func local(_ dt: DateTime, _ zone: ZoneOffsets) -> (day: Day, secondOfDay: Int) {
        DateTime(epochSeconds: dt.epochSeconds, offsetSeconds: zone.offset(atInstant: dt.epochSeconds)).local
    }
}

/// Events of one day, under a heading.
struct EventDay {
    let label: String
    let iso: String
    let events: [EventItem]

    static func group(_ events: some Sequence<Event>, agenda: Agenda, locale: Localization, zone: ZoneOffsets, root: String,
                      filesRoot: String? = nil) -> [EventDay] {
        var days: [EventDay] = []
        var current: (Day, [EventItem])?
        for event in events {
            let day = EventItem.local(event.start, zone).day
            let item = EventItem(event, agenda: agenda, locale: locale, zone: zone, root: root, filesRoot: filesRoot,
                                 venueDataset: agenda.venuesDatasetID)
            if current?.0 == day { current!.1.append(item) } else {
                if let (d, items) = current { days.append(EventDay(label: DisplayFormat(locale).longDate(d), iso: d.description, events: items)) }
                current = (day, [item])
            }
        }
        if let (d, items) = current { days.append(EventDay(label: DisplayFormat(locale).longDate(d), iso: d.description, events: items)) }
        return days
    }
}

/// "S'abonner" links of a feed: `webcal://` (calendar applications subscribe) and https.
struct Subscription {
    let webcal: String
    let https: String
    let label: String

    init(path: String, urls: SiteURLs, label: String) {
        https = urls.absolute(path)
        webcal = "webcal://" + (https.components(separatedBy: "://").last ?? https)
        self.label = label
    }
}

extension EventItem: TemplateValue {
    func child(named name: String) -> Any? {
        switch name {
        case "id": return self.id
        case "title": return self.title
        case "href": return self.href
        case "icsHref": return self.icsHref
        case "day": return self.day
        case "time": return self.time
        case "isoStart": return self.isoStart
        case "isoEnd": return self.isoEnd
        case "venueName": return self.venueName
        case "venueCity": return self.venueCity
        case "venueHref": return self.venueHref
        case "type": return self.type
        case "statusLabel": return self.statusLabel
        case "statusClass": return self.statusClass
        case "cancelled": return self.cancelled
        case "accessibility": return self.accessibility
        case "hasAccessibility": return self.hasAccessibility
        case "age": return self.age
        case "price": return self.price
        case "online": return self.online
        case "filterRegion": return self.filterRegion
        case "filterVenue": return self.filterVenue
        case "filterType": return self.filterType
        case "filterAccessibility": return self.filterAccessibility
        case "filterAgeMin": return self.filterAgeMin
        case "filterAgeMax": return self.filterAgeMax
        default: return nil
        }
    }
}

extension EventDay: TemplateValue {
    func child(named name: String) -> Any? {
        switch name {
        case "label": return self.label
        case "iso": return self.iso
        case "events": return self.events
        default: return nil
        }
    }
}

extension Subscription: TemplateValue {
    func child(named name: String) -> Any? {
        switch name {
        case "webcal": return self.webcal
        case "https": return self.https
        case "label": return self.label
        default: return nil
        }
    }
}
