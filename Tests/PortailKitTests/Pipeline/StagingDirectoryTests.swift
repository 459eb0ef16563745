import Foundation
import Testing
@testable import PortailKit

/// The staged output folder finds a path written twice through the file system itself
/// (exclusive creation), whether the file is written whole, streamed or kept.
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
        do {
            try staged.keep("datasets/a/index.html")
            Issue.record("a kept file over a written one was accepted")
        } catch let error as OutputError {
            #expect(error.description.hasSuffix("datasets/a/index.html was written twice"))
        }
        // The same bytes as the previous output are linked, not written: still only once.
        try staged.write("datasets/b.html", Data("b".utf8))
        #expect(staged.summary.files == 2)
        staged.abort()
        #expect(try String(contentsOf: output.appendingPathComponent("datasets/a/index.html"), encoding: .utf8) == "previous")
    }

    @Test("a file whose bytes did not change is the previous file (linked); any other is written anew")
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
