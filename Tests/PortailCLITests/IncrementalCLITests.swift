import Foundation
import Testing

/// `portail build` is incremental through the binary: the cache beside the output
/// (`.Output.portail-cache.json`) lets a build keep what did not change, and the result is
/// always the tree a full build writes.
@Suite("Incremental builds through the binary")
struct IncrementalCLITests {
    @Test("no change stops at once; changes, additions and deletions give the tree of a full build")
    func incrementalEqualsFull() throws {
        let workspace = try Workspace()
        let first = try workspace.build()
        #expect(first.status == 0, "\(first.stderr)")
        #expect(FileManager.default.fileExists(atPath: workspace.url(".Output.portail-cache.json").path))

        // 1. Nothing changed: the build says so and leaves the folder alone.
        let folder = try FileManager.default.attributesOfItem(atPath: workspace.url("Output").path)[.systemFileNumber] as? NSNumber
        let again = try PortailBinary.run(["build"], in: workspace.root, environment: ["SOURCE_DATE_EPOCH": "1795996800"])
        #expect(again.status == 0)
        #expect(again.stderr.contains("nothing changed since the last build"), "\(again.stderr)")
        // The warnings of the build are said again.
        #expect(again.stderr.contains("[members-not-published]"), "\(again.stderr)")
        #expect(try FileManager.default.attributesOfItem(atPath: workspace.url("Output").path)[.systemFileNumber] as? NSNumber == folder)

        // 2. A cell, a new dataset (a copy of the barometer under another folder), a deleted one.
        try workspace.setCinemaCell(row: 3, column: 9, to: "999")
        let datasets = workspace.url("Content/datasets")
        try FileManager.default.copyItem(at: datasets.appendingPathComponent("barometre-hebdomadaire"),
                                         to: datasets.appendingPathComponent("barometre-copie"))
        try FileManager.default.removeItem(at: datasets.appendingPathComponent("open-films"))
        // Not quiet: the summary of what each build wrote is compared below.
        let date = ["SOURCE_DATE_EPOCH": "1795996800"]
        let incremental = try PortailBinary.run(["build"], in: workspace.root, environment: date)
        #expect(incremental.status == 0, "\(incremental.stderr)")
        let full = try PortailBinary.run(["build", "--full", "--output", "Full"], in: workspace.root, environment: date)
        #expect(full.status == 0, "\(full.stderr)")
        // The kept files count in the build's summary with the size they were written with.
        func summary(_ stderr: String) -> String? {
            guard let line = stderr.split(separator: "\n").first(where: { $0.contains("portail: wrote ") }),
                  let start = line.firstRange(of: "/: ") else { return nil }
            return String(line[start.upperBound...].prefix { $0 != "(" })
        }
        #expect(summary(incremental.stderr) != nil && summary(incremental.stderr) == summary(full.stderr),
                "\(incremental.stderr)\n\(full.stderr)")
        // The datasets that did not change (the barometer's exports and pages among them) are kept,
        // and of the cinemas' pages rendered again, those of the cinemas whose cells did not change.
        #expect(incremental.stderr.contains(" parts kept, "), "\(incremental.stderr)")
        #expect(incremental.stderr.contains(" pages of the others) in "), "\(incremental.stderr)")
        #expect(!full.stderr.contains("parts kept"), "\(full.stderr)")
        let (a, b) = (try workspace.tree("Output"), try workspace.tree("Full"))
        #expect(Set(a.keys) == Set(b.keys), "\(Set(a.keys).symmetricDifference(b.keys).sorted().prefix(10))")
        #expect(a.keys.filter { a[$0] != b[$0] }.sorted().isEmpty, "\(a.keys.filter { a[$0] != b[$0] }.sorted().prefix(10))")
        #expect(a.keys.contains("datasets/barometre-copie/index.html"))
        #expect(!a.keys.contains { $0.hasPrefix("datasets/open-films/") })

