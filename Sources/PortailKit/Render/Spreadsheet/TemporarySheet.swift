import Foundation

/// A sheet's rows, deflated as they are written into a temporary file removed when the
/// spreadsheet is done: a sheet of 600,000 rows is never held in memory, and only its
/// compressed form (a tenth of its XML) goes through the disk.
final class TemporarySheet {
    private let url: URL
    let writer: ByteWriter
    private let file: FileHandle
    private let deflater: Deflater
    private(set) var rows = 0

    init() throws {
        url = FileManager.default.temporaryDirectory
            .appendingPathComponent("portail-sheet-\(ProcessInfo.processInfo.processIdentifier)-\(UUID().uuidString).deflate")
        guard FileManager.default.createFile(atPath: url.path, contents: nil),
              let handle = FileHandle(forWritingAtPath: url.path) else {
            throw OutputError("cannot create a temporary file in \(FileManager.default.temporaryDirectory.path)")
        }
        file = handle
        deflater = try Deflater { try handle.write(contentsOf: $0) }
        writer = ByteWriter(path: url.path, target: .deflate(deflater)) { _, _ in }
    }

    func countRow() { rows += 1 }

    /// Ends the rows on a byte boundary and gives them as a segment of the sheet's part.
    func finish() throws -> ZipPackage.Segment {
        let size = try writer.close()
        try deflater.finish(last: false)
        try file.close()
        return .deflated(.init(url: url, size: size, compressedSize: deflater.outputCount, crc: deflater.crc))
    }

    deinit { try? FileManager.default.removeItem(at: url) }
}
