import Foundation
import Testing
@testable import PortailKit

/// The staged output folder finds a path written twice through the file system itself
/// (exclusive creation), whether the file is written whole, streamed or kept.
@Suite("Staged output folder")
struct StagingDirectoryTests {
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
}
