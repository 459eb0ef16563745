/// The agenda's iCalendar feeds (RFC 5545 with RFC 7986's NAME, DESCRIPTION, URL and
/// REFRESH-INTERVAL): all upcoming events, one feed per venue and per region, and one file
/// per event for "add to my calendar" (made with the event's page). UIDs come from event ids
/// and the portal's address, so that subscribed calendars update events instead of
/// duplicating them.
struct CalendarBuilder {
    let catalog: Catalog
    let agenda: Agenda
    let locale: Localization
    let urls: SiteURLs
    /// What follows `@` in every UID, the site's offsets and its time zone's definitions:
    /// made once, not per event.
    private let uidDomain: String
    private let zone: ZoneOffsets
    private let zoneDefinition: TimeZoneDefinition

    init(catalog: Catalog, agenda: Agenda, locale: Localization, urls: SiteURLs) {
        self.catalog = catalog
        self.agenda = agenda
        self.locale = locale
        self.urls = urls
        let address = urls.base.components(separatedBy: "://").last ?? urls.base
        uidDomain = address.hasSuffix("/") ? String(address.dropLast()) : address
        zone = ZoneOffsets(catalog.site.timeZone)
        zoneDefinition = TimeZoneDefinition(catalog.site.timeZone)
    }

    /// `<event-id>@<host and path of base_url>`: stable across builds and machines.
    func uid(_ event: Event) -> String {
        event.id + "@" + uidDomain
    }

    func calendar(name: String, description: String, path: String, events: EventList) -> [UInt8] {
        ByteWriter.collect { write(name: name, description: description, path: path, events: events, into: ICalText(writer: $0)) }
    }

    /// The same, written to `writer` as it is made, and closed.
    func calendar(name: String, description: String, path: String, events: EventList, to writer: ByteWriter) throws {
        write(name: name, description: description, path: path, events: events, into: ICalText(writer: writer))
        try writer.close()
    }

    private func write(name: String, description: String, path: String, events: EventList, into ical: ICalText) {
        var first: Int?, last: Int?
        for entry in events.entries {
            first = Swift.min(first ?? .max, entry.start.epochSeconds)
            last = Swift.max(last ?? .min, entry.end.epochSeconds)
        }
        write(name: name, description: description, path: path, span: first.flatMap { first in last.map { (first, $0) } },
              events: events, into: ical)
    }

    /// The file of one event, for "add to my calendar", made from the event as its page reads
    /// it (``AgendaRenderer/eventPages(_:part:of:calendars:to:memo:)``), not read again.
    func calendar(of event: Event) -> (path: String, bytes: [UInt8]) {
        let path = EventPaths.calendar(event.id)
        let bytes = ByteWriter.collect { writer in
            write(name: event.title, description: locale.format("calendar_event_description", ["agenda": agenda.title]), path: path,
                  span: (event.start.epochSeconds, event.end.epochSeconds), events: [event], into: ICalText(writer: writer))
        }
        return (path, bytes)
    }

    /// `span`: the first start and last end of `events`, which the time zone's definition covers.
    private func write(name: String, description: String, path: String, span: (first: Int, last: Int)?,
                       events: some Sequence<Event>, into ical: ICalText) {
        ical.line("BEGIN", "VCALENDAR")
        ical.line("VERSION", "2.0")
        ical.line("PRODID", "-//Portail//Portail//\(catalog.site.language.uppercased())")
        ical.line("CALSCALE", "GREGORIAN")
        ical.line("METHOD", "PUBLISH")
        ical.line("NAME", ICalText.escape(name))
        ical.line("X-WR-CALNAME", ICalText.escape(name))
        ical.line("DESCRIPTION", ICalText.escape(description))
        ical.line("X-WR-CALDESC", ICalText.escape(description))
        ical.line("URL;VALUE=URI", urls.absolute(path))
        ical.line("SOURCE;VALUE=URI", urls.absolute(path))
        ical.line("REFRESH-INTERVAL;VALUE=DURATION", "PT6H")
        ical.line("X-PUBLISHED-TTL", "PT6H")
        ical.line("X-WR-TIMEZONE", catalog.site.timeZone.identifier)
        // The time zone is always there: RFC 5545 wants at least one component, and a feed
        // with no event yet (a cinema's before its first one) must still be a valid calendar.
        let today = catalog.buildDate.daysSinceEpoch * 86_400
        zoneDefinition.write(from: span?.first ?? today, to: span?.last ?? today, into: ical)
        for event in events { vevent(event, into: ical) }
        ical.line("END", "VCALENDAR")
    }

