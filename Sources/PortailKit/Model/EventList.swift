/// What the agenda keeps of an event: what orders and groups it, and where its record is.
/// The other fields (id, title, description, links…) are read again from the data file when
/// a page or a calendar needs them, so that an agenda of hundreds of thousands of events
/// does not hold them all in memory.
///
/// Packed (40 bytes, against 128 with its id, plain `DateTime`s, a venue key and a
/// `Position`): the agenda keeps one for every event of the file, 250,000 of them at the
/// benchmark's S=10.
public struct EventEntry: Sendable, Hashable {
    private let startSeconds: Int
    private let endSeconds: Int
    /// Byte offset where the event's record starts in its data file.
    private let recordStart: Int
    private let startOffset: Int32
    private let endOffset: Int32
    /// The venue's key, as a position in ``EventEntries/venueKeys``.
    let venueIndex: Int32
    /// The day of the last update, where it was made (`Int32.min` for none): all a sitemap
    /// says of it.
    private let updatedDays: Int32

    init(_ event: Event, venueIndex: Int32, at position: RecordStream.Position) {
        startSeconds = event.start.epochSeconds
        startOffset = Int32(event.start.offsetSeconds)
        endSeconds = event.end.epochSeconds
        endOffset = Int32(event.end.offsetSeconds)
        updatedDays = event.updated.map { Int32(clamping: $0.local.day.daysSinceEpoch) } ?? .min
        recordStart = position.start
        self.venueIndex = venueIndex
    }

    public var start: DateTime { DateTime(epochSeconds: startSeconds, offsetSeconds: Int(startOffset)) }
    public var end: DateTime { DateTime(epochSeconds: endSeconds, offsetSeconds: Int(endOffset)) }
    /// The day of the event's last update, where it was made.
    public var updatedDay: Day? { updatedDays == .min ? nil : Day(daysSinceEpoch: Int(updatedDays)) }
    /// Where the event's record is. Its line is not kept: it only names the record in
    /// diagnostics, and a record read again reports none (validation did).
    var position: RecordStream.Position { RecordStream.Position(line: 0, offset: recordStart, start: recordStart) }

    /// The agenda's order is by start, then by id. Entries do not keep the id (250,000 ids
    /// were 4 MB held through the S=10 build): validation sorts them while it has the ids.
    static func ordered(_ a: EventEntry, id: String, before b: EventEntry, id other: String) -> Bool {
        a.startSeconds != b.startSeconds ? a.startSeconds < b.startSeconds
            : a.startOffset != b.startOffset ? a.startOffset < b.startOffset : id < other
    }
}

/// What validation keeps of an agenda's events.
struct EventTable: Sendable {
    /// In the agenda's order (``EventEntry/ordered(_:_:)``).
    var entries: [EventEntry] = []
    /// The venues' keys, each once: entries refer to them by position.
    var venueKeys: [String] = []
    /// The latest update of an event (the first, in the agenda's order, of equal ones): the
    /// time of the agenda's Atom feed.
    var latestUpdate: DateTime?
    var reader: EventReader?
}

/// Reads an event again from its record, as validation read it.
struct EventReader: Sendable {
    let stream: RecordStream
    let roles: AgendaRoles
    let keyIndex: Int
    let zone: ZoneOffsets
    /// Every field: an event reads its whole record (made once, not at each of its reads).
    private let fieldIndexes: [Int]

    init(stream: RecordStream, roles: AgendaRoles, keyIndex: Int, zone: ZoneOffsets) {
        self.stream = stream
        fieldIndexes = Array(stream.fields.indices)
        self.roles = roles
        self.keyIndex = keyIndex
        self.zone = zone
    }

    func event(_ entry: EventEntry, venue: String) -> Event {
        read(entry, venue: venue).event
    }

    /// The entry's event, and the fingerprint of its record (``PageMemo``); none when the
    /// record is not the one validated (see below).
    func read(_ entry: EventEntry, venue: String) -> (event: Event, fingerprint: Fingerprint.Digest?) {
        let values = stream.record(at: entry.position, fieldIndexes: fieldIndexes)
        if let values, let event = EventRows.event(values, roles: roles, keyIndex: keyIndex, venues: nil, zone: zone,
                                                   locate: { _ in (.file(stream.source.path), "") }, report: { _ in }),
           event.start == entry.start, event.venue == venue {
            return (event, Fingerprint.of { $0.add(values) })
        }
        // The file was written over during the build (a save in place while `portail serve`
        // builds, which then builds again): what was validated is all there is.
        let id = id(of: entry) ?? "\(entry.position.start)"
        return (Event(id: id, title: id, start: entry.start, end: entry.end, venue: venue, description: nil,
                      image: nil, type: nil, keywords: [], url: nil, registration: nil, price: nil, accessibility: [],
                      ageMin: nil, ageMax: nil, status: .scheduled, attendance: .offline, onlineLink: nil, updated: nil), nil)
    }
}

