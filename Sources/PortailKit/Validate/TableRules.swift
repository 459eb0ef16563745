/// Reads every record of a dataset's data file once, checking each cell against its field,
/// the key's uniqueness, and the row shapes. Gives the record count.
struct TableRules {
    /// Problems kept per file; the rest are counted, so a wholly broken file cannot flood memory.
    static let diagnosticsPerFile = 100

    struct Outcome: Sendable {
        var rowCount = 0
        var diagnostics: [Diagnostic] = []
        /// Extent of the public geographic values of a public dataset.
        var extent: BoundingBox?
        /// The places of a venue dataset, by key.
        var venues = VenueTable()
        /// The events of an agenda dataset, by start then id, and how to read them again.
        var events = EventTable()
        /// Keys of the records, in file order, for datasets with record pages.
        var recordKeys: [String] = []
    }

    /// - Parameters:
    ///   - venues: the keys of the places an agenda dataset's events may refer to; nil when
    ///     the places could not be read (their own errors are reported, and checking events
    ///     against them would only repeat those errors).
    ///   - zone: the site's time zone, for events given as dates.
    static func check(_ dataset: ResolvedDataset, venues: Set<String>? = [], zone: ZoneOffsets = ValueParser.paris,
                      progress: (Int, Int) -> Void) -> Outcome {
        guard let table = dataset.table else { return Outcome() }
        var outcome = Outcome()
        var suppressed = 0
        let stream = RecordStream(source: table, fields: dataset.fields)
        let keyIndex = dataset.key.flatMap { key in dataset.fields.firstIndex { $0.name == key } }
        // Hashes of the keys that may be repeated (few or none): only those keys go in the
        // table below. A table of every key was the build's peak of memory (600,000 school
        // keys, 32 MB at the benchmark's S=10).
        let (repeated, records) = keyIndex.map { repeatedKeyHashes(stream, keyIndex: $0) } ?? ([], 0)
        // What is kept for every record (events, places, record keys: datasets with a key) is
        // allocated once, at the size the first pass counted.
        // The events' ids, beside their entries until they are sorted.
        var eventIDs: [String] = []
        if dataset.views.agenda != nil {
            outcome.events.entries.reserveCapacity(records)
            eventIDs.reserveCapacity(records)
        }
        var places: [Venue] = []
        if dataset.views.place != nil { places.reserveCapacity(records) }
        if dataset.views.recordTitle != nil { outcome.recordKeys.reserveCapacity(records) }
        var keys = [Value: Int]()
        // Only public values of public datasets may shape published metadata.
        let geometry = dataset.access == .public ? dataset.views.geometry : nil
        let positions = Dictionary(uniqueKeysWithValues: dataset.fields.indices.map { ($0, $0) })
        let rows = EventRows(dataset: dataset, stream: stream, zone: zone)
        var venueIndexes: [String: Int32] = [:]
        var latestUpdate: (time: DateTime, entry: EventEntry, id: String)?
        if let agenda = dataset.views.agenda, let keyIndex {
            outcome.events.reader = EventReader(stream: stream, roles: agenda, keyIndex: keyIndex, zone: zone)
        }
        func report(_ diagnostic: Diagnostic) {
            if outcome.diagnostics.count < diagnosticsPerFile { outcome.diagnostics.append(diagnostic) } else { suppressed += 1 }
        }
        stream.forEach(fieldIndexes: Array(dataset.fields.indices), onDiagnostic: { report($0) }) { position, values in
            outcome.rowCount += 1
            if let keyIndex {
                if dataset.views.recordTitle != nil || dataset.views.agenda != nil || dataset.views.place != nil,
                   let key = EventRows.key(values[keyIndex]) {
                    // Keys become path segments (record and event pages, calendars, widgets):
                    // only a strict slug can, so that no key ever reaches outside its folder.
                    if !Identifier.isSlug(key) {
                        let (location, line) = stream.locate(field: keyIndex, in: position)
                        let suggestion = Identifier.slug(from: key)
                        report(Diagnostic(.error, .invalidIdentifier, "the key \"\(key)\" cannot be part of an address",
                                          at: location, sourceLine: line,
                                          hint: "keys of datasets with record pages, places or events use lower-case letters, digits and single hyphens"
                                              + (suggestion.isEmpty ? "" : ", such as '\(suggestion)'")))
                    } else if dataset.views.recordTitle != nil {
                        outcome.recordKeys.append(key)
                    }
                }
                if let place = dataset.views.place, let venue = rows.venue(values, roles: place, keyIndex: keyIndex) {
                    places.append(venue)
                }
                if let agenda = dataset.views.agenda,
                   let event = rows.event(values, roles: agenda, keyIndex: keyIndex, venues: venues, position: position, report: report) {
                    let venueIndex: Int32
                    if let known = venueIndexes[event.venue] {
                        venueIndex = known
                    } else {
                        venueIndex = Int32(outcome.events.venueKeys.count)
                        venueIndexes[event.venue] = venueIndex
                        outcome.events.venueKeys.append(event.venue)
                    }
                    let entry = EventEntry(event, venueIndex: venueIndex, at: position)
                    if let updated = event.updated {
                        latestUpdate = latestUpdate.map { latest in
                            latest.time < updated || (latest.time.epochSeconds == updated.epochSeconds
                                                      && EventEntry.ordered(entry, id: event.id, before: latest.entry, id: latest.id))
                                ? (updated, entry, event.id) : latest
                        } ?? (updated, entry, event.id)
                    }
                    outcome.events.entries.append(entry)
                    eventIDs.append(event.id)
                }
            }
            if case .latitudeLongitude(let latField, let lonField)? = dataset.views.geometry {
                // Geopoints are range-checked when parsed; a pair of number fields is checked here.
                for (index, limit, name) in [(latField, 90.0, "latitude"), (lonField, 180.0, "longitude")] {
                    let number: Double? = {
                        switch values[index] {
                        case .number(let d): return d
                        case .integer(let i): return Double(i)
                        default: return nil
                        }
                    }()
                    if let number, abs(number) > limit {
                        let (location, line) = stream.locate(field: index, in: position)
                        report(Diagnostic(.error, .typeMismatch, "\(MachineFormat.number(number)) is out of range for a \(name) (±\(Int(limit))) in column \"\(dataset.fields[index].column)\"",
                                          at: location, sourceLine: line,
                                          hint: "geo.latitude and geo.longitude may be swapped"))
                    }
                }
            }
            if let geometry, let point = geometry.point(in: values, positions: positions),
               abs(point.latitude) <= 90, abs(point.longitude) <= 180 {
                if outcome.extent == nil { outcome.extent = BoundingBox(latitude: point.latitude, longitude: point.longitude) }
                else { outcome.extent!.include(latitude: point.latitude, longitude: point.longitude) }
            }
            if outcome.rowCount & 0xFFFF == 0 { progress(outcome.rowCount, position.offset) }
            if let keyIndex, !values[keyIndex].isNull, repeated.contains(values[keyIndex].hashValue) {
                if let first = keys.updateValue(position.line, forKey: values[keyIndex]) {
                    let field = dataset.fields[keyIndex]
                    let (location, line) = stream.locate(field: keyIndex, in: position)
                    let diagnostic = Diagnostic(.error, .duplicateKey,
                        "the key \"\(MachineFormat.text(values[keyIndex]))\" of field '\(field.name)' is already used on line \(first)",
                        at: location, sourceLine: line,
                        hint: "each record needs its own key value: the key gives records their stable ids")
                    report(diagnostic)
                }
            }
        }
        // Sorted here, in place (a sorted copy made later doubled the agenda's largest array),
        // while the ids are at hand; then they go.
        if !places.isEmpty { outcome.venues = VenueTable(places) }
        sortEvents(&outcome.events.entries, ids: eventIDs)
        eventIDs = []
        outcome.events.latestUpdate = latestUpdate?.time
        if suppressed > 0 {
            outcome.diagnostics.append(Diagnostic(.error, .typeMismatch,
                "\(suppressed) more problems in this file are not shown", at: .file(table.path)))
        }
        return outcome
    }

