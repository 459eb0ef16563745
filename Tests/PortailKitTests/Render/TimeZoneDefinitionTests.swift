import Foundation
import Testing
@testable import PortailKit

/// The time zone's definition in the .ics files is remembered across calendars
/// (``TimeZoneDefinition``): what it writes must be what a fresh search writes, whatever
/// spans were asked for before.
@Suite("VTIMEZONE definitions")
struct TimeZoneDefinitionTests {
    static func text(_ definition: TimeZoneDefinition, _ start: String, _ end: String) -> String {
        let bytes = ByteWriter.collect { writer in
            definition.write(from: Self.instant(start), to: Self.instant(end), into: ICalText(writer: writer))
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    static func instant(_ iso: String) -> Int {
        Int(ISO8601DateFormatter().date(from: iso)!.timeIntervalSince1970)
    }

    @Test("an event's file lists the transitions of the year before to the year after it")
    func yearAround() throws {
        let paris = try #require(TimeZone(identifier: "Europe/Paris"))
        let text = Self.text(TimeZoneDefinition(paris), "2026-10-24T20:00:00Z", "2026-10-25T05:30:00Z")
        let starts = text.split(separator: "\r\n").filter { $0.hasPrefix("DTSTART:") }
        #expect(starts == ["DTSTART:20251026T030000", "DTSTART:20260329T020000", "DTSTART:20261025T030000",
                           "DTSTART:20270328T020000"])
        #expect(text.hasPrefix("BEGIN:VTIMEZONE\r\nTZID:Europe/Paris\r\nBEGIN:STANDARD\r\n"))
        #expect(text.hasSuffix("TZOFFSETTO:+0200\r\nEND:DAYLIGHT\r\nEND:VTIMEZONE\r\n"))
    }

    @Test("a zone without daylight-saving time has one standard observance")
    func noDaylightSaving() throws {
        let tokyo = try #require(TimeZone(identifier: "Asia/Tokyo"))
        let text = Self.text(TimeZoneDefinition(tokyo), "2026-10-24T20:00:00Z", "2026-10-25T05:30:00Z")
        #expect(text == "BEGIN:VTIMEZONE\r\nTZID:Asia/Tokyo\r\nBEGIN:STANDARD\r\nDTSTART:19700101T000000\r\n"
                + "TZOFFSETFROM:+0900\r\nTZOFFSETTO:+0900\r\nEND:STANDARD\r\nEND:VTIMEZONE\r\n")
    }

    @Test("a remembered definition is the one a fresh search writes, across spans far apart",
          arguments: ["Europe/Paris", "America/New_York", "Asia/Tokyo"])
    func rememberedIsFresh(_ identifier: String) throws {
        let zone = try #require(TimeZone(identifier: identifier))
        let spans = [("2026-10-24T20:00:00Z", "2026-10-25T05:30:00Z"), ("2025-06-30T00:00:00Z", "2025-06-30T00:00:00Z"),
                     ("1995-01-01T00:00:00Z", "2040-12-31T00:00:00Z"), ("2026-10-24T20:00:00Z", "2026-10-25T05:30:00Z"),
                     ("2026-03-29T01:30:00Z", "2026-03-29T01:30:00Z")]
        let remembering = TimeZoneDefinition(zone)
        for (start, end) in spans {
            #expect(Self.text(remembering, start, end) == Self.text(TimeZoneDefinition(zone), start, end), "\(start)–\(end)")
        }
    }
}
