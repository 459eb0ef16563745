import Foundation

/// Writes a file with plain POSIX calls. `FileManager.createFile` writes through a temporary
/// file and an `fsync` for each file, which made a fifth of a build's time on a portal of
/// 50,000 files; a build's files are made whole in other ways (StagingDirectory stages them
/// and moves them in once all are written, SyncDirectory renames each over the old one).
enum PlainFile {
    /// Creates (or truncates) `path` and writes `data` to it. With `exclusive`, a file already
    /// at `path` is an error (``WrittenTwice``): a fresh folder then tells by itself whether
    /// a build wrote a path twice, without a set of every path written.
    static func write(_ data: Data, to path: String, exclusive: Bool = false) throws {
        let descriptor = try create(path, exclusive: exclusive)
        defer { close(descriptor) }
        try data.withUnsafeBytes { raw in
            guard var pointer = raw.baseAddress else { return }
            var remaining = raw.count
            while remaining > 0 {
                let written = Foundation.write(descriptor, pointer, remaining)
                if written < 0 {
                    if errno == EINTR { continue }
                    throw OutputError("cannot write \(path): \(String(cString: strerror(errno)))")
                }
                pointer += written
                remaining -= written
            }
        }
    }

    /// Whether two files hold the same bytes, compared a piece at a time (streamed exports are
    /// too big to hold whole) with plain calls: `FileHandle.readData(ofLength:)` read them
    /// 4 KiB at a time into new `Data`, 45,000 reads when a rebuild compared one dataset's
    /// exports of 60,000 rows.
    static func same(_ a: String, _ b: String) -> Bool {
        let first = open(a, O_RDONLY | O_CLOEXEC)
        guard first >= 0 else { return false }
        defer { close(first) }
        let second = open(b, O_RDONLY | O_CLOEXEC)
        guard second >= 0 else { return false }
        defer { close(second) }
        var infoA = stat(), infoB = stat()
        guard fstat(first, &infoA) == 0, fstat(second, &infoB) == 0, infoA.st_size == infoB.st_size else { return false }
        let pieceSize = 1 << 18
        let x = UnsafeMutableRawPointer.allocate(byteCount: pieceSize, alignment: 16)
        let y = UnsafeMutableRawPointer.allocate(byteCount: pieceSize, alignment: 16)
        defer { x.deallocate(); y.deallocate() }
        while true {
            let got = readFully(first, x, pieceSize)
            guard got >= 0, readFully(second, y, pieceSize) == got, memcmp(x, y, got) == 0 else { return false }
            if got < pieceSize { return true }
        }
    }

    /// Reads up to `count` bytes, fewer only at the end of the file; -1 on an error.
    private static func readFully(_ descriptor: Int32, _ buffer: UnsafeMutableRawPointer, _ count: Int) -> Int {
        var total = 0
        while total < count {
            let got = read(descriptor, buffer + total, count - total)
            if got < 0 && errno == EINTR { continue }
            if got < 0 { return -1 }
            if got == 0 { break }
            total += got
        }
        return total
    }

    /// Whether the file at `path` holds exactly `data`, read a piece at a time with plain
    /// calls: a full build over a previous output asks it of every file it writes. Reading
    /// each through FileManager's attributes and a mapped `Data` made a tenth of such a build's
    /// time (S=1), most of it unmapping the files again.
    static func holds(_ data: Data, at path: String) -> Bool {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { return false }
        defer { close(descriptor) }
        var info = stat()
        guard fstat(descriptor, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG, Int(info.st_size) == data.count else { return false }
        return data.withUnsafeBytes { expected -> Bool in
            let pieceSize = Swift.min(Swift.max(data.count, 1), 1 << 16)
            let piece = UnsafeMutableRawPointer.allocate(byteCount: pieceSize, alignment: 16)
            defer { piece.deallocate() }
            var offset = 0
            while offset < expected.count {
                let count = Swift.min(pieceSize, expected.count - offset)
                guard readFully(descriptor, piece, count) == count,
                      memcmp(piece, expected.baseAddress! + offset, count) == 0 else { return false }
                offset += count
            }
            // The file may have grown since fstat: nothing more is to come.
            return readFully(descriptor, piece, 1) == 0
        }
    }

    /// Creates (or truncates) `path` and opens it for a streamed writer.
    static func handle(_ path: String, exclusive: Bool = false) throws -> FileHandle {
        FileHandle(fileDescriptor: try create(path, exclusive: exclusive), closeOnDealloc: true)
    }

    private static func create(_ path: String, exclusive: Bool) throws -> Int32 {
        let descriptor = open(path, O_WRONLY | O_CREAT | (exclusive ? O_EXCL : O_TRUNC) | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else {
            if exclusive && errno == EEXIST { throw OutputError.writtenTwice(path) }
            throw OutputError("cannot write \(path): \(String(cString: strerror(errno)))")
        }
        return descriptor
    }
}