    /// Puts `entries` in the agenda's order (by start, then by id; `ids[i]` is the id of
    /// `entries[i]`): an order of positions is sorted, then applied in place, cycle by cycle,
    /// so that no second array of entries is made.
    static func sortEvents(_ entries: inout [EventEntry], ids: [String]) {
        var order = (0..<Int32(entries.count)).map { $0 }
        order.sort { EventEntry.ordered(entries[Int($0)], id: ids[Int($0)], before: entries[Int($1)], id: ids[Int($1)]) }
        // `entries[i]` takes the entry at `order[i]`; a position done is marked -1.
        for start in order.indices where order[start] >= 0 {
            let first = entries[start]
            var i = start
            while true {
                let from = Int(order[i])
                order[i] = -1
                if from == start { entries[i] = first; break }
                entries[i] = entries[from]
                i = from
            }
        }
    }

    /// The hashes that more than one key of the file has, and how many records it has: a
    /// first pass that reads only the key column keeps 8 bytes a record, sorted, instead of a
    /// table of every key. Usually empty; keys with these hashes are then compared for real
    /// (hashes can collide).
    static func repeatedKeyHashes(_ stream: RecordStream, keyIndex: Int) -> (hashes: Set<Int>, records: Int) {
        var hashes: [Int] = []
        var records = 0
        stream.forEach(fieldIndexes: [keyIndex]) { position, values in
            records += 1
            if records == 4_096 {
                hashes.reserveCapacity(estimatedCount(after: 4_096, endingAt: position.offset, of: stream.source))
            }
            if !values[0].isNull { hashes.append(values[0].hashValue) }
        }
        hashes.sort()
        var repeated = Set<Int>()
        for index in hashes.indices.dropFirst() where hashes[index] == hashes[index - 1] { repeated.insert(hashes[index]) }
        return (repeated, records)
    }

    /// How many records a file will give, from the bytes its first `count` took: a little
    /// more than that, so that the first pass's hashes are allocated once. Left to grow by
    /// doubling, the array held three times its size at its last growth (old and new
    /// buffers), the build's peak of memory.
    static func estimatedCount(after count: Int, endingAt offset: Int, of table: TableSource) -> Int {
        let used = max(1, offset - table.bodyOffset)
        let remaining = max(0, table.bytes.count - offset)
        let estimate = count + remaining * count / used + remaining * count / used / 32 + 1_024
        // First records much shorter than the rest must not reserve for millions: no record
        // worth keeping is under 16 bytes (a shorter estimate only grows as before).
        return min(estimate, count + remaining / 16)
    }
}
