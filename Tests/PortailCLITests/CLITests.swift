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
        let run = try PortailBinary.run(["check", "--quiet"], environment: ["SOURCE_DATE_EPOCH": "1795996800"])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stderr.isEmpty)
    }
}
