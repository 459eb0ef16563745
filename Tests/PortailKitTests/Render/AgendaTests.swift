import Foundation
import Testing
@testable import PortailKit

/// The agenda of the small fixture: time zones across a DST change, statuses, per-venue
/// feeds, and iCalendar's line rules (RFC 5545 §3.1).
@Suite("Agenda and iCalendar feeds")
struct AgendaTests {
    static func build() async throws -> (Agenda, MemoryOutput) {
        let (result, output) = await Fixtures.build(content: Fixtures.site("small").appendingPathComponent("Content"))
        #expect(result.succeeded, "\(DiagnosticFormatter().format(result.diagnostics))")
        return (try #require(result.catalog?.agenda), output)
    }

    static func text(_ output: MemoryOutput, _ path: String) throws -> String {
        String(decoding: try #require(output.files[path], "\(path) was not written"), as: UTF8.self)
    }

    /// RFC 5545 §3.1: a folded line continues on the next one, after a CRLF and one space.
    static func unfolded(_ ics: String) -> [String] {
        ics.replacingOccurrences(of: "\r\n ", with: "").components(separatedBy: "\r\n").filter { !$0.isEmpty }
    }

    /// The agenda keeps one entry for every event of its file (250,000 at the benchmark's
    /// S=10): a field added to it grows every big agenda's memory.
    @Test("an agenda entry stays 40 bytes")
    func entrySize() {
        #expect(MemoryLayout<EventEntry>.stride == 40)
    }

    /// Entries do not keep their ids: validation sorts them with the ids beside them, then
    /// moves them in place. Many events share their start (every 20:30 show of a day).
    @Test("events are sorted by start, then offset, then id, in place")
    func sortedInPlace() {
        var events: [(entry: EventEntry, id: String)] = []
        var generator = SplitMix(state: 7)
        for number in 0..<5_000 {
            let id = "ev\(Int.random(in: 0..<1_000_000, using: &generator))-\(number)"
            let start = DateTime(epochSeconds: 1_796_000_000 + 1_800 * Int.random(in: 0..<20, using: &generator),
                                 offsetSeconds: [3_600, 7_200][Int.random(in: 0..<2, using: &generator)])
            let event = Event(id: id, title: id, start: start, end: start, venue: "v", description: nil, image: nil, type: nil,
                              keywords: [], url: nil, registration: nil, price: nil, accessibility: [], ageMin: nil, ageMax: nil,
                              status: .scheduled, attendance: .offline, onlineLink: nil, updated: nil)
            events.append((EventEntry(event, venueIndex: 0, at: RecordStream.Position(line: number, offset: number, start: number)), id))
        }
        var entries = events.map(\.entry)
        TableRules.sortEvents(&entries, ids: events.map(\.id))
        let expected = events.sorted { a, b in
            a.entry.start.epochSeconds != b.entry.start.epochSeconds ? a.entry.start.epochSeconds < b.entry.start.epochSeconds
                : a.entry.start.offsetSeconds != b.entry.start.offsetSeconds ? a.entry.start.offsetSeconds < b.entry.start.offsetSeconds
                : a.id < b.id
        }
        #expect(entries == expected.map(\.entry))
    }

    /// A seeded generator: the same shuffled events at every run.
    struct SplitMix: RandomNumberGenerator {
        var state: UInt64
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
    }

    @Test("local times across the end of summer time become the right instants")
    func daylightSavingChange() async throws {
        let (agenda, output) = try await Self.build()
        let night = try #require(agenda.events.first { $0.id == "nuit-horreur" })
        // 22:00 on 24 October 2026 is summer time in Paris (+02:00); 06:30 the next morning
        // is winter time (+01:00), clocks having gone back at 03:00.
        #expect(night.start.epochSeconds == 1_792_872_000) // 2026-10-24T20:00:00Z
        #expect(night.end.epochSeconds == 1_792_906_200)   // 2026-10-25T05:30:00Z
        #expect(night.end.epochSeconds - night.start.epochSeconds == 9 * 3600 + 30 * 60)
        let ics = Self.unfolded(try Self.text(output, "agenda/events/nuit-horreur.ics"))
        #expect(ics.contains("DTSTART;TZID=Europe/Paris:20261024T220000"))
        #expect(ics.contains("DTEND;TZID=Europe/Paris:20261025T063000"))
        // The VTIMEZONE says when the offset changes, so calendars place the end right.
        let standard = try #require(ics.firstIndex(of: "DTSTART:20261025T030000"))
        #expect(ics[standard - 1] == "BEGIN:STANDARD")
        #expect(ics[standard + 1] == "TZOFFSETFROM:+0200")
        #expect(ics[standard + 2] == "TZOFFSETTO:+0100")
    }

    @Test("a cancelled event stays in its feeds, marked cancelled in iCal and schema.org")
    func cancelledEvent() async throws {
        let (agenda, output) = try await Self.build()
        #expect(agenda.upcoming.contains { $0.id == "atelier-bruitage" })
        let feed = Self.unfolded(try Self.text(output, "agenda/venues/2.ics"))
        let start = try #require(feed.firstIndex(of: "UID:atelier-bruitage@essai.example/portail"))
        let end = try #require(feed[start...].firstIndex(of: "END:VEVENT"))
        #expect(feed[start..<end].contains("STATUS:CANCELLED"))
        let page = try Self.text(output, "agenda/events/atelier-bruitage.html")
        #expect(page.contains("\"eventStatus\":\"https://schema.org/EventCancelled\""))
        let other = try Self.text(output, "agenda/events/cine-concert.html")
        #expect(other.contains("\"eventStatus\":\"https://schema.org/EventScheduled\""))
    }

    @Test("each venue's feed holds exactly its upcoming events, and a venue without any gets a valid empty calendar")
    func venueFeeds() async throws {
        let (agenda, output) = try await Self.build()
        #expect(agenda.venues.keys.sorted() == ["1", "2", "3"])
        for key in agenda.venues.keys.sorted() {
            let ics = Self.unfolded(try Self.text(output, "agenda/venues/\(key).ics"))
            let uids = ics.filter { $0.hasPrefix("UID:") }
            #expect(uids == agenda.upcoming(at: key).map { "UID:\($0.id)@essai.example/portail" }, "venue \(key)")
            #expect(ics.filter { $0 == "BEGIN:VEVENT" }.count == uids.count)
            #expect(ics.contains("BEGIN:VTIMEZONE"))
        }
        // The past night is on its own page and file, not in the feeds.
        #expect(agenda.upcoming(at: "1").map(\.id) == ["rencontre-en-ligne", "avant-premiere"])
        let all = Self.unfolded(try Self.text(output, "agenda.ics")).filter { $0.hasPrefix("UID:") }
        #expect(all.count == agenda.upcoming.count)
    }

    @Test("the contribution form's places are every venue once, as JSON, names folded for their order")
    func venueList() async throws {
        let (agenda, output) = try await Self.build()
        let document = try JSONSerialization.jsonObject(with: try #require(output.files[VenueList.path])) as? [String: Any]
        let places = try #require(document?["venues"] as? [[String: String]])
        #expect(places.map { $0["id"] } == ["2", "3", "1"])
        #expect(Set(places.compactMap { $0["id"] }) == Set(agenda.venues.keys))
        // Names as the data has them, quotes, semicolons and line breaks included.
        #expect(places.map { $0["name"] } == ["Café \"Lumière\"; salle 2", "Cinéma\r\ndu port", "Le Rex"])
        let form = try Self.text(output, "agenda/contribuer.html")
        #expect(form.contains("\"places\":\"../agenda/venues.json\""))
        #expect(!form.contains("<option value=\"1\">"), "the places are not listed in the page")
    }

    @Test("every calendar line is CRLF-terminated, at most 75 octets, folded without splitting a character")
    func lineFolding() async throws {
        let (_, output) = try await Self.build()
        let calendars = output.files.keys.filter { $0.hasSuffix(".ics") }.sorted()
        #expect(calendars.count == 9)
        for path in calendars {
            let bytes = try #require(output.files[path])
            let text = try #require(String(data: bytes, encoding: .utf8), "\(path) is not UTF-8")
            #expect(text.hasSuffix("END:VCALENDAR\r\n"))
            #expect(!text.replacingOccurrences(of: "\r\n", with: "").contains("\n"), "\(path) has a bare LF")
            for line in text.components(separatedBy: "\r\n") {
                #expect(line.utf8.count <= 75, "\(path): \(line)")
            }
        }
        // The long description comes back whole once unfolded, escapes included.
        let ics = Self.unfolded(try Self.text(output, "agenda/events/cine-concert.ics"))
        let description = try #require(ics.first { $0.hasPrefix("DESCRIPTION:Le film") })
        #expect(description.hasPrefix("DESCRIPTION:Le film de Murnau\\, avec un trio au piano\\, violon et clarinette\\, qui joue"))
        #expect(description.contains("calendriers à 75 octets.\\n\\nLieu : Café \"Lumière\"\\; salle 2\\, Ajaccio\\nTarif : 12 €"))
    }

    /// RFC 5545 §3.3.11: backslash, semicolon, comma and newline escaped; other control
    /// characters than tab are not allowed; the rest, accents included, as written.
    @Test("TEXT values are escaped as RFC 5545 says")
    func textEscaping() {
        #expect(ICalText.escape("Ciné-club, débat; 5 € \\ 1") == "Ciné-club\\, débat\\; 5 € \\\\ 1")
        #expect(ICalText.escape("ligne 1\r\nligne 2\nfin\u{1}\tx") == "ligne 1\\nligne 2\\nfin\tx")
        #expect(ICalText.escape("Le Méliès") == "Le Méliès")
        #expect(ICalText.escape("") == "")
    }

    @Test("an online event's calendar entry and page point to its link")
    func onlineEvent() async throws {
        let (_, output) = try await Self.build()
        let ics = Self.unfolded(try Self.text(output, "agenda/events/rencontre-en-ligne.ics"))
        #expect(ics.contains("LOCATION:https://visio.example/monteuse"))
        let page = try Self.text(output, "agenda/events/rencontre-en-ligne.html")
        #expect(page.contains("\"@type\":\"VirtualLocation\""))
        #expect(page.contains("https://schema.org/OnlineEventAttendanceMode"))
    }
}

/// Files that keep the day and the hour in two columns (`agenda.start_time`, `end_time`).
@Suite("Agenda dates and times in separate columns")
struct AgendaSplitTimeTests {
    static func site(yaml: String, csv: String) throws -> URL {
        let root = try Fixtures.temporaryDirectory()
        let content = root.appendingPathComponent("Content")
        try Fixtures.overlay(Fixtures.site("small").appendingPathComponent("Content"), onto: content)
        let folder = content.appendingPathComponent("datasets/evenements")
        try FileManager.default.removeItem(at: folder)
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try yaml.write(to: folder.appendingPathComponent("dataset.yaml"), atomically: true, encoding: .utf8)
        try csv.write(to: folder.appendingPathComponent("evenements.csv"), atomically: true, encoding: .utf8)
        return root
    }

    static let csv = "id;titre;jour;heure;fin;heure_fin;salle;quand\nnuit;Nuit;2026-10-24;22:00;2026-10-25;06:30;1;\nmatin;Matin;2026-12-05;;;;2;\n"

    static func yaml(start: String = "jour", extra: String = "") -> String {
        """
        title: Événements
        description: Jour et heure dans deux colonnes.
        themes: [Culture]
        modified: 2026-11-25
        source:
          path: evenements.csv
        key: id
        agenda:
          title: titre
          start: \(start)
          start_time: heure
          end: fin
          end_time: heure_fin
          venue: salle
          venues: salles\(extra)
        fields:
          - {name: id, title: Identifiant}
          - {name: titre, title: Titre}
          - {name: jour, title: Jour, type: date}
          - {name: heure, title: Heure, type: time}
          - {name: fin, title: Fin, type: date}
          - {name: heure_fin, title: Heure de fin, type: time}
          - {name: salle, title: Salle}
          - {name: quand, title: Quand, type: datetime}

        """
    }

    @Test("a date and a time column make one local start, across the end of summer time")
    func splitColumns() async throws {
        let root = try Self.site(yaml: Self.yaml(), csv: Self.csv)
        defer { try? FileManager.default.removeItem(at: root) }
        let (result, output) = await Fixtures.build(content: root.appendingPathComponent("Content"))
        #expect(result.succeeded, "\(DiagnosticFormatter().format(result.diagnostics))")
        let night = try #require(result.catalog?.agenda?.events.first { $0.id == "nuit" })
        #expect(night.start.epochSeconds == 1_792_872_000) // 2026-10-24T22:00+02:00
        #expect(night.end.epochSeconds == 1_792_906_200)   // 2026-10-25T06:30+01:00
        let ics = AgendaTests.unfolded(try AgendaTests.text(output, "agenda/events/nuit.ics"))
        #expect(ics.contains("DTSTART;TZID=Europe/Paris:20261024T220000"))
        // Without an hour, the day starts at midnight, as a date start alone does.
        let morning = try #require(result.catalog?.agenda?.events.first { $0.id == "matin" })
        #expect(morning.start.epochSeconds == 1_796_425_200) // 2026-12-05T00:00+01:00
    }

    @Test("start_time with a datetime start is an error at its line")
    func timeWithDatetime() async throws {
        let csv = "id;titre;jour;heure;fin;heure_fin;salle;quand\nnuit;Nuit;2026-10-24;22:00;2026-10-25;06:30;1;2026-10-24T22:00\n"
        let root = try Self.site(yaml: Self.yaml(start: "quand"), csv: csv)
        defer { try? FileManager.default.removeItem(at: root) }
        let (result, _) = await Fixtures.build(content: root.appendingPathComponent("Content"))
        #expect(!result.succeeded)
        let messages = result.diagnostics.map { "\($0.location.line):\($0.location.column) \($0.message)" }
        #expect(messages.contains("11:15 agenda.start_time completes a date field; 'quand' is a datetime already"), "\(messages)")
    }

    /// The small fixture's catalogue and agenda, and the French strings, for page models.
    static func frenchPages() async throws -> (Catalog, Agenda, Localization) {
        let (result, _) = await Fixtures.build(content: Fixtures.site("small").appendingPathComponent("Content"))
        let catalog = try #require(result.catalog), agenda = try #require(catalog.agenda)
        let file = try #require(SourceFile.read(Fixtures.defaultTheme.appendingPathComponent("i18n/fr.yaml"), displayPath: "fr.yaml"))
        return (catalog, agenda, try #require(Localization.read(file, language: "fr").0))
    }

    @Test("an index over its limit lists the soonest events and says where the others are")
    func indexLimit() async throws {
        let (catalog, agenda, locale) = try await Self.frenchPages()
        #expect(agenda.upcoming.count > 2)
        let cut = AgendaPageModel(agenda: agenda, catalog: catalog, locale: locale, month: nil, allMonths: [], limit: 2)
        #expect(cut.days.flatMap(\.events).map(\.id) == agenda.upcoming.prefix(2).map(\.id))
        #expect(cut.limitNote == "Cette page montre les 2 prochains événements, sur \(agenda.upcoming.count) à venir : les suivants sont sur les pages des mois.")
        let whole = AgendaPageModel(agenda: agenda, catalog: catalog, locale: locale, month: nil, allMonths: [], limit: agenda.upcoming.count)
        #expect(whole.limitNote == nil)
        #expect(whole.days.flatMap(\.events).count == agenda.upcoming.count)
    }

    @Test("a month with more events than a page lists is cut into parts, linked to each other")
    func monthParts() async throws {
        let (catalog, agenda, locale) = try await Self.frenchPages()
        let months = AgendaRenderer.months(agenda, zone: ZoneOffsets(catalog.site.timeZone))
        #expect(months.map(\.entries.count).reduce(0, +) == agenda.events.count)
        var month = try #require(months.first { $0.entries.count >= 2 })
        #expect(month.partCount == 1)
        month.limit = 1
        month.part = 2
        #expect(month.partCount == month.entries.count)
        #expect(month.path == EventPaths.month(year: month.year, month: month.month) .replacingOccurrences(of: ".html", with: "-page-2.html"))
        let model = AgendaPageModel(agenda: agenda, catalog: catalog, locale: locale, month: month, allMonths: [(month.year, month.month)])
        #expect(model.days.flatMap(\.events).map(\.id) == [month.entries.dropFirst().first.map(agenda.events.id(of:))])
        #expect(model.heading.hasSuffix(", page 2 sur \(month.entries.count)"))
        #expect(model.monthParts.map(\.current) == (1...month.entries.count).map { $0 == 2 })
        #expect(model.monthParts.first?.href == "../" + EventPaths.month(year: month.year, month: month.month))
    }
}
