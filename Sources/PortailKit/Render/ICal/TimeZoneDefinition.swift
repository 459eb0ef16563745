import Foundation

/// The `VTIMEZONE` of the site's time zone for the years an agenda covers, built from the
/// zone's actual transitions (one STANDARD or DAYLIGHT observance each), so that every
/// calendar client reads local times exactly as the portal means them, whatever the zone.
enum TimeZoneDefinition {
    static func vtimezone(_ zone: TimeZone, from start: Int, to end: Int, into ical: ICalText) {
        ical.line("BEGIN", "VTIMEZONE")
        ical.line("TZID", zone.identifier)
        // From a year before the first event, so that the first event's offset is defined.
        var instant = Date(timeIntervalSince1970: TimeInterval(start - 366 * 86_400))
        let limit = Date(timeIntervalSince1970: TimeInterval(end + 366 * 86_400))
        var transitions: [(at: Date, from: Int, to: Int, daylight: Bool)] = []
        while let next = zone.nextDaylightSavingTimeTransition(after: instant), next <= limit {
            let from = zone.secondsFromGMT(for: next.addingTimeInterval(-1))
            let to = zone.secondsFromGMT(for: next)
            transitions.append((next, from, to, zone.isDaylightSavingTime(for: next)))
            instant = next
        }
        if transitions.isEmpty {
            // No daylight-saving time: one standard observance forever.
            let offset = zone.secondsFromGMT(for: Date(timeIntervalSince1970: TimeInterval(start)))
            ical.line("BEGIN", "STANDARD")
            ical.line("DTSTART", "19700101T000000")
            ical.line("TZOFFSETFROM", ICalText.offset(offset))
            ical.line("TZOFFSETTO", ICalText.offset(offset))
            ical.line("END", "STANDARD")
        }
        for transition in transitions {
            let kind = transition.daylight ? "DAYLIGHT" : "STANDARD"
            // DTSTART is the local time, in the offset before the change, when it happens.
            let local = DateTime(epochSeconds: Int(transition.at.timeIntervalSince1970), offsetSeconds: transition.from).local
            ical.line("BEGIN", kind)
            ical.line("DTSTART", ICalText.stamp(day: local.day, seconds: local.secondOfDay))
            ical.line("TZOFFSETFROM", ICalText.offset(transition.from))
            ical.line("TZOFFSETTO", ICalText.offset(transition.to))
            ical.line("END", kind)
        }
        ical.line("END", "VTIMEZONE")
    }
}
