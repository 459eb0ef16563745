import SystemZlib

/// Raw inflate (RFC 1951) through the system's zlib, of bytes ``Deflater`` compressed in memory.
enum Inflater {
    /// The text of `bytes`, whose inflated size is known (it was counted when they were made).
    static func inflated(_ bytes: [UInt8], size: Int) throws -> [UInt8] {
        var text = [UInt8](repeating: 0, count: size)
        var stream = z_stream()
        guard inflateInit2_(&stream, -MAX_WBITS, ZLIB_VERSION, Int32(MemoryLayout<z_stream>.size)) == Z_OK else {
            throw OutputError("zlib could not start an inflate stream")
        }
        defer { inflateEnd(&stream) }
        // One call with all the input and all the room: the stream never moves between calls.
        let status = bytes.withUnsafeBufferPointer { input in
            text.withUnsafeMutableBufferPointer { output in
                stream.next_in = UnsafeMutablePointer(mutating: input.baseAddress)
                stream.avail_in = uInt(input.count)
                stream.next_out = output.baseAddress
                stream.avail_out = uInt(output.count)
                return inflate(&stream, Z_FINISH)
            }
        }
        guard status == Z_STREAM_END, stream.avail_out == 0 else {
            throw OutputError("zlib could not inflate \(bytes.count) bytes into \(size) (\(status))")
        }
        return text
    }
}
