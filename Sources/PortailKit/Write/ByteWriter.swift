import Crypto
import Foundation

/// A buffered writer of one output file's bytes, used by the streaming renderers (exports of
/// hundreds of thousands of rows go to disk 256 KiB at a time, never whole in memory).
///
/// Writers are made by an ``OutputDestination`` and belong to one task at a time.
public final class ByteWriter {
    enum Target {
        case file(FileHandle)
        /// Compressed on its way (a spreadsheet's rows).
        case deflate(Deflater)
        case memory
        case discard
    }

    /// Output-relative path of the file.
    public let path: String
    /// Bytes written so far.
    public private(set) var count = 0
    private var buffer: [UInt8] = []
    private let target: Target
    private let onClose: (ByteWriter, [UInt8]) throws -> Void
    private var collected: [UInt8] = []
    private var closed = false
    /// The first write that failed, thrown by `close()`.
    private var failure: (any Error)?
    private var hasher: SHA256?
    /// Lower-case hexadecimal SHA-256 of the bytes, once closed, when ``computeChecksum()`` was
    /// called (harvested metadata carries the checksums of the files it describes).
    public private(set) var sha256: String?
    /// Told the file's size once it is closed (``RecordingOutput`` counts what a unit wrote).
    var whenClosed: (@Sendable (Int) -> Void)?

    /// A build keeps a few dozen writers open at once (every format of every dataset being
    /// exported), each holding this much: with 1 MiB, the benchmark's S=10 build held ~10 MB
    /// more than its S=1 build, whose files rarely fill a buffer. Writes of 256 KiB cost no
    /// more time.
    private static let flushThreshold = 1 << 18

    init(path: String, target: Target, onClose: @escaping (ByteWriter, [UInt8]) throws -> Void) {
        self.path = path
        self.target = target
        self.onClose = onClose
        // Files fill the buffer again and again; texts collected in memory are mostly small
        // (a JSON string, an event's .ics), and reserving 260 KiB for each one cost more than
        // writing it.
        switch target {
        case .file, .deflate: buffer.reserveCapacity(Self.flushThreshold + 4096)
        case .memory, .discard: break
        }
    }

    public func write(_ text: String) {
        let before = buffer.count
        if text.utf8.withContiguousStorageIfAvailable({ buffer.append(contentsOf: $0) }) == nil {
            buffer.append(contentsOf: text.utf8)
        }
        count += buffer.count - before
        if buffer.count >= Self.flushThreshold { flush() }
    }

    @inline(__always)
    public func write(byte: UInt8) {
        buffer.append(byte)
        count += 1
    }

    /// A decimal integer, without making a String.
    public func write(integer value: Int) {
        if value < 0 {
            write(byte: UInt8(ascii: "-"))
            if value == Int.min { write(String(value).dropFirst().description); return }
        }
        var magnitude = value.magnitude
        var digits: (UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8,
                     UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8) =
            (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)
        var n = 0
        withUnsafeMutableBytes(of: &digits) { raw in
            repeat {
                raw[19 - n] = UInt8(ascii: "0") + UInt8(magnitude % 10)
                magnitude /= 10
                n += 1
            } while magnitude > 0
            buffer.append(contentsOf: raw[(20 - n)...])
        }
        count += n
    }

    /// An integer padded with zeros to `width` digits (dates and times).
    public func write(integer value: Int, width: Int) {
        var digits = 1, v = value
        while v >= 10 { v /= 10; digits += 1 }
        for _ in digits..<max(width, digits) { write(byte: UInt8(ascii: "0")) }
        write(integer: value)
    }

    /// Flushes when the buffer is full; writers of small pieces call it once per record.
    @inline(__always)
    public func flushIfNeeded() {
        if buffer.count >= Self.flushThreshold { flush() }
    }

    public func write<Bytes: Collection>(bytes: Bytes) where Bytes.Element == UInt8 {
        if bytes.withContiguousStorageIfAvailable({ buffer.append(contentsOf: $0) }) != nil {
            count += bytes.count
            if buffer.count >= Self.flushThreshold { flush() }
            return
        }
        buffer.append(contentsOf: bytes)
        count += bytes.count
        if buffer.count >= Self.flushThreshold { flush() }
    }

    /// Asks for the SHA-256 of the file; call it before writing.
    public func computeChecksum() {
        precondition(count == 0, "computeChecksum() must come before the first write")
        hasher = SHA256()
    }

    private func flush() {
        if hasher != nil { buffer.withUnsafeBytes { hasher!.update(bufferPointer: $0) } }
        switch target {
        // Written from the buffer itself, not from a copy of it (`Data(buffer)` was one more
        // buffer's worth at every flush). A failed write (a full disk) is kept for `close()`
        // to throw, where the writer's owner handles errors; later writes are dropped.
        case .file(let handle):
            if failure == nil {
                do { try handle.write(contentsOf: buffer) } catch { failure = error }
            }
        case .deflate(let deflater):
            if failure == nil {
                do { try buffer.withUnsafeBytes { try deflater.compress($0) } } catch { failure = error }
            }
        case .memory:
            // The first flush hands the buffer over instead of copying it.
            if collected.isEmpty { swap(&collected, &buffer) } else { collected.append(contentsOf: buffer) }
        case .discard: break
        }
        buffer.removeAll(keepingCapacity: true)
    }

    /// The bytes `body` writes, in memory: lets small texts share the exports' encoders.
    public static func collect(_ body: (ByteWriter) -> Void) -> [UInt8] {
        let writer = ByteWriter(path: "", target: .memory) { _, _ in }
        body(writer)
        writer.flush()
        return writer.collected
    }

    /// Flushes and hands the file to its destination. Returns the file's size in bytes.
    @discardableResult
    public func close() throws -> Int {
        guard !closed else { return count }
        closed = true
        flush()
        if let digest = hasher?.finalize() {
            sha256 = digest.map { byte in (byte < 16 ? "0" : "") + String(byte, radix: 16) }.joined()
        }
        if case .file(let handle) = target { try handle.close() }
        if let failure { throw OutputError("cannot write \(path): \(failure.localizedDescription)") }
        try onClose(self, collected)
        collected = []
        whenClosed?(count)
        return count
    }
}