        // 3. An output folder replaced behind the cache's back, by a copy of the same build's
        // output that lost a file: the build does not stop at "nothing changed", and puts it back.
        try FileManager.default.removeItem(at: workspace.url("Output"))
        try FileManager.default.copyItem(at: workspace.url("Full"), to: workspace.url("Output"))
        try FileManager.default.removeItem(at: workspace.url("Output/datasets/cinemas-actifs/index.html"))
        let replaced = try workspace.build()
        #expect(replaced.status == 0, "\(replaced.stderr)")
        #expect(FileManager.default.fileExists(atPath: workspace.url("Output/datasets/cinemas-actifs/index.html").path))
        #expect(try workspace.tree("Output") == b)
    }

    @Test("an output folder restored with its cache, as CI caches do, is rebuilt incrementally; one from another build is not")
    func restoredOutput() throws {
        let workspace = try Workspace()
        #expect(try workspace.build().status == 0)
        let fm = FileManager.default
        let (output, cache) = (workspace.url("Output"), workspace.url(".Output.portail-cache.json"))
        // The job's cache archive: the folder and the cache file, copied away, then put back in
        // place of the originals (another folder: another inode).
        let archive = workspace.url("archive")
        try fm.createDirectory(at: archive, withIntermediateDirectories: true)
        func save() throws {
            try? fm.removeItem(at: archive)
            try fm.createDirectory(at: archive, withIntermediateDirectories: true)
            try fm.copyItem(at: output, to: archive.appendingPathComponent("Output"))
            try fm.copyItem(at: cache, to: archive.appendingPathComponent("cache.json"))
        }
        func restore(cacheFrom other: URL? = nil) throws {
            try fm.removeItem(at: output)
            try fm.removeItem(at: cache)
            try fm.copyItem(at: archive.appendingPathComponent("Output"), to: output)
            try fm.copyItem(at: other ?? archive.appendingPathComponent("cache.json"), to: cache)
        }
        try save()
        let date = ["SOURCE_DATE_EPOCH": "1795996800"]
        let page = workspace.url("Content/pages/a-propos.md")
        try (String(contentsOf: page, encoding: .utf8) + "\nUne ligne de plus.\n").write(to: page, atomically: true, encoding: .utf8)

        // 1. The next job restores both, compiles the generator again (the same bytes, a new
        // file: a copy) and edits a page: the parts of the output that do not depend on the
        // page are kept, and the tree is a full build's.
        try restore()
        let compiled = workspace.url("bin/portail")
        try fm.createDirectory(at: compiled.deletingLastPathComponent(), withIntermediateDirectories: true)
        try fm.copyItem(at: PortailBinary.executable, to: compiled)
        let incremental = try PortailBinary.run(["build"], in: workspace.root, environment: date, binary: compiled)
        #expect(incremental.status == 0, "\(incremental.stderr)")
        #expect(incremental.stderr.contains(" parts kept)"), "\(incremental.stderr)")
        #expect(try workspace.build(["--full", "--output", "Full"]).status == 0)
        let full = try workspace.tree("Full")
        #expect(try workspace.tree("Output") == full)

        // 2. The folder of the first build with the cache of the second: the cache is not used.
        let second = workspace.url("second-cache.json")
        try fm.copyItem(at: cache, to: second)
        try restore(cacheFrom: second)
        let mixed = try PortailBinary.run(["build"], in: workspace.root, environment: date)
        #expect(mixed.status == 0, "\(mixed.stderr)")
        #expect(!mixed.stderr.contains("parts kept") && !mixed.stderr.contains("nothing changed"), "\(mixed.stderr)")
        #expect(try workspace.tree("Output") == full)

        // 3. Another generator (other bytes) keeps nothing its predecessor made.
        let handle = try FileHandle(forWritingTo: compiled)
        try handle.seekToEnd()
        try handle.write(contentsOf: Data("another build".utf8))
        try handle.close()
        let other = try PortailBinary.run(["build"], in: workspace.root, environment: date, binary: compiled)
        #expect(other.status == 0, "\(other.stderr)")
        #expect(!other.stderr.contains("parts kept") && !other.stderr.contains("nothing changed"), "\(other.stderr)")
        // The same files, but for the stamp: the generator is one of the inputs.
        var tree = try workspace.tree("Output"), expected = full
        #expect(tree.removeValue(forKey: ".portail-build") != expected.removeValue(forKey: ".portail-build"))
        #expect(tree == expected)
    }

    @Test("a build cut short in the middle of its commit is finished by the next one, even when the content went back")
    func interruptedCommit() throws {
        let workspace = try Workspace()
        #expect(try workspace.build().status == 0)
        let csv = workspace.url("Content/datasets/cinemas-actifs/cinemas-cnc-2022.csv")
        let films = workspace.url("Content/datasets/open-films"), aside = workspace.url("open-films")
        let original = try Data(contentsOf: csv)

        // A changed cell and a deleted dataset; the process ends abruptly after moving 3 of the
        // staged files: the output is then half old, half new.
        try workspace.setCinemaCell(row: 3, column: 9, to: "999")
        try FileManager.default.moveItem(at: films, to: aside)
        let cut = try workspace.build(environment: ["PORTAIL_TEST_STOP_COMMIT_AFTER": "3"])
        #expect(cut.status != 0)
        #expect(FileManager.default.fileExists(atPath: workspace.url(".Output.portail-commit").path))
        #expect(!FileManager.default.fileExists(atPath: workspace.url(".Output.portail-cache.json").path))

        // The content goes back to what the cache described: the build must not stop at
        // "nothing changed" over the mixed folder, and ends with the tree of a full build.
        try original.write(to: csv)
        try FileManager.default.moveItem(at: aside, to: films)
        let next = try workspace.build()
        #expect(next.status == 0, "\(next.stderr)")
        #expect(!FileManager.default.fileExists(atPath: workspace.url(".Output.portail-commit").path))
        #expect(!FileManager.default.fileExists(atPath: workspace.url(".Output.portail-staging").path))
        #expect(try workspace.build(["--full", "--output", "Full"]).status == 0)
        let (a, b) = (try workspace.tree("Output"), try workspace.tree("Full"))
        #expect(Set(a.keys) == Set(b.keys), "\(Set(a.keys).symmetricDifference(b.keys).sorted().prefix(10))")
        #expect(a.keys.filter { a[$0] != b[$0] }.sorted().isEmpty, "\(a.keys.filter { a[$0] != b[$0] }.sorted().prefix(10))")
    }
}
