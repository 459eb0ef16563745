import Foundation
import Testing

/// `portail import`: OpenAgenda exports and contributions merged into the agenda's data file.
@Suite("portail import end to end", .serialized)
struct ImportTests {
    static let agenda = "Content/datasets/agenda-ouvert/agenda.csv"

    static func fixture(_ name: String) -> String {
        PortailBinary.packageRoot.appendingPathComponent("Tests/PortailCLITests/Fixtures/\(name)").path
    }

    @Test("an OpenAgenda export adds one event per timing; importing it again changes nothing")
    func openAgendaImportIsIdempotent() throws {
        let workspace = try Workspace()
        let before = try Data(contentsOf: workspace.url(Self.agenda))
        let first = try PortailBinary.run(["import", "agenda-ouvert", Self.fixture("openagenda-export.json")], in: workspace.root)
        #expect(first.status == 0, "\(first.stderr)")
        #expect(first.stderr == "portail: added 3, updated 0, 0 unchanged\n")
        let after = try Data(contentsOf: workspace.url(Self.agenda))
        // The rows that were there keep their bytes; the new ones follow.
        #expect(after.starts(with: before))
        let added = String(decoding: after.dropFirst(before.count), as: UTF8.self).split(whereSeparator: \.isNewline)
        #expect(added.map { $0.split(separator: ";", omittingEmptySubsequences: false)[0] } ==
                ["oa-48213377-20261212-2030", "oa-48213377-20261213-1600", "oa-55102398-20270108-2000"])
        // The Lux has no extId: it is found by its name and city.
        #expect(added[2].split(separator: ";", omittingEmptySubsequences: false)[4] == "106291")

        let second = try PortailBinary.run(["import", "agenda-ouvert", Self.fixture("openagenda-export.json")], in: workspace.root)
        #expect(second.status == 0)
        #expect(second.stderr == "portail: added 0, updated 0, 3 unchanged; the data file is unchanged\n")
        #expect(try Data(contentsOf: workspace.url(Self.agenda)) == after)

        // The imported events are built: the cancelled one says so in its calendar.
        let build = try workspace.build()
        #expect(build.status == 0, "\(build.stderr)")
        let ics = String(decoding: try Data(contentsOf: workspace.url("Output/agenda/events/oa-55102398-20270108-2000.ics")), as: UTF8.self)
        #expect(ics.contains("STATUS:CANCELLED\r\n"))
        #expect(ics.contains("DTSTART;TZID=Europe/Paris:20270108T200000\r\n"))
    }

    @Test("an invalid entry: every problem located in the imported file, exit 1, the data file untouched")
    func invalidImportChangesNothing() throws {
        let workspace = try Workspace()
        let before = try Data(contentsOf: workspace.url(Self.agenda))
        try FileManager.default.copyItem(atPath: Self.fixture("openagenda-export-invalid.json"), toPath: workspace.url("export.json").path)
        let run = try PortailBinary.run(["import", "agenda-ouvert", "export.json"], in: workspace.root)
        #expect(run.status == 1)
        #expect(run.stderr == """
            export.json:43:17: error: unknown OpenAgenda status 9 [import-entry]
             43 |       "status": 9,
                |                 ^
              hint: OpenAgenda's statuses run from 1 to 6
            export.json:64:18: error: the event ends before it starts [invalid-value]
             64 |           "end": "2026-12-13T15:00:00+01:00"
                |                  ^
            export.json:88:19: error: the location 'Cinéma inconnu' matches no place of 'cinemas-actifs' [import-entry]
             88 |       "location": {
                |                   ^
              hint: link it with an extId {"key": "venue", "value": "<key>"} in OpenAgenda
            3 errors
            portail: nothing was imported; the data file is unchanged

            """)
        #expect(try Data(contentsOf: workspace.url(Self.agenda)) == before)
    }

    @Test("a contribution updates a row by its key, keeping the cells it does not name, and adds new ones")
    func contributionUpdatesAndAdds() throws {
        let workspace = try Workspace()
        let contribution = """
            {"portail": "agenda-contribution", "version": 1, "dataset": "agenda-ouvert",
             "events": [
              {"id": "ev-2026-0189", "status": "cancelled"},
              {"id": "lux-2026-12-20-conte", "title": "Ciné-conte de Noël", "start": "2026-12-20T15:00",
               "end": "2026-12-20T16:30", "venue": "106291", "accessibility": "hi, vi", "age_min": 4}
             ]}
            """
        try Data(contribution.utf8).write(to: workspace.url("contribution.json"))
        let dry = try PortailBinary.run(["import", "agenda-ouvert", "contribution.json", "--dry-run"], in: workspace.root)
        #expect(dry.stderr == "portail: would add 1, would update 1, 0 unchanged\n")
        let run = try PortailBinary.run(["import", "agenda-ouvert", "contribution.json"], in: workspace.root)
        #expect(run.status == 0, "\(run.stderr)")
        let rows = String(decoding: try Data(contentsOf: workspace.url(Self.agenda)), as: UTF8.self)
            .split(whereSeparator: \.isNewline).map { $0.split(separator: ";", omittingEmptySubsequences: false).map(String.init) }
        let header = rows[0]
        let updated = try #require(rows.first { $0[0] == "ev-2026-0189" })
        #expect(updated[header.firstIndex(of: "statut")!] == "cancelled")
        #expect(updated[header.firstIndex(of: "titre")!] == "Ciné-goûter : « Les Enfants du port »")
        let added = try #require(rows.last)
        #expect(added[0] == "lux-2026-12-20-conte")
        #expect(added[header.firstIndex(of: "accessibilite")!] == "hi, vi")
    }

    @Test("a new entry without a required field, or with an unknown field, is refused")
    func contributionErrors() throws {
        let workspace = try Workspace()
        let contribution = """
            {"portail": "agenda-contribution", "dataset": "agenda-ouvert",
             "events": [{"id": "new-event", "titel": "Sans titre", "start": "2026-12-20T15:00", "venue": "106291"}]}
            """
        try Data(contribution.utf8).write(to: workspace.url("contribution.json"))
        let run = try PortailBinary.run(["import", "agenda-ouvert", "contribution.json"], in: workspace.root)
        #expect(run.status == 1)
        #expect(run.stderr.contains("contribution.json:2:33: error: 'titel' is not a field of 'agenda-ouvert' [import-entry]"))
        #expect(run.stderr.contains("hint: did you mean 'title'?"))
        #expect(run.stderr.contains("contribution.json:2:13: error: 'title' is required [import-entry]"))
    }
}
