import Foundation
import ZIPFoundation

/// A ZIP container (XLSX, ODS) built from parts whose big pieces live in temporary files:
/// ZIPFoundation reads each part piece by piece, so a sheet of 600,000 rows is never held in
/// memory, only its compressed form.
struct ZipPackage {
    /// A piece of a part: bytes in memory, or the whole content of a temporary file.
    enum Segment {
        case bytes(Data)
        case file(URL, size: Int)

        var size: Int {
            switch self {
            case .bytes(let data): return data.count
            case .file(_, let size): return size
            }
        }
    }

    struct Part {
        let path: String
        let segments: [Segment]
        /// ODF's `mimetype` must be stored uncompressed.
        var compressed = true
    }

    /// A fixed time stamp for every entry (ZIPFoundation writes it in UTC), so that the same
    /// content gives the same bytes.
    static let timestamp = Date(timeIntervalSince1970: 946_684_800)  // 2000-01-01T00:00:00Z

    /// Writes the archive to `writer`. The archive is built in a temporary file, then copied
    /// 1 MiB at a time: built in memory, a spreadsheet of 600,000 rows was held whole, and
    /// copied twice more on its way out.
    static func write(_ parts: [Part], to writer: ByteWriter) throws {
        let file = FileManager.default.temporaryDirectory
            .appendingPathComponent("portail-package-\(ProcessInfo.processInfo.processIdentifier)-\(UUID().uuidString).zip")
        defer { try? FileManager.default.removeItem(at: file) }
        do {
            // Closed (and flushed) when it goes out of this scope.
            let archive = try Archive(url: file, accessMode: .create)
            try self.archive(parts, into: archive)
        }
        guard let handle = FileHandle(forReadingAtPath: file.path) else { throw OutputError("cannot read \(file.path)") }
        defer { try? handle.close() }
        while let chunk = try handle.read(upToCount: 1 << 20), !chunk.isEmpty {
            writer.write(bytes: chunk)
        }
    }

    private static func archive(_ parts: [Part], into archive: Archive) throws {
        for part in parts {
            let total = part.segments.reduce(0) { $0 + $1.size }
            var reader = SegmentReader(segments: part.segments)
            defer { reader.close() }
            try archive.addEntry(with: part.path, type: .file, uncompressedSize: Int64(total),
                                 modificationDate: timestamp, permissions: 0o644,
                                 compressionMethod: part.compressed ? .deflate : .none, bufferSize: 1 << 20) { position, size in
                try reader.read(at: Int(position), count: size)
            }
        }
    }

    /// Serves consecutive reads over the concatenated segments.
    private struct SegmentReader {
        let segments: [Segment]
        var handles: [Int: FileHandle] = [:]

        init(segments: [Segment]) {
            self.segments = segments
        }

        mutating func read(at position: Int, count: Int) throws -> Data {
            var out = Data()
            out.reserveCapacity(count)
            var offset = 0
            for (i, segment) in segments.enumerated() {
                let start = offset, end = offset + segment.size
                offset = end
                let from = max(position, start), to = min(position + count, end)
                guard from < to else { continue }
                switch segment {
                case .bytes(let data):
                    out.append(data[(data.startIndex + from - start)..<(data.startIndex + to - start)])
                case .file(let url, _):
                    if handles[i] == nil {
                        guard let handle = FileHandle(forReadingAtPath: url.path) else { throw OutputError("cannot read \(url.path)") }
                        handles[i] = handle
                    }
                    try handles[i]!.seek(toOffset: UInt64(from - start))
                    out.append(try handles[i]!.read(upToCount: to - from) ?? Data())
                }
            }
            return out
        }

        mutating func close() {
            for handle in handles.values { try? handle.close() }
        }
    }
}

/// A temporary file for a sheet's rows, removed when the spreadsheet is done.
final class TemporarySheet {
    let url: URL
    let writer: ByteWriter
    private(set) var rows = 0

    init() throws {
        url = FileManager.default.temporaryDirectory
            .appendingPathComponent("portail-sheet-\(ProcessInfo.processInfo.processIdentifier)-\(UUID().uuidString).xml")
        guard FileManager.default.createFile(atPath: url.path, contents: nil),
              let handle = FileHandle(forWritingAtPath: url.path) else {
            throw OutputError("cannot create a temporary file in \(FileManager.default.temporaryDirectory.path)")
        }
        writer = ByteWriter(path: url.path, target: .file(handle)) { _, _ in }
    }

    func countRow() { rows += 1 }

    /// Closes the file and gives it as a segment.
    func finish() throws -> ZipPackage.Segment {
        let size = try writer.close()
        return .file(url, size: size)
    }

    deinit { try? FileManager.default.removeItem(at: url) }
}
