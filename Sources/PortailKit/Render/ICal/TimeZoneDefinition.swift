import Foundation
import Synchronization

/// The `VTIMEZONE` of the site's time zone for the years a calendar covers, built from the
/// zone's actual transitions (one STANDARD or DAYLIGHT observance each), so that every
/// calendar client reads local times exactly as the portal means them, whatever the zone.
///
/// One is made per ``CalendarBuilder`` and remembers what it found: every event's own file
/// asks for the definition of the two years around it (25,000 files at the benchmark's S=1),
/// and asking Foundation (ICU) for the transitions and writing them out again each time was a
/// quarter of the making of those files. The zone's transitions are searched once over a
/// wide interval, and each distinct definition is written once.
final class TimeZoneDefinition: Sendable {
    let zone: TimeZone

    private struct Transition {
        let at: Int
        let from: Int
        let to: Int
        let daylight: Bool
    }

    /// What a definition holds: the transitions it lists (indexes into the known ones), or,
    /// when there are none, the zone's one offset.
    private struct Shape: Hashable {
        let transitions: Range<Int>
        let standardOffset: Int?
    }

    private struct Memo {
        /// Every transition after `searched.lowerBound` up to `searched.upperBound`, in order.
        var transitions: [Transition] = []
        var searched: ClosedRange<Int>?
        var written: [Shape: [UInt8]] = [:]
    }

    private let memo = Mutex(Memo())

    init(_ zone: TimeZone) {
        self.zone = zone
    }

    /// Writes the definition covering the instants `start` to `end` (seconds since 1970).
    func write(from start: Int, to end: Int, into ical: ICalText) {
        // From a year before the first event, so that the first event's offset is defined.
        let lower = start - 366 * 86_400, upper = end + 366 * 86_400
        let bytes = memo.withLock { memo in
            if memo.searched.map({ !$0.contains(lower) || !$0.contains(upper) }) ?? true {
                // Ten years on each side: a site's calendars rarely go beyond, and the search
                // is then done once.
                let searched = min(lower, memo.searched?.lowerBound ?? .max) - 10 * 366 * 86_400
                    ... max(upper, memo.searched?.upperBound ?? .min) + 10 * 366 * 86_400
                memo.transitions = transitions(after: searched.lowerBound, upTo: searched.upperBound)
                memo.searched = searched
                memo.written = [:]
            }
            let first = memo.transitions.firstIndex { $0.at > lower } ?? memo.transitions.count
            let last = memo.transitions[first...].firstIndex { $0.at > upper } ?? memo.transitions.count
            let standardOffset = first == last ? zone.secondsFromGMT(for: Date(timeIntervalSince1970: TimeInterval(start))) : nil
            let shape = Shape(transitions: first..<last, standardOffset: standardOffset)
            if let bytes = memo.written[shape] { return bytes }
            let transitions = memo.transitions[shape.transitions]
            let bytes = ByteWriter.collect { write(transitions, standardOffset: shape.standardOffset, into: ICalText(writer: $0)) }
            memo.written[shape] = bytes
            return bytes
        }
        ical.lines(bytes)
    }

    private func transitions(after start: Int, upTo end: Int) -> [Transition] {
        var instant = Date(timeIntervalSince1970: TimeInterval(start))
        let limit = Date(timeIntervalSince1970: TimeInterval(end))
        var transitions: [Transition] = []
        while let next = zone.nextDaylightSavingTimeTransition(after: instant), next <= limit {
            transitions.append(Transition(at: Int(next.timeIntervalSince1970), from: zone.secondsFromGMT(for: next.addingTimeInterval(-1)),
                                          to: zone.secondsFromGMT(for: next), daylight: zone.isDaylightSavingTime(for: next)))
            instant = next
        }
        return transitions
    }

    private func write(_ transitions: ArraySlice<Transition>, standardOffset: Int?, into ical: ICalText) {
        ical.line("BEGIN", "VTIMEZONE")
        ical.line("TZID", zone.identifier)
        if let offset = standardOffset {
            // No daylight-saving time: one standard observance forever.
            ical.line("BEGIN", "STANDARD")
            ical.line("DTSTART", "19700101T000000")
            ical.line("TZOFFSETFROM", ICalText.offset(offset))
            ical.line("TZOFFSETTO", ICalText.offset(offset))
            ical.line("END", "STANDARD")
        }
        for transition in transitions {
            let kind = transition.daylight ? "DAYLIGHT" : "STANDARD"
            // DTSTART is the local time, in the offset before the change, when it happens.
            let local = DateTime(epochSeconds: transition.at, offsetSeconds: transition.from).local
            ical.line("BEGIN", kind)
            ical.line("DTSTART", ICalText.stamp(day: local.day, seconds: local.secondOfDay))
            ical.line("TZOFFSETFROM", ICalText.offset(transition.from))
            ical.line("TZOFFSETTO", ICalText.offset(transition.to))
            ical.line("END", kind)
        }
        ical.line("END", "VTIMEZONE")
    }
}
