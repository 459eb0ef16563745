import Foundation
import Testing
@testable import PortailKit

/// One fixture per kind of mistake (`Fixtures/Invalid/<case>/`): files laid over the small
/// fixture portal (and, under `Themes/default/`, over the default theme), a `remove.txt` of
/// files to delete, and `expected.txt` holding the exact diagnostics, `file:line:column`
/// included. `RECORD_SNAPSHOTS=1` re-records the expected texts.
@Suite("Diagnostics for invalid content")
struct InvalidContentTests {
    static let casesFolder = Fixtures.fixtures.appendingPathComponent("Invalid")

    static var cases: [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: casesFolder.path)) ?? []).sorted()
    }

    @Test("each mistake gives its exact diagnostics and fails the build", arguments: cases)
    func invalidCase(name: String) async throws {
        let folder = Self.casesFolder.appendingPathComponent(name)
        let scratch = try Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: scratch) }
        let content = scratch.appendingPathComponent("Content")
        let theme = scratch.appendingPathComponent("Themes/default")
        try Fixtures.overlay(Fixtures.site("small").appendingPathComponent("Content"), onto: content)
        try FileManager.default.createDirectory(at: theme, withIntermediateDirectories: true)
        try Fixtures.overlay(Fixtures.defaultTheme, onto: theme)
        for part in ["Content", "Themes"] where FileManager.default.fileExists(atPath: folder.appendingPathComponent(part).path) {
            try Fixtures.overlay(folder.appendingPathComponent(part), onto: scratch.appendingPathComponent(part))
        }
        if let removals = try? String(contentsOf: folder.appendingPathComponent("remove.txt"), encoding: .utf8) {
            for path in removals.split(separator: "\n") where !path.isEmpty {
                try FileManager.default.removeItem(at: scratch.appendingPathComponent(String(path)))
            }
        }

        let (result, _) = await Fixtures.build(content: content, theme: theme)
        let text = DiagnosticFormatter().format(result.diagnostics)
        let expectedURL = folder.appendingPathComponent("expected.txt")
        if SnapshotTests.recording || !FileManager.default.fileExists(atPath: expectedURL.path) {
            try text.write(to: expectedURL, atomically: true, encoding: .utf8)
        }
        #expect(!result.succeeded)
        #expect(text == (try String(contentsOf: expectedURL, encoding: .utf8)))
    }
}
