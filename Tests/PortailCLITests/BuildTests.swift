import Foundation
import Testing

/// Builds of the example portal through the binary: failure safety, determinism, and
/// untouched files.
@Suite("portail build end to end", .serialized)
struct BuildTests {
    @Test("a type error in a CSV cell and malformed YAML: both located, exit 1, Output untouched")
    func contentErrorsLeaveOutputAlone() throws {
        let workspace = try Workspace()
        #expect(try workspace.build().status == 0)
        let before = try workspace.tree("Output")
        let stamp = try workspace.modificationDate("Output/index.html")

        // Row 14 (line 15) of the CNC file: seats "329.0" becomes "1 5x3".
        try workspace.setCinemaCell(row: 13, column: 14, to: "1 5x3")
        let yaml = workspace.url("Content/datasets/etablissements-scolaires/dataset.yaml")
        let text = try String(contentsOf: yaml, encoding: .utf8)
        try text.replacingOccurrences(of: "title: Établissements", with: "title: \"Établissements").write(to: yaml, atomically: true, encoding: .utf8)

        for command in ["check", "build"] {
            let run = try PortailBinary.run([command, "--quiet"], in: workspace.root, environment: ["SOURCE_DATE_EPOCH": "1795996800"])
            #expect(run.status == 1)
            #expect(run.stderr.contains("""
                Content/datasets/cinemas-actifs/cinemas-cnc-2022.csv:15:127: error: "1 5x3" is not an integer in column "fauteuils" (field 'seats') [type-mismatch]
                """))
            #expect(run.stderr.contains("""
                Content/datasets/etablissements-scolaires/dataset.yaml:1:8: error: this quoted value is not closed on its line [yaml-syntax]
                 1 | title: "Établissements scolaires d'Ille-et-Vilaine
                   |        ^
                """))
            #expect(run.stderr.contains("2 errors"))
        }
        #expect(try workspace.tree("Output") == before)
        #expect(try workspace.modificationDate("Output/index.html") == stamp)
        #expect(!FileManager.default.fileExists(atPath: workspace.url(".Output.portail-staging").path))
    }

    @Test("two builds under different TZ and LANG give identical bytes")
    func determinism() throws {
        let workspace = try Workspace()
        #expect(try workspace.build(["--output", "A"], environment: ["TZ": "Pacific/Auckland", "LANG": "en_US.UTF-8", "LC_ALL": "en_US.UTF-8"]).status == 0)
        #expect(try workspace.build(["--output", "B"], environment: ["TZ": "America/Cayenne", "LANG": "fr_FR.UTF-8", "LC_ALL": "fr_FR.UTF-8"]).status == 0)
        let a = try workspace.tree("A"), b = try workspace.tree("B")
        #expect(a.count > 10)
        #expect(a.keys.sorted() == b.keys.sorted())
        for path in a.keys.sorted() where a[path] != b[path] {
            Issue.record("\(path) differs between the two builds")
        }
    }

    @Test("a rebuild rewrites only the files whose bytes changed")
    func unchangedFilesKeepTheirTime() throws {
        let workspace = try Workspace()
        #expect(try workspace.build().status == 0)
        let page = try workspace.modificationDate("Output/pages/a-propos.html")
        let schools = try workspace.modificationDate("Output/datasets/etablissements-scolaires/etablissements-scolaires.csv")
        let cinemas = try workspace.modificationDate("Output/datasets/cinemas-actifs/cinemas-actifs.csv")
        Thread.sleep(forTimeInterval: 1.1)
        try workspace.setCinemaCell(row: 0, column: 2, to: "GAUMONT CHAMPS-ÉLYSÉES MARIGNAN")
        #expect(try workspace.build().status == 0)
        #expect(try workspace.modificationDate("Output/pages/a-propos.html") == page)
        #expect(try workspace.modificationDate("Output/datasets/etablissements-scolaires/etablissements-scolaires.csv") == schools)
        #expect(try workspace.modificationDate("Output/datasets/cinemas-actifs/cinemas-actifs.csv") > cinemas)
        let csv = String(decoding: try Data(contentsOf: workspace.url("Output/datasets/cinemas-actifs/cinemas-actifs.csv")), as: UTF8.self)
        #expect(csv.contains(";GAUMONT CHAMPS-ÉLYSÉES MARIGNAN;"))
    }

    @Test("hidden entries of the output folder survive a build")
    func hiddenEntriesSurvive() throws {
        let workspace = try Workspace()
        try FileManager.default.createDirectory(at: workspace.url("Output"), withIntermediateDirectories: true)
        try Data().write(to: workspace.url("Output/.gitkeep"))
        try Data("stale".utf8).write(to: workspace.url("Output/stale.html"))
        #expect(try workspace.build().status == 0)
        #expect(FileManager.default.fileExists(atPath: workspace.url("Output/.gitkeep").path))
        #expect(!FileManager.default.fileExists(atPath: workspace.url("Output/stale.html").path))
    }

    @Test("an output folder that would swallow the content is refused with 64")
    func unsafeOutput() throws {
        let workspace = try Workspace()
        let run = try PortailBinary.run(["build", "--output", "Content"], in: workspace.root)
        #expect(run.status == 64)
        #expect(run.stderr.contains("--output 'Content' overlaps the content folder 'Content'"))
    }
}
