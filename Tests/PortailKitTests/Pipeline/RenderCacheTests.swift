import Foundation
import Testing
@testable import PortailKit

/// The render cache `portail build` saves beside the output folder and reads at the next build.
@Suite("Render cache file")
struct RenderCacheTests {
    @Test("a saved cache reads back whole: inputs, report, every unit's key, exports and files, checked data files")
    func roundTrip() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("portail-render-cache-\(getpid())")
        let output = folder.appendingPathComponent("Output")
        try FileManager.default.createDirectory(at: output, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }

        let cache = RenderCache()
        // More paths than one chunk holds, with what JSON escapes.
        let pages = PathListTests.paths + ["datasets/a/\"«<é>»\\.html", "datasets/a/\u{2028}.html"]
        cache.store("agenda", key: "inputs \"<1>\"", .pages(PathList(pages), bytes: 5_000_000_123))
        let exports = DatasetExports(files: [.init(format: .csv, path: "datasets/a/a.csv", byteSize: 12, sha256: "ab12")],
                                     preview: [[.string("x\n\"y\""), .integer(3), .number(2.5), .null]], chunkCount: 2)
        cache.store("exports:a", key: "k2", .exports(exports, paths: PathList(["datasets/a/a.csv", "datasets/a/table/0.json"]), bytes: 40))
        cache.store("records:empty", key: "k3", .pages(PathList(), bytes: 0))
        // Coordinates that JSON must give back to the last bit: the extent is published.
        var extent = BoundingBox(latitude: 48.117_266_000_000_01, longitude: -1.677_793)
        extent.include(latitude: 0.1 + 0.2, longitude: 1e-7)
        let schools = RenderCache.CheckedTable(key: "t1", rowCount: 60_000, extent: extent)
        cache.storeTable("schools", schools)
        cache.storeTable("films", RenderCache.CheckedTable(key: "t2", rowCount: 0, extent: nil))
        cache.save(for: output, inputs: "digest", report: "Content/a.yaml: warning: \"x\"\n")

        let file = RenderCache.file(for: output)
        #expect(!FileManager.default.fileExists(atPath: file.path + ".partial"))
        let loaded = RenderCache.load(for: output)
        #expect(loaded.previousInputs == "digest")
        #expect(loaded.previousReport == "Content/a.yaml: warning: \"x\"\n")
        let agenda = try #require(loaded.pages("agenda", key: "inputs \"<1>\""))
        #expect(Array(agenda.paths) == pages && agenda.bytes == 5_000_000_123)
        #expect(loaded.pages("records:empty", key: "k3").map { Array($0.paths) } == [])
        #expect(loaded.pages("agenda", key: "other") == nil)
        let (readExports, paths, bytes) = try #require(loaded.exports("exports:a", key: "k2"))
        #expect(bytes == 40)
        #expect(Array(paths) == ["datasets/a/a.csv", "datasets/a/table/0.json"])
        #expect(readExports.files.map(\.path) == ["datasets/a/a.csv"] && readExports.files[0].sha256 == "ab12")
        #expect(readExports.preview == exports.preview && readExports.chunkCount == 2)
        #expect(loaded.checkedTable("schools", key: "t1") == schools)
        #expect(loaded.checkedTable("films", key: "t2") == RenderCache.CheckedTable(key: "t2", rowCount: 0, extent: nil))
        #expect(loaded.checkedTable("schools", key: "t2") == nil)

        #expect(try String(contentsOf: output.appendingPathComponent(".portail-build"), encoding: .utf8) == "digest\n")

        // The folder moved away and back, as a CI cache restores it: its stamp says it holds
        // the cache's files, which are used; "nothing changed" is not trusted (files may be lost).
        let moved = folder.appendingPathComponent("Moved")
        try FileManager.default.copyItem(at: output, to: moved)
        try FileManager.default.removeItem(at: output)
        try FileManager.default.moveItem(at: moved, to: output)
        let restored = RenderCache.load(for: output)
        #expect(restored.pages("agenda", key: "inputs \"<1>\"")?.bytes == 5_000_000_123)
        #expect(restored.checkedTable("schools", key: "t1") == schools)
        #expect(restored.previousInputs == nil && restored.previousReport == nil)

        // A folder stamped by another build, or with no stamp, does not match the cache.
        try Data("other\n".utf8).write(to: output.appendingPathComponent(".portail-build"))
        #expect(RenderCache.load(for: output).units.isEmpty)
        try FileManager.default.removeItem(at: output)
        try FileManager.default.createDirectory(at: output, withIntermediateDirectories: true)
        let empty = RenderCache.load(for: output)
        #expect(empty.units.isEmpty && empty.previousInputs == nil)
    }
}
