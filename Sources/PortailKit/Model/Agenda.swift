/// The agenda of the portal: the events of the dataset that has an `agenda:` section, with the
/// places they happen in, read from the venue dataset.
public struct Agenda: Sendable {
    /// The dataset holding the events.
    public let datasetID: String
    /// That dataset's title and summary (for search results and link previews, cut short).
    public let title: String
    public let summary: String
    /// The first paragraph of that dataset's description, whole: the agenda page's introduction.
    public let introduction: String
    /// The dataset holding the venues (the cinemas).
    public let venuesDatasetID: String
    /// Every event, sorted by start, then id.
    public let events: EventList
    /// Venues by key, for the venues events refer to and every other record of the venue dataset.
    public let venues: VenueTable
    /// The day "upcoming" is counted from.
    public let today: Day
    /// Events that have not ended before the build day, in order.
    public let upcoming: EventList
    /// The same, by venue key: each place's page and widget reads its own, and filtering all
    /// events for each of thousands of places made the build quadratic.
    private let upcomingByVenue: [String: [Int32]]

    init(datasetID: String, title: String, summary: String, introduction: String, venuesDatasetID: String,
         events: EventList, venues: VenueTable, today: Day) {
        self.datasetID = datasetID
        self.title = title
        self.summary = summary
        self.introduction = introduction
        self.venuesDatasetID = venuesDatasetID
        self.events = events
        self.venues = venues
        self.today = today
        var upcoming: [Int32] = []
        var byVenue: [String: [Int32]] = [:]
        for (position, entry) in events.entries.enumerated() where entry.end.local.day >= today {
            upcoming.append(Int32(position))
            byVenue[events.entries.venue(of: entry), default: []].append(Int32(position))
        }
        self.upcoming = events.picking(upcoming)
        upcomingByVenue = byVenue
    }

    public func upcoming(at venue: String) -> EventList {
        events.picking(upcomingByVenue[venue] ?? [])
    }

    /// The key of the event at `index` of `list` and the fingerprint of what its page and its
    /// calendar file show (``PageMemo``): its record and its place. Nil when the record cannot
    /// be read as it was validated.
    func identity(in list: EventList, at index: Int) -> (id: String, fingerprint: Fingerprint.Digest)? {
        guard let identity = list.identity(at: index) else { return nil }
        return (identity.id, fingerprint(ofRecord: identity.fingerprint, at: list.entries.venue(of: list.entries[index])))
    }

    /// The same, from the fingerprint of the event's record and its place's key.
    func fingerprint(ofRecord record: Fingerprint.Digest, at venue: String) -> Fingerprint.Digest {
        Fingerprint.of { $0.add(record); $0.add(venues[venue]) }
    }

    /// The fingerprint of what a place's pages show of the agenda (``PageMemo``): the place,
    /// and the records of its upcoming events, in order; nil when one cannot be read as it was
    /// validated.
    func fingerprint(at venue: String) -> Fingerprint.Digest? {
        var fingerprint = Fingerprint()
        fingerprint.add(venues[venue])
        let positions = upcomingByVenue[venue] ?? []
        fingerprint.add(positions.count)
        for position in positions {
            guard let event = events.identity(at: Int(position)) else { return nil }
            fingerprint.add(event.fingerprint)
        }
        return fingerprint.digest
    }

    /// Upcoming events by the region of their venue (venues without a region are in none):
    /// positions, as for venues, not copies of the entries.
    public func upcomingByRegion() -> [String: EventList] {
        var positions: [String: [Int32]] = [:]
        for (venue, picked) in upcomingByVenue {
            if let region = venues[venue]?.region { positions[region, default: []] += picked }
        }
        // Positions in the list of every event: in order, those of the agenda.
        return positions.mapValues { events.picking($0.sorted()) }
    }
}

