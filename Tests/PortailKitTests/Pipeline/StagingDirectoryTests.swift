import Foundation
import Testing
@testable import PortailKit

/// The staged output folder: a path written twice is an error however it was made (exclusive
/// creation, and the hashes of kept paths); its commit changes only what changed, and one cut
/// short is finished by the next build.
@Suite("Staged output folder")
struct StagingDirectoryTests {
    @Test("paths stay inside the output: absolute ones and `..` components are refused; the folder is what precedes the last /")
    func outputPaths() throws {
        #expect(try OutputPath.folder(of: "datasets/salles/index.html") == "datasets/salles")
        #expect(try OutputPath.folder(of: "index.html") == "")
        #expect(try OutputPath.folder(of: "a/..b/c...html") == "a/..b")
        for path in ["../x.html", "a/../../x.html", "a/..", "/etc/passwd"] {
            #expect(throws: OutputError.self) { try OutputPath.folder(of: path) }
        }
        let folder = try Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let staging = try StagingDirectory(output: folder.appendingPathComponent("Output"))
        #expect(performing: { try staging.write("datasets/../../escape.html", Data("x".utf8)) }, throws: { error in
            "\(error)" == "refusing to write outside the output folder: datasets/../../escape.html"
        })
    }

    @Test("a path written twice is an error, however each write was made; the previous output stays")
    func writtenTwice() throws {
        let folder = try Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let output = folder.appendingPathComponent("Output")
        try FileManager.default.createDirectory(at: output.appendingPathComponent("datasets/a"), withIntermediateDirectories: true)
        try Data("previous".utf8).write(to: output.appendingPathComponent("datasets/a/index.html"))

        let staged = try StagingDirectory(output: output)
        try staged.write("datasets/a/index.html", Data("new".utf8))
        #expect(throws: OutputError.self) { try staged.write("datasets/a/index.html", Data("other".utf8)) }
        do {
            _ = try staged.open("datasets/a/index.html")
            Issue.record("a streamed file over a written one was accepted")
        } catch let error as OutputError {
            #expect(error.description.hasSuffix("datasets/a/index.html was written twice"))
        }
        // A kept file is only recorded: one also written is found when the build commits,
        // before the output is touched.
        #expect(try staged.keep(PathList(["datasets/a/index.html"]), bytes: 1))
        #expect(performing: { try staged.commit() }, throws: { error in
            "\(error)".hasSuffix("datasets/a/index.html was written twice")
        })
        staged.abort()
        #expect(try String(contentsOf: output.appendingPathComponent("datasets/a/index.html"), encoding: .utf8) == "previous")

        // Kept twice, or written with the previous bytes (kept) and then again: at once.
        let again = try StagingDirectory(output: output)
        #expect(try again.keep(PathList(["datasets/a/index.html"]), bytes: 1))
        #expect(throws: OutputError.self) { try again.keep(PathList(["datasets/a/index.html"]), bytes: 1) }
        #expect(throws: OutputError.self) { try again.write("datasets/a/index.html", Data("previous".utf8)) }
        #expect(throws: OutputError.self) { try again.open("datasets/a/index.html") }
        // A file missing from the previous output: nothing of the list is kept.
        #expect(try !again.keep(PathList(["datasets/b/index.html", "datasets/gone.html"]), bytes: 1))
        #expect(again.summary.files == 1)
        again.abort()
    }

    @Test("a commit moves the changed files in, deletes what the build no longer makes, and touches nothing else")
    func commitInPlace() throws {
        let folder = try Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let output = folder.appendingPathComponent("Output")
        let previous = ["index.html": "old index", "same.html": "same", "kept/a.html": "a", "kept/deep/b.html": "b",
                        "gone/x.html": "x", "gone/deeper/y.html": "y", "was-file": "a file", "was-folder/z.html": "z",
                        ".git/HEAD": "ref", ".well-known/security.txt": "contact"]
        try Self.make(previous, in: output)
        let before = try Self.inodes(output)

        let staged = try StagingDirectory(output: output)
        try staged.write("index.html", Data("new index".utf8))
        try staged.write("same.html", Data("same".utf8))
        #expect(try staged.keep(PathList(["kept/a.html", "kept/deep/b.html"]), bytes: 1))
        try staged.write("was-file/now-folder.html", Data("n".utf8))
        try staged.write("was-folder", Data("now a file".utf8))
        let writer = try staged.open("new/stream.csv")
        writer.write("a;b\n")
        _ = try writer.close()
        try staged.commit()

        #expect(try Self.tree(output) == ["index.html": "new index", "same.html": "same", "kept/a.html": "a", "kept/deep/b.html": "b",
                                          "was-file/now-folder.html": "n", "was-folder": "now a file", "new/stream.csv": "a;b\n",
                                          ".git/HEAD": "ref", ".well-known/security.txt": "contact"])
        let after = try Self.inodes(output)
        for path in ["same.html", "kept/a.html", "kept/deep/b.html", ".git/HEAD"] { #expect(after[path] == before[path], "\(path) was touched") }
        #expect(after["index.html"] != before["index.html"])
        for leftover in [".Output.portail-staging", ".Output.portail-commit"] {
            #expect(!FileManager.default.fileExists(atPath: folder.appendingPathComponent(leftover).path), "\(leftover) left")
        }
    }

    @Test("kept files are looked up in one listing of the previous output; their size is the one given")
    func keepFromListing() throws {
        let folder = try Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let output = folder.appendingPathComponent("Output")
        try Self.make(["a.html": "a", "deep/b.html": "b", "now-folder/c.html": "c", ".htaccess": "rules", ".git/HEAD": "ref"], in: output)

        let staged = try StagingDirectory(output: output)
        #expect(try staged.keep(PathList(["a.html", "deep/b.html"]), bytes: 1_000))
        // A file deleted after the listing was made is still seen as there: the listing is
        // made once, at the first `keep`, as the build starts.
        #expect(unlink(output.appendingPathComponent("deep/b.html").path) == 0)
        // A folder where a kept file was is not that file.
        #expect(try !staged.keep(PathList(["now-folder"]), bytes: 3))
        // The build's own hidden files at the top are looked at one by one; the publisher's
        // hidden folders are not listed.
        #expect(try staged.keep(PathList([".htaccess"]), bytes: 5))
        #expect(try !staged.keep(PathList([".git/HEAD"]), bytes: 3))
        #expect(try !staged.keep(PathList([".missing"]), bytes: 3))
        #expect(staged.summary.files == 3 && staged.summary.bytes == 1_005 && staged.summary.unchanged == 3)
        staged.abort()
    }

    @Test("a commit deletes what was neither kept nor made again, whether or not every other file was")
    func commitCountsPreviousFiles() throws {
        let folder = try Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let output = folder.appendingPathComponent("Output")
        try Self.make(["a.html": "a", "b.html": "b", "c.html": "c", "gone/d.html": "d", ".htaccess": "rules", ".git/HEAD": "ref"], in: output)

        // Kept, changed, unchanged, and one file no longer made: it goes.
        let first = try StagingDirectory(output: output)
        #expect(try first.keep(PathList(["a.html", ".htaccess"]), bytes: 6))
        try first.write("b.html", Data("b2".utf8))
        try first.write("c.html", Data("c".utf8))
        try first.commit()
        #expect(try Self.tree(output) == ["a.html": "a", "b.html": "b2", "c.html": "c", ".htaccess": "rules", ".git/HEAD": "ref"])

        // Every previous file kept or made again: nothing goes.
        let second = try StagingDirectory(output: output)
        #expect(try second.keep(PathList(["a.html"]), bytes: 1))
        try second.write("b.html", Data("b3".utf8))
        try second.write("c.html", Data("c".utf8))
        try second.write(".htaccess", Data("rules 2".utf8))
        try second.commit()
        #expect(try Self.tree(output) == ["a.html": "a", "b.html": "b3", "c.html": "c", ".htaccess": "rules 2", ".git/HEAD": "ref"])

        // A previous file that became a folder's name: the file goes, the folder comes. (Hidden
        // entries at the top are the publisher's: left.)
        let third = try StagingDirectory(output: output)
        #expect(try third.keep(PathList(["a.html", "b.html"]), bytes: 3))
        try third.write("c.html/index.html", Data("c as a folder".utf8))
        try third.commit()
        #expect(try Self.tree(output) == ["a.html": "a", "b.html": "b3", "c.html/index.html": "c as a folder", ".htaccess": "rules 2",
                                          ".git/HEAD": "ref"])
    }

    @Test("a commit cut short after its journal is finished by the next build, before anything else")
    func interruptedCommit() throws {
        let folder = try Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let output = folder.appendingPathComponent("Output")
        try Self.make(["index.html": "old", "kept.html": "k", "gone/x.html": "x"], in: output)

        let staged = try StagingDirectory(output: output)
        try staged.write("index.html", Data("new".utf8))
        #expect(try staged.keep(PathList(["kept.html"]), bytes: 1))
        try staged.write("added/page.html", Data("added".utf8))
        // What commit() does up to its journal, then the process stops: one stale file
        // deleted, nothing moved yet. abort() must leave the staged files for the next build.
        let stale = try OutputCommit.stale(in: output.path, kept: PathHashes(["kept.html"]), staging: staged.staging.path)
        #expect(Array(stale) == ["gone/x.html"])
        try PlainFile.write(Data("gone/x.html\n".utf8), to: OutputCommit.journal(for: output))
        #expect(unlink(output.appendingPathComponent("gone/x.html").path) == 0)
        staged.abort()
        #expect(FileManager.default.fileExists(atPath: staged.staging.appendingPathComponent("added/page.html").path))

        // The next build finishes the commit first, and then builds over the result.
        let next = try StagingDirectory(output: output)
        #expect(try Self.tree(output) == ["index.html": "new", "kept.html": "k", "added/page.html": "added"])
        #expect(!FileManager.default.fileExists(atPath: OutputCommit.journal(for: output)))
        try next.write("index.html", Data("new".utf8))
        try next.commit()
        #expect(try Self.tree(output) == ["index.html": "new"])

        // Cut short again, and the output folder then removed by hand: nothing is left to
        // finish, and the next build starts afresh rather than failing on the journal.
        let third = try StagingDirectory(output: output)
        try third.write("index.html", Data("third".utf8))
        try PlainFile.write(Data("index.html\n".utf8), to: OutputCommit.journal(for: output))
        try FileManager.default.removeItem(at: output)
        let fourth = try StagingDirectory(output: output)
        #expect(!FileManager.default.fileExists(atPath: OutputCommit.journal(for: output)))
        try fourth.write("index.html", Data("fourth".utf8))
        try fourth.commit()
        #expect(try Self.tree(output) == ["index.html": "fourth"])
    }

    @Test("files are the same only when every byte is: sizes, a byte past the first piece, the last byte, a missing file")
    func sameBytes() throws {
        let folder = try Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        // Longer than the pieces `same` reads (256 KiB), so that pieces after the first count.
        let bytes = Data((0..<700_000).map { UInt8(truncatingIfNeeded: $0 &* 31) })
        func file(_ name: String, _ data: Data) throws -> String {
            let path = folder.appendingPathComponent(name).path
            try PlainFile.write(data, to: path)
            return path
        }
        func changed(at index: Int) -> Data {
            var copy = bytes
            copy[index] ^= 1
            return copy
        }
        let a = try file("a", bytes)
        #expect(PlainFile.same(a, try file("b", bytes)))
        #expect(PlainFile.same(try file("empty-1", Data()), try file("empty-2", Data())))
        #expect(!PlainFile.same(a, try file("shorter", bytes.dropLast())))
        #expect(!PlainFile.same(a, try file("third-piece", changed(at: 600_000))))
        #expect(!PlainFile.same(a, try file("last", changed(at: bytes.count - 1))))
        #expect(!PlainFile.same(a, folder.appendingPathComponent("missing").path))
        #expect(PlainFile.holds(bytes, at: a))
        #expect(!PlainFile.holds(changed(at: 300_000), at: a))
    }

    // MARK: - Helpers

    static func make(_ files: [String: String], in root: URL) throws {
        for (path, text) in files {
            let url = root.appendingPathComponent(path)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(text.utf8).write(to: url)
        }
    }

    /// Every file under `root` with its text, folders left out.
    static func tree(_ root: URL) throws -> [String: String] {
        var files: [String: String] = [:]
        let walker = FileManager.default.enumerator(atPath: root.path)
        while let path = walker?.nextObject() as? String {
            if (walker?.fileAttributes?[.type] as? FileAttributeType) == .typeRegular {
                files[path] = try String(contentsOf: root.appendingPathComponent(path), encoding: .utf8)
            }
        }
        return files
    }

    static func inodes(_ root: URL) throws -> [String: UInt64] {
        try tree(root).keys.reduce(into: [:]) { result, path in
            var info = stat()
            if stat(root.appendingPathComponent(path).path, &info) == 0 { result[path] = UInt64(info.st_ino) }
        }
    }

    @Test("a file whose bytes did not change is the previous file, untouched; any other is written anew")
    func unchangedLinked() throws {
        let folder = try Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let output = folder.appendingPathComponent("Output")
        try FileManager.default.createDirectory(at: output, withIntermediateDirectories: true)
        // Bigger than one piece of the comparison (64 KiB), so that a change at the end counts.
        let big = Data((0..<200_000).map { UInt8(truncatingIfNeeded: $0 &* 31) })
        var bigChanged = big
        bigChanged[199_999] ^= 1
        let previous: [String: Data] = ["same.txt": Data("same".utf8), "empty.txt": Data(), "big.bin": big,
                                        "size.txt": Data("abcd".utf8), "shorter.txt": Data("abcdef".utf8), "changed.bin": big]
        for (name, data) in previous { try data.write(to: output.appendingPathComponent(name)) }
        func inode(_ url: URL) -> UInt64 {
            var info = stat()
            return stat(url.path, &info) == 0 ? UInt64(info.st_ino) : 0
        }
        let before = previous.keys.reduce(into: [String: UInt64]()) { $0[$1] = inode(output.appendingPathComponent($1)) }

        let staged = try StagingDirectory(output: output)
        let next: [String: Data] = ["same.txt": Data("same".utf8), "empty.txt": Data(), "big.bin": big,
                                    "size.txt": Data("abce".utf8), "shorter.txt": Data("abc".utf8), "changed.bin": bigChanged]
        for name in next.keys.sorted() { try staged.write(name, next[name]!) }
        #expect(staged.summary.unchanged == 3)
        try staged.commit()
        for name in next.keys.sorted() {
            let url = output.appendingPathComponent(name)
            #expect(try Data(contentsOf: url) == next[name]!, "\(name)")
            let kept = ["same.txt", "empty.txt", "big.bin"].contains(name)
            #expect((inode(url) == before[name]!) == kept, "\(name) kept: \(kept)")
        }
    }
}
