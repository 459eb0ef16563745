import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A data file mapped into memory read-only, and the means to let go of the pages a reader
/// has gone past.
///
/// Data files are read by several passes (validation, exports, record pages), each from start
/// to end. Mapped pages that were read stay resident, so a build's memory grew with the size
/// of its data files; a pass now releases the pages behind it (``release(_:from:to:)``), and
/// a later read of them maps them again from the page cache.
enum MappedFile {
    /// The file's bytes, mapped; nil when it cannot be opened or mapped. An empty file gives
    /// empty data (there is nothing to map).
    static func read(_ url: URL) -> Data? {
        open(url)?.bytes
    }

    /// The file's bytes, mapped, and the file kept open to read pieces of it by position
    /// (the same file as the mapping, even if another one takes its name meanwhile).
    static func open(_ url: URL) -> (bytes: Data, file: OpenFile)? {
        let fd = Glibc.open(url.path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { return nil }
        let file = OpenFile(descriptor: fd)
        var status = stat()
        guard fstat(fd, &status) == 0, (status.st_mode & S_IFMT) == S_IFREG else { return nil }
        let size = Int(status.st_size)
        if size == 0 { return (Data(), file) }
        guard let address = mmap(nil, size, PROT_READ, MAP_PRIVATE, fd, 0), address != MAP_FAILED else { return nil }
        // Linux maps the page cache's large folios of a file read in sequence whole, up to
        // 2 MiB at a fault, and pages given back inside one came back at the next fault: a
        // pass over the 99 MB schools file of the benchmark's S=10 kept 11–15 MB of it
        // resident. Small pages keep a pass to the piece it reads (≤ 1.5 MB).
        madvise(address, size, MADV_NOHUGEPAGE)
        return (Data(bytesNoCopy: address, count: size, deallocator: .custom { pointer, count in munmap(pointer, count) }), file)
    }

    static let pageSize = Int(sysconf(Int32(_SC_PAGESIZE)))

    /// How much of a file one pass reads before releasing the pages behind it.
    static let step = 1 << 20

    /// Calls `body` with consecutive pieces of mapped `data` that end on UTF-8 character
    /// boundaries, releasing each piece's pages after it, until `body` returns false: one pass
    /// over a whole file (a checksum, a check of its encoding) leaves none of it resident.
    static func forEachPiece(of data: Data, _ body: (_ offset: Int, _ piece: UnsafeRawBufferPointer) -> Bool) {
        data.withUnsafeBytes { raw in
            guard let base = raw.baseAddress else { return }
            var offset = 0
            while offset < raw.count {
                var end = min(offset + step, raw.count)
                // Never cut a character: back up over at most three continuation bytes.
                var back = 0
                while end < raw.count && back < 3 && raw[end] & 0xC0 == 0x80 { end -= 1; back += 1 }
                guard body(offset, UnsafeRawBufferPointer(rebasing: raw[offset..<end])) else { return }
                release(base, from: offset, to: end)
                offset = end
            }
        }
    }

    /// Gives the whole pages of `[start, end)` back to the system. Only for bytes that
    /// ``read(_:)`` mapped: on ordinary memory this would discard the bytes themselves.
    static func release(_ base: UnsafeRawPointer, from start: Int, to end: Int) {
        let first = (Int(bitPattern: base) + start + pageSize - 1) / pageSize * pageSize
        let last = (Int(bitPattern: base) + end) / pageSize * pageSize
        guard last > first else { return }
        madvise(UnsafeMutableRawPointer(bitPattern: first), last - first, MADV_DONTNEED)
    }
}

/// A file open for reading pieces of it by position, from any thread (`pread`); closed when
/// the last value holding it goes.
public final class OpenFile: Sendable {
    private let descriptor: Int32

    init(descriptor: Int32) {
        self.descriptor = descriptor
    }

    deinit {
        close(descriptor)
    }

    /// Fills `buffer` from `offset`; returns how many bytes were read (fewer at the end of the
    /// file, or on an error).
    func read(at offset: Int, into buffer: UnsafeMutableRawBufferPointer) -> Int {
        guard let base = buffer.baseAddress else { return 0 }
        var done = 0
        while done < buffer.count {
            let count = pread(descriptor, base + done, buffer.count - done, off_t(offset + done))
            if count > 0 {
                done += count
            } else if count < 0 && errno == EINTR {
                continue
            } else {
                break
            }
        }
        return done
    }
}
