import Foundation
import Testing

/// The invalid-content corpus (`Tests/PortailKitTests/Fixtures/Invalid/<case>/`, whose
/// diagnostics PortailKitTests checks in memory) run through the binary, as users meet it:
/// each case exits with 1, prints exactly its expected diagnostics, and leaves a previous
/// Output byte for byte as it was. Plus inputs too big to commit as fixtures.
@Suite("Invalid content through the binary", .serialized)
struct InvalidCorpusTests {
    static let fixtures = PortailBinary.packageRoot.appendingPathComponent("Tests/PortailKitTests/Fixtures")
    static let environment = ["SOURCE_DATE_EPOCH": "1795996800",
                              "PORTAIL_LEAFLET": fixtures.appendingPathComponent("Leaflet").path]

    static var cases: [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: fixtures.appendingPathComponent("Invalid").path)) ?? [])
            .filter { !$0.hasPrefix(".") }.sorted()
    }

    /// Copies `source` over `destination`, file by file.
    static func overlay(_ source: URL, onto destination: URL) throws {
        let fm = FileManager.default
        try fm.createDirectory(at: destination, withIntermediateDirectories: true)
        guard let walker = fm.enumerator(at: source, includingPropertiesForKeys: [.isDirectoryKey]) else { return }
        for case let url as URL in walker {
            let relative = String(url.standardizedFileURL.path.dropFirst(source.standardizedFileURL.path.count + 1))
            let target = destination.appendingPathComponent(relative)
            if try url.resourceValues(forKeys: [.isDirectoryKey]).isDirectory == true {
                try fm.createDirectory(at: target, withIntermediateDirectories: true)
            } else {
                if fm.fileExists(atPath: target.path) { try fm.removeItem(at: target) }
                try fm.copyItem(at: url, to: target)
            }
        }
    }

    /// A folder with the small fixture portal, the default theme, and its built Output.
    static func portal(at root: URL) throws {
        try FileManager.default.createDirectory(at: root.appendingPathComponent("Themes/default"), withIntermediateDirectories: true)
        try overlay(fixtures.appendingPathComponent("Sites/small/Content"), onto: root.appendingPathComponent("Content"))
        try overlay(PortailBinary.packageRoot.appendingPathComponent("Themes/default"), onto: root.appendingPathComponent("Themes/default"))
    }

    static func tree(_ folder: URL) throws -> [String: Data] {
        var files: [String: Data] = [:]
        let walker = FileManager.default.enumerator(at: folder, includingPropertiesForKeys: [.isRegularFileKey])
        while let url = walker?.nextObject() as? URL {
            guard try url.resourceValues(forKeys: [.isRegularFileKey]).isRegularFile == true else { continue }
            files[String(url.standardizedFileURL.path.dropFirst(folder.standardizedFileURL.path.count + 1))] = try Data(contentsOf: url)
        }
        return files
    }

    @Test("every case of the corpus: exit 1, its exact diagnostics, the previous Output untouched")
    func corpus() throws {
        #expect(Self.cases.count >= 30)
        let base = FileManager.default.temporaryDirectory.appendingPathComponent("portail-corpus-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: base) }
        // The Output every case starts from: a good build of the small portal.
        let good = base.appendingPathComponent("good")
        try Self.portal(at: good)
        let first = try PortailBinary.run(["build", "--quiet"], in: good, environment: Self.environment)
        #expect(first.status == 0, "\(first.stderr)")
        let before = try Self.tree(good.appendingPathComponent("Output"))
        #expect(before.count > 50)

        for name in Self.cases {
            let folder = Self.fixtures.appendingPathComponent("Invalid/\(name)")
            let root = base.appendingPathComponent(name)
            try Self.portal(at: root)
            try FileManager.default.copyItem(at: good.appendingPathComponent("Output"), to: root.appendingPathComponent("Output"))
            for part in ["Content", "Themes"] where FileManager.default.fileExists(atPath: folder.appendingPathComponent(part).path) {
                try Self.overlay(folder.appendingPathComponent(part), onto: root.appendingPathComponent(part))
            }
            if let removals = try? String(contentsOf: folder.appendingPathComponent("remove.txt"), encoding: .utf8) {
                for path in removals.split(separator: "\n") where !path.isEmpty {
                    try FileManager.default.removeItem(at: root.appendingPathComponent(String(path)))
                }
            }
            let run = try PortailBinary.run(["build", "--quiet"], in: root, environment: Self.environment)
            let expected = try String(contentsOf: folder.appendingPathComponent("expected.txt"), encoding: .utf8)
            #expect(run.status == 1, "\(name): exit status \(run.status)")
            #expect(run.stderr == expected + "portail: the build failed; Output was left as it was.\n", "\(name)")
            #expect(try Self.tree(root.appendingPathComponent("Output")) == before, "\(name): the Output changed")
            try FileManager.default.removeItem(at: root)
        }
    }

    @Test("a 100 MB cell is an error at its place, quickly, and a valid Output stays as it was")
    func hugeCell() throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("portail-huge-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: root) }
        try Self.portal(at: root)
        #expect(try PortailBinary.run(["build", "--quiet"], in: root, environment: Self.environment).status == 0)
        let before = try Self.tree(root.appendingPathComponent("Output"))
        // The second row's genres: a quoted cell of 100 MiB.
        let file = root.appendingPathComponent("Content/datasets/seances/seances.csv")
        var data = Data("date;salle;genres;entrees;lat;lon\n2026-11-04;Le Rex;\"".utf8)
        data.append(Data(repeating: UInt8(ascii: "x"), count: 100 << 20))
        data.append(Data("\";120;48.39;-4.49\n".utf8))
        try data.write(to: file)
        let run = try PortailBinary.run(["build", "--quiet"], in: root, environment: Self.environment)
        #expect(run.status == 1)
        #expect(run.stderr == """
            Content/datasets/seances/seances.csv:2:19: error: this cell holds 100.0 MiB, more than the 1 MiB a cell may hold [cell-too-large]
              hint: a quote opened and never closed makes one cell of the rest of the file; check the cell's quotes
            1 error
            portail: the build failed; Output was left as it was.

            """)
        #expect(try Self.tree(root.appendingPathComponent("Output")) == before)
    }
}
