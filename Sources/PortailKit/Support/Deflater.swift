import SystemZlib

/// Raw deflate (RFC 1951) through the system's zlib, with the CRC-32 and the size of what it
/// compressed: the data of one ZIP entry, or one piece of it.
///
/// A piece ended with ``finish(last:)`` `false` stops on a byte boundary with no final block,
/// so that pieces compressed apart can be joined into one entry's data (as pigz does): the
/// rows of a sheet are compressed while they are written, before the sheet's head (its column
/// widths, known only after the last row) is.
final class Deflater {
    /// zlib's default (6), as LibreOffice and Python's `zipfile` write: at level 1 the
    /// benchmark's sheets took a third to a half of the time, and were 30 % bigger.
    static let level = Z_DEFAULT_COMPRESSION

    /// The final, empty block that ends an entry made of pieces.
    static let lastBlock: [UInt8] = [0x03, 0x00]

    /// Joins the CRC-32 of two consecutive byte runs, given the second one's length.
    static func crc(_ first: UInt32, then second: UInt32, length: Int) -> UInt32 {
        UInt32(crc32_combine(uLong(first), uLong(second), .init(length)))
    }

    /// The CRC-32 of `bytes`, continuing `previous` (zlib's, which reads words, not bytes).
    static func crc(of bytes: UnsafeRawBufferPointer, after previous: UInt32 = 0) -> UInt32 {
        guard let base = bytes.baseAddress, !bytes.isEmpty else { return previous }
        return UInt32(crc32(uLong(previous), base.assumingMemoryBound(to: Bytef.self), uInt(bytes.count)))
    }

    /// zlib's state points back at its stream: the stream must not move.
    private let stream = UnsafeMutablePointer<z_stream>.allocate(capacity: 1)
    private var output = [UInt8](repeating: 0, count: 1 << 16)
    private let emit: (UnsafeBufferPointer<UInt8>) throws -> Void
    private var ended = false
    private(set) var crc: UInt32 = 0
    /// Bytes emitted (the bytes given are counted by whoever gives them).
    private(set) var outputCount = 0

    /// `emit` receives the compressed bytes as they come.
    init(emit: @escaping (UnsafeBufferPointer<UInt8>) throws -> Void) throws {
        self.emit = emit
        stream.initialize(to: z_stream())
        // Negative window bits: raw deflate, without zlib's header and trailer (ZIP has its own).
        let status = deflateInit2_(stream, Self.level, Z_DEFLATED, -MAX_WBITS, 8, Z_DEFAULT_STRATEGY,
                                   ZLIB_VERSION, Int32(MemoryLayout<z_stream>.size))
        guard status == Z_OK else {
            ended = true  // nothing for deinit to end; it still frees the stream
            throw OutputError("zlib could not start a deflate stream (\(status))")
        }
    }

    deinit {
        if !ended { deflateEnd(stream) }
        stream.deallocate()
    }

    func compress(_ bytes: UnsafeRawBufferPointer) throws {
        guard let base = bytes.baseAddress, !bytes.isEmpty else { return }
        crc = Self.crc(of: bytes, after: crc)
        stream.pointee.next_in = UnsafeMutablePointer(mutating: base.assumingMemoryBound(to: Bytef.self))
        stream.pointee.avail_in = uInt(bytes.count)
        try run(Z_NO_FLUSH)
    }

    /// Ends the stream: with its final block when `last`, else on a byte boundary (a sync flush).
    func finish(last: Bool) throws {
        precondition(!ended, "finish(last:) called twice")
        stream.pointee.next_in = nil
        stream.pointee.avail_in = 0
        try run(last ? Z_FINISH : Z_SYNC_FLUSH)
        deflateEnd(stream)
        ended = true
    }

    /// Deflates until zlib has taken all the input and, when flushing, given all the output.
    private func run(_ flush: Int32) throws {
        repeat {
            let produced = try output.withUnsafeMutableBufferPointer { out -> Int in
                stream.pointee.next_out = out.baseAddress
                stream.pointee.avail_out = uInt(out.count)
                let status = deflate(stream, flush)
                guard status == Z_OK || status == Z_STREAM_END || status == Z_BUF_ERROR else {
                    throw OutputError("zlib could not deflate (\(status))")
                }
                let produced = out.count - Int(stream.pointee.avail_out)
                if produced > 0 { try emit(UnsafeBufferPointer(rebasing: out[..<produced])) }
                return produced
            }
            outputCount += produced
            // A full output buffer means zlib may hold more.
            if stream.pointee.avail_out != 0 && stream.pointee.avail_in == 0 { return }
        } while true
    }

    /// The whole of `bytes`, deflated in memory: a piece that ends with its final block when `last`.
    static func deflated(_ bytes: [UInt8], last: Bool) throws -> (data: [UInt8], crc: UInt32) {
        var out: [UInt8] = []
        let deflater = try Deflater { out.append(contentsOf: $0) }
        try bytes.withUnsafeBytes { try deflater.compress($0) }
        try deflater.finish(last: last)
        return (out, deflater.crc)
    }
}
