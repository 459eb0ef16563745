import Foundation
@testable import PortailKit

/// Locates fixtures and builds them in memory.
enum Fixtures {
    /// Tests/PortailKitTests/
    static let testsRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    static let packageRoot = testsRoot.deletingLastPathComponent().deletingLastPathComponent()
    static let fixtures = testsRoot.appendingPathComponent("Fixtures")
    static let snapshots = testsRoot.appendingPathComponent("Snapshots")
    static let defaultTheme = packageRoot.appendingPathComponent("Themes/default")
    /// Fixed build date, so that outputs never depend on the day tests run.
    static let buildDate = Day(year: 2026, month: 11, day: 30)!

    static func site(_ name: String) -> URL {
        fixtures.appendingPathComponent("Sites/\(name)")
    }

    /// Runs the whole pipeline on a content folder into memory.
    static func build(content: URL, theme: URL = defaultTheme, contentDisplay: String = "Content",
                      themeDisplay: String = "Themes/default") async -> (BuildResult, MemoryOutput) {
        let output = MemoryOutput()
        var options = BuildOptions(content: content, contentDisplay: contentDisplay, theme: theme,
                                   themeDisplay: themeDisplay, buildDate: buildDate)
        // A stand-in Leaflet, so that outputs do not depend on the machine's libjs-leaflet.
        options.leaflet = fixtures.appendingPathComponent("Leaflet")
        let result = await Pipeline.run(options, to: output)
        return (result, output)
    }

    /// A scratch folder, removed by the caller.
    static func temporaryDirectory() throws -> URL {
        let url = FileManager.default.temporaryDirectory
            .appendingPathComponent("portail-tests-\(ProcessInfo.processInfo.processIdentifier)-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    /// Copies `source` into `destination`, overwriting files that exist (an overlay).
    static func overlay(_ source: URL, onto destination: URL) throws {
        let fm = FileManager.default
        try fm.createDirectory(at: destination, withIntermediateDirectories: true)
        guard let walker = fm.enumerator(at: source, includingPropertiesForKeys: [.isDirectoryKey]) else { return }
        for case let url as URL in walker {
            let relative = String(url.standardizedFileURL.path.dropFirst(source.standardizedFileURL.path.count + 1))
            let target = destination.appendingPathComponent(relative)
            if (try url.resourceValues(forKeys: [.isDirectoryKey])).isDirectory == true {
                try fm.createDirectory(at: target, withIntermediateDirectories: true)
            } else {
                if fm.fileExists(atPath: target.path) { try fm.removeItem(at: target) }
                try fm.copyItem(at: url, to: target)
            }
        }
    }
}
