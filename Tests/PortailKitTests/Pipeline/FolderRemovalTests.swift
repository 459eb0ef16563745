import Foundation
import Testing
@testable import PortailKit

/// The previous output is removed entry by entry (``FolderRemoval``): everything in it goes,
/// however deep and however many files a folder holds, and nothing a link points to.
@Suite("Folder removal")
struct FolderRemovalTests {
    @Test("a tree goes whole: nested folders, a folder of 5,000 files, hidden and empty entries; links are not followed")
    func removesTree() throws {
        let folder = try Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let fm = FileManager.default
        let tree = folder.appendingPathComponent("Output")
        let outside = folder.appendingPathComponent("outside")
        try fm.createDirectory(at: outside, withIntermediateDirectories: true)
        try Data("keep".utf8).write(to: outside.appendingPathComponent("file.txt"))

        let events = tree.appendingPathComponent("agenda/events")
        try fm.createDirectory(at: events, withIntermediateDirectories: true)
        // More entries than one getdents buffer holds, so that entries go while the folder is read.
        for index in 0..<5_000 {
            try Data("e\(index)".utf8).write(to: events.appendingPathComponent(String(format: "ev%07d.html", index)))
        }
        try fm.createDirectory(at: tree.appendingPathComponent("a/b/c/d/.hidden/empty"), withIntermediateDirectories: true)
        try Data().write(to: tree.appendingPathComponent(".gitkeep"))
        try fm.createSymbolicLink(at: tree.appendingPathComponent("a/to-folder"), withDestinationURL: outside)
        try fm.createSymbolicLink(at: tree.appendingPathComponent("a/to-file"), withDestinationURL: outside.appendingPathComponent("file.txt"))
        try fm.createSymbolicLink(at: tree.appendingPathComponent("a/dangling"), withDestinationURL: folder.appendingPathComponent("nothing"))

        try FolderRemoval.remove(tree.path)
        #expect(!fm.fileExists(atPath: tree.path))
        #expect(try fm.contentsOfDirectory(atPath: outside.path) == ["file.txt"])
        #expect(try String(contentsOf: outside.appendingPathComponent("file.txt"), encoding: .utf8) == "keep")
    }

    @Test("a folder that is not there is not an error; a file in its place is, with its path")
    func missingAndFile() throws {
        let folder = try Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        try FolderRemoval.remove(folder.appendingPathComponent("none").path)
        let file = folder.appendingPathComponent("file")
        try Data("x".utf8).write(to: file)
        do {
            try FolderRemoval.remove(file.path)
            Issue.record("a file was taken for a folder")
        } catch let error as OutputError {
            #expect(error.description == "cannot open \(file.path): Not a directory")
        }
        #expect(FileManager.default.fileExists(atPath: file.path))
    }
}