/// One event of the agenda (OpenAgenda's model, with schema.org's names where they exist).
public struct Event: Sendable, Hashable {
    /// The dataset key: stable, it gives the page address and the calendar UID.
    public let id: String
    public let title: String
    public let start: DateTime
    public let end: DateTime
    /// Key of the venue in the venue dataset.
    public let venue: String
    public let description: String?
    public let image: String?
    public let type: String?
    public let keywords: [String]
    public let url: String?
    public let registration: String?
    public let price: String?
    public let accessibility: [AccessibilityCode]
    public let ageMin: Int?
    public let ageMax: Int?
    public let status: EventStatus
    public let attendance: AttendanceMode
    public let onlineLink: String?
    public let updated: DateTime?
}

/// OpenAgenda's event statuses (1 scheduled … 6 cancelled), in words.
public enum EventStatus: String, Sendable, Hashable, CaseIterable {
    case scheduled, rescheduled, postponed, cancelled, full

    /// Words accepted in content, French included.
    static let words: [String: EventStatus] = [
        "scheduled": .scheduled, "programmé": .scheduled, "programme": .scheduled, "prévu": .scheduled, "confirmed": .scheduled,
        "rescheduled": .rescheduled, "reprogrammé": .rescheduled, "déplacé": .rescheduled,
        "postponed": .postponed, "reporté": .postponed,
        "cancelled": .cancelled, "canceled": .cancelled, "annulé": .cancelled,
        "full": .full, "complet": .full,
    ]

    public static func named(_ word: String) -> EventStatus? {
        words[word.trimmingWhitespace().lowercased()]
    }
}

/// How people attend (OpenAgenda's `attendanceMode`: 1 offline, 2 online, 3 mixed).
public enum AttendanceMode: String, Sendable, Hashable, CaseIterable {
    case offline, online, mixed

    static let words: [String: AttendanceMode] = [
        "offline": .offline, "sur place": .offline, "présentiel": .offline,
        "online": .online, "en ligne": .online,
        "mixed": .mixed, "mixte": .mixed, "hybride": .mixed,
    ]

    public static func named(_ word: String) -> AttendanceMode? {
        words[word.trimmingWhitespace().lowercased()]
    }
}

/// OpenAgenda's accessibility codes.
public enum AccessibilityCode: String, Sendable, Hashable, CaseIterable {
    /// Hearing.
    case hi
    /// Visual.
    case vi
    /// Psychic.
    case pi
    /// Motor.
    case mi
    /// Intellectual.
    case ii
}

/// A place events happen in: a record of the venue dataset, through its `place:` roles.
public struct Venue: Sendable, Hashable {
    public let key: String
    public let name: String
    public let address: String?
    public let city: String?
    public let postalCode: String?
    public let region: String?
    public let latitude: Double?
    public let longitude: Double?

    /// One line for calendars and lists: "Le Rex, 12 rue …, Brest".
    public var label: String {
        [name, address, [postalCode, city].compactMap { $0 }.joined(separator: " ")].compactMap { $0 }
            .filter { !$0.isEmpty }.joined(separator: ", ")
    }
}

/// The roles of an agenda dataset's fields (indexes into its fields).
public struct AgendaRoles: Sendable, Hashable {
    public var title: Int
    public var start: Int
    /// A `time` field completing a `date` start (files that keep the day and the hour apart).
    public var startTime: Int?
    public var end: Int?
    /// A `time` field completing a `date` end.
    public var endTime: Int?
    /// Minutes, when the end is given as a duration.
    public var duration: Int?
    public var venue: Int
    public var venuesDataset: String
    public var description: Int?
    public var image: Int?
    public var type: Int?
    public var keywords: Int?
    public var url: Int?
    public var registration: Int?
    public var price: Int?
    public var accessibility: Int?
    public var ageMin: Int?
    public var ageMax: Int?
    public var status: Int?
    public var attendance: Int?
    public var onlineLink: Int?
    public var updated: Int?
}

/// The roles of a venue dataset's fields (`place:`), indexes into its fields.
public struct PlaceRoles: Sendable, Hashable {
    public var name: Int
    public var address: Int?
    public var city: Int?
    public var postalCode: Int?
    public var region: Int?
}

import Foundation