extension EventReader {
    /// The key of the entry's event and the fingerprint of its record, every cell of it (what
    /// its page and its place's pages show of it, ``PageMemo``), from one reading.
    func identity(of entry: EventEntry) -> (id: String, fingerprint: Fingerprint.Digest)? {
        guard let values = stream.record(at: entry.position, fieldIndexes: fieldIndexes),
              let id = EventRows.key(values[keyIndex]) else { return nil }
        return (id, Fingerprint.of { $0.add(values) })
    }

    /// The key of the entry's event, read from its record (only that cell is parsed).
    func id(of entry: EventEntry) -> String? {
        stream.record(at: entry.position, fieldIndexes: [keyIndex])?.first.flatMap(EventRows.key)
    }
}

/// Some of an agenda's entries, in order: all of them, or those at some positions of the
/// whole list. The agenda's upcoming events and each venue's are positions, 4 bytes each,
/// rather than copies of the entries (two copies of every event at the benchmark's S=10).
public struct EventEntries: RandomAccessCollection, Sendable {
    let all: [EventEntry]
    let venueKeys: [String]
    /// Positions in `all`; nil for every entry.
    let picked: [Int32]?

    public var startIndex: Int { 0 }
    public var endIndex: Int { picked?.count ?? all.count }
    public subscript(position: Int) -> EventEntry { all[picked.map { Int($0[position]) } ?? position] }

    /// Key of the entry's venue in the venue dataset.
    public func venue(of entry: EventEntry) -> String { venueKeys[Int(entry.venueIndex)] }
}

/// Events in an order, each read from its record when it is accessed: iterate once, or copy
/// into an array what several passes read.
public struct EventList: RandomAccessCollection, Sendable {
    /// The entries, in the list's order: filter and group these, which reads no record.
    public let entries: EventEntries
    let reader: EventReader?
    /// The latest update of any event (of the whole agenda).
    public let latestUpdate: DateTime?

    static let empty = EventList(EventTable())

    init(_ table: EventTable) {
        entries = EventEntries(all: table.entries, venueKeys: table.venueKeys, picked: nil)
        reader = table.reader
        latestUpdate = table.latestUpdate
    }

    private init(entries: EventEntries, reader: EventReader?, latestUpdate: DateTime?) {
        self.entries = entries
        self.reader = reader
        self.latestUpdate = latestUpdate
    }

    /// The events of some of the entries (of this list), in their order.
    public func subset(_ some: [EventEntry]) -> EventList {
        EventList(entries: EventEntries(all: some, venueKeys: entries.venueKeys, picked: nil), reader: reader, latestUpdate: latestUpdate)
    }

    /// The events at some positions of this list (a list of every entry), in their order.
    func picking(_ positions: [Int32]) -> EventList {
        precondition(entries.picked == nil, "positions are in a list of every entry")
        return EventList(entries: EventEntries(all: entries.all, venueKeys: entries.venueKeys, picked: positions),
                         reader: reader, latestUpdate: latestUpdate)
    }

    /// The id of the event of an entry of this list, read from its record alone: what the
    /// addresses of its page and calendar need, without reading the whole event.
    public func id(of entry: EventEntry) -> String {
        reader?.id(of: entry) ?? "\(entry.position.start)"
    }

    /// The key and fingerprint of the event at `position` (``EventReader/identity(of:)``),
    /// without making the event; nil when its record cannot be read as validated.
    func identity(at position: Int) -> (id: String, fingerprint: Fingerprint.Digest)? {
        reader?.identity(of: entries[position])
    }

    /// The event at `position`, and the fingerprint of its record (``EventReader/read(_:venue:)``).
    func read(at position: Int) -> (event: Event, fingerprint: Fingerprint.Digest?) {
        let entry = entries[position]
        return reader!.read(entry, venue: entries.venue(of: entry))
    }

    public var startIndex: Int { entries.startIndex }
    public var endIndex: Int { entries.endIndex }
    public subscript(position: Int) -> Event {
        let entry = entries[position]
        return reader!.event(entry, venue: entries.venue(of: entry))
    }
}
