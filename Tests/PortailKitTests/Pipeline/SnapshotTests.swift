import Foundation
import Testing
@testable import PortailKit

/// Whole-output snapshots: every file of a fixture portal's output, byte for byte, against
/// `Snapshots/<site>/`. A missing or extra file fails. `RECORD_SNAPSHOTS=1` (make snapshots)
/// re-records the expected tree.
@Suite("Snapshots of whole output trees")
struct SnapshotTests {
    static let recording = ProcessInfo.processInfo.environment["RECORD_SNAPSHOTS"] == "1"

    @Test("the small fixture portal renders exactly as recorded")
    func smallSite() async throws {
        let (result, output) = await Fixtures.build(content: Fixtures.site("small").appendingPathComponent("Content"))
        #expect(result.succeeded, "\(DiagnosticFormatter().format(result.diagnostics))")
        // Theme assets are copied as they are: they are compared with the theme itself, so
        // that the snapshot records what the generator makes, not the theme's scripts.
        var generated: [String: Data] = [:]
        for (path, data) in output.files {
            if path.hasPrefix("assets/") && !path.hasPrefix("assets/leaflet/") {
                let source = Fixtures.defaultTheme.appendingPathComponent(path)
                #expect(data == (try? Data(contentsOf: source)), "\(path) is not a copy of the theme's file")
            } else {
                generated[path] = data
            }
        }
        let themeAssets = try FileManager.default.contentsOfDirectory(atPath: Fixtures.defaultTheme.appendingPathComponent("assets").path)
        for name in themeAssets where !name.hasPrefix(".") {
            #expect(output.files["assets/\(name)"] != nil, "assets/\(name) was not copied")
        }
        try compare(generated, with: Fixtures.snapshots.appendingPathComponent("small"))
    }

    func compare(_ files: [String: Data], with folder: URL) throws {
        let fm = FileManager.default
        if Self.recording || !fm.fileExists(atPath: folder.path) {
            let existed = fm.fileExists(atPath: folder.path)
            if existed { try fm.removeItem(at: folder) }
            for (path, data) in files {
                let url = folder.appendingPathComponent(path)
                try fm.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
                try data.write(to: url)
            }
            if !existed && !Self.recording {
                Issue.record("no snapshot at \(folder.path): recorded one; check it and run the tests again")
            }
            return
        }
        var expected: [String: Data] = [:]
        let walker = fm.enumerator(at: folder, includingPropertiesForKeys: [.isRegularFileKey])
        while let url = walker?.nextObject() as? URL {
            guard (try url.resourceValues(forKeys: [.isRegularFileKey])).isRegularFile == true else { continue }
            let relative = String(url.standardizedFileURL.path.dropFirst(folder.standardizedFileURL.path.count + 1))
            expected[relative] = try Data(contentsOf: url)
        }
        let missing = Set(expected.keys).subtracting(files.keys).sorted()
        let extra = Set(files.keys).subtracting(expected.keys).sorted()
        #expect(missing.isEmpty, "files no longer produced: \(missing)")
        #expect(extra.isEmpty, "files not in the snapshot: \(extra) (make snapshots re-records)")
        for path in Set(expected.keys).intersection(files.keys).sorted() where expected[path] != files[path] {
            Issue.record("\(path) differs from its snapshot:\n\(firstDifference(expected[path]!, files[path]!))")
        }
    }

    /// The first differing line, with its number, for a readable failure.
    func firstDifference(_ expected: Data, _ actual: Data) -> String {
        let a = String(decoding: expected, as: UTF8.self).components(separatedBy: "\n")
        let b = String(decoding: actual, as: UTF8.self).components(separatedBy: "\n")
        for i in 0..<max(a.count, b.count) where (i < a.count ? a[i] : nil) != (i < b.count ? b[i] : nil) {
            return "line \(i + 1):\n- \(i < a.count ? a[i] : "(end of file)")\n+ \(i < b.count ? b[i] : "(end of file)")"
        }
        return "(same text, different bytes)"
    }
}