    private func vevent(_ event: Event, into ical: ICalText) {
        let tzid = catalog.site.timeZone.identifier
        func local(_ dt: DateTime) -> String {
            let shown = DateTime(epochSeconds: dt.epochSeconds, offsetSeconds: zone.offset(atInstant: dt.epochSeconds)).local
            return ICalText.stamp(day: shown.day, seconds: shown.secondOfDay)
        }
        let venue = agenda.venues[event.venue]
        ical.line("BEGIN", "VEVENT")
        ical.line("UID", uid(event))
        ical.line("DTSTAMP", ICalText.stamp(day: catalog.buildDate, seconds: 0, utc: true))
        ical.line("DTSTART;TZID=\(tzid)", local(event.start))
        if event.end > event.start { ical.line("DTEND;TZID=\(tzid)", local(event.end)) }
        var summary = event.title
        if event.status == .full || event.status == .postponed { summary += " (\(locale["event_status_\(event.status.rawValue)"]))" }
        ical.line("SUMMARY", ICalText.escape(summary))
        ical.line("DESCRIPTION", ICalText.escape(description(event, venue: venue)))
        if event.attendance == .online, let link = event.onlineLink {
            ical.line("LOCATION", ICalText.escape(link))
        } else if let venue {
            ical.line("LOCATION", ICalText.escape(venue.label))
            if let lat = venue.latitude, let lon = venue.longitude {
                ical.line("GEO", "\(DCATBuilder.coordinate(lat));\(DCATBuilder.coordinate(lon))")
            }
        }
        ical.line("URL;VALUE=URI", urls.absolute(EventPaths.page(event)))
        var seen = Set<String>()
        let categories = ([event.type].compactMap { $0 } + event.keywords)
            .filter { seen.insert($0.lowercased()).inserted }.map(ICalText.escape)
        if !categories.isEmpty { ical.line("CATEGORIES", categories.joined(separator: ",")) }
        ical.line("STATUS", event.status == .cancelled ? "CANCELLED" : event.status == .postponed ? "TENTATIVE" : "CONFIRMED")
        // SEQUENCE grows with each change of the event (minutes since 2000 of its last update),
        // so that calendars replace their copy.
        ical.line("SEQUENCE", String(event.updated.map { max(0, ($0.epochSeconds - 946_684_800) / 60) } ?? 0))
        if let updated = event.updated { ical.line("LAST-MODIFIED", ICalText.utc(updated)) }
        ical.line("CLASS", "PUBLIC")
        ical.line("END", "VEVENT")
    }

    /// The description with what a calendar entry needs to be useful on its own.
    func description(_ event: Event, venue: Venue?) -> String {
        var parts: [String] = []
        if event.status == .cancelled { parts.append(locale["event_cancelled_notice"]) }
        if let text = event.description { parts.append(Markdown.plainText(text).trimmingWhitespaceAndNewlines()) }
        var facts: [String] = []
        if let venue { facts.append(locale["event_place"] + " : " + venue.label) }
        if let price = event.price { facts.append(locale["event_price"] + " : " + price) }
        if let registration = event.registration { facts.append(locale["event_registration"] + " : " + registration) }
        if !event.accessibility.isEmpty {
            facts.append(locale["event_accessibility"] + " : " + event.accessibility.map { locale["accessibility_\($0.rawValue)"] }.joined(separator: ", "))
        }
        if let age = EventPaths.ageText(event, locale) { facts.append(age) }
        if let link = event.onlineLink { facts.append(locale["event_online"] + " : " + link) }
        facts.append(urls.absolute(EventPaths.page(event)))
        parts.append(facts.joined(separator: "\n"))
        return parts.joined(separator: "\n\n")
    }

