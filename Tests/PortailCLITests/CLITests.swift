import Foundation
import Testing

/// The command line end to end: exit statuses, messages, and what lands on disk.
@Suite("portail command line")
struct CLITests {
    @Test("--version prints the version and exits with 0")
    func version() throws {
        let run = try PortailBinary.run(["--version"])
        #expect(run.status == 0)
        #expect(run.stdout == "0.1.0\n")
    }

    @Test("bad usage exits with 64")
    func usage() throws {
        let run = try PortailBinary.run(["build", "--no-such-flag"])
        #expect(run.status == 64)
        #expect(run.stderr.contains("Unknown option '--no-such-flag'"))
    }

    @Test("check passes on the example portal and writes nothing")
    func checkExample() throws {
        // With a passphrase, the members' edition is made too; without, a warning says it is not.
        let run = try PortailBinary.run(["check", "--quiet"], environment: ["SOURCE_DATE_EPOCH": "1795996800",
                                                                            "PORTAIL_MEMBERS_PASSPHRASE": "une phrase de passe d'essai"])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stderr.isEmpty)
        let bare = try PortailBinary.run(["check", "--quiet"], environment: ["SOURCE_DATE_EPOCH": "1795996800", "PORTAIL_MEMBERS_PASSPHRASE": ""])
        #expect(bare.status == 64, "an empty passphrase is bad usage")
    }

    @Test("new writes a portal that passes check and builds, and refuses a folder that is not empty")
    func newPortal() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("portail-new-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        let created = try PortailBinary.run(["new", folder.path, "--quiet"])
        #expect(created.status == 0, "\(created.stderr)")
        for path in ["README.md", "Content/site.yaml", "Content/datasets/salles/dataset.yaml", "Content/datasets/salles/salles.csv",
                     "Content/pages/a-propos.md", "Themes/default/templates/layout.mustache"] {
            #expect(FileManager.default.fileExists(atPath: folder.appendingPathComponent(path).path), "\(path)")
        }
        let check = try PortailBinary.run(["check", "--quiet"], in: folder, environment: ["SOURCE_DATE_EPOCH": "1795996800"])
        #expect(check.status == 0 && check.stderr.isEmpty, "\(check.stderr)")
        let build = try PortailBinary.run(["build", "--quiet"], in: folder, environment: ["SOURCE_DATE_EPOCH": "1795996800"])
        #expect(build.status == 0, "\(build.stderr)")
        #expect(FileManager.default.fileExists(atPath: folder.appendingPathComponent("Output/datasets/salles/salles.csv").path))
        let again = try PortailBinary.run(["new", folder.path])
        #expect(again.status == 64)
        #expect(again.stderr.contains("is not empty"))
    }
}