    /// Whether a calendar file made from a fingerprint is kept from the previous output.
    typealias Kept = (_ path: String, _ fingerprint: Fingerprint.Digest) throws -> Bool

    /// Every calendar file of the agenda but the events' own (``calendar(of:)``), each passed
    /// to `emit` as soon as it is made; the calendars of the whole agenda and of regions, the
    /// big ones, are written as they are made to a writer that `open` gives. With
    /// `fingerprints`, the files of places are given the fingerprint of what they show
    /// (``PageMemo``); those that `kept` keeps are not made.
    func files(_ emit: (_ path: String, _ bytes: [UInt8], _ fingerprint: Fingerprint.Digest?) throws -> Void,
               open: (_ path: String) throws -> ByteWriter, fingerprints: Bool = false, kept: Kept? = nil) throws {
        let upcoming = agenda.upcoming
        try calendar(name: locale.format("calendar_all", ["site": catalog.site.title]),
                     description: locale.format("calendar_all_description", ["agenda": agenda.title]), path: "agenda.ics", events: upcoming,
                     to: try open("agenda.ics"))
        let byRegion = agenda.upcomingByRegion()
        for venue in agenda.venues.values {
            let path = EventPaths.venueCalendar(venue.key)
            // A place's calendar shows what its page does: the place, its upcoming events.
            let fingerprint = fingerprints ? agenda.fingerprint(at: venue.key) : nil
            if let kept, let fingerprint, try kept(path, fingerprint) { continue }
            try emit(path, calendar(name: locale.format("calendar_venue", ["venue": venue.name]),
                                    description: locale.format("calendar_venue_description", ["venue": venue.label]),
                                    path: path, events: agenda.upcoming(at: venue.key)), fingerprint)
        }
        let regions = Set(agenda.venues.values.compactMap(\.region))
        for region in regions.sorted() {
            let path = EventPaths.regionCalendar(region)
            try calendar(name: locale.format("calendar_region", ["region": region]),
                         description: locale.format("calendar_region_description", ["region": region]),
                         path: path, events: byRegion[region] ?? .empty, to: try open(path))
        }
        // The file of each event is made with its page (``calendar(of:)``).
    }
}

/// The addresses of the agenda's files: public contracts (subscriptions and widgets use them).
enum EventPaths {
    static func page(_ event: Event) -> String { page(event.id) }
    static func page(_ id: String) -> String { "agenda/events/\(id).html" }
    static func calendar(_ event: Event) -> String { calendar(event.id) }
    static func calendar(_ id: String) -> String { "agenda/events/\(id).ics" }
    static func venueCalendar(_ key: String) -> String { "agenda/venues/\(key).ics" }
    static func regionCalendar(_ region: String) -> String { "agenda/regions/\(regionSlug(region)).ics" }
    static func widget(_ key: String) -> String { "embed/agenda/\(key).html" }
    /// A month's page; its further parts, when it has more events than a page lists, are
    /// `agenda/<yyyy>-<mm>-page-<n>.html`.
    static func month(year: Int, month: Int, part: Int = 1) -> String {
        "agenda/\(Day.pad(year, 4))-\(Day.pad(month, 2))" + (part > 1 ? "-page-\(part)" : "") + ".html"
    }
    static func regionSlug(_ region: String) -> String {
        let slug = Identifier.slug(from: region)
        return slug.isEmpty ? "region" : slug
    }

    /// "De 6 à 12 ans", "À partir de 16 ans", in the portal's language.
    static func ageText(_ event: Event, _ locale: Localization) -> String? {
        switch (event.ageMin, event.ageMax) {
        case let (min?, max?): return locale.format("event_age_range", ["min": String(min), "max": String(max)])
        case let (min?, nil): return locale.format("event_age_min", ["min": String(min)])
        case let (nil, max?): return locale.format("event_age_max", ["max": String(max)])
        default: return nil
        }
    }
}
