import SystemZlib

/// Raw inflate (RFC 1951) through the system's zlib, of bytes ``Deflater`` compressed in memory.
enum Inflater {
    /// The text of `bytes`, whose inflated size is known (it was counted when they were made).
    static func inflated(_ bytes: [UInt8], size: Int) throws -> [UInt8] {
        var text = [UInt8](repeating: 0, count: size)
        // zlib's state points back at its stream: the stream must not move (as in `Deflater`).
        let stream = UnsafeMutablePointer<z_stream>.allocate(capacity: 1)
        stream.initialize(to: z_stream())
        defer { stream.deallocate() }
        guard inflateInit2_(stream, -MAX_WBITS, ZLIB_VERSION, Int32(MemoryLayout<z_stream>.size)) == Z_OK else {
            throw OutputError("zlib could not start an inflate stream")
        }
        defer { inflateEnd(stream) }
        // One call with all the input and all the room.
        let status = bytes.withUnsafeBufferPointer { input in
            text.withUnsafeMutableBufferPointer { output in
                stream.pointee.next_in = UnsafeMutablePointer(mutating: input.baseAddress)
                stream.pointee.avail_in = uInt(input.count)
                stream.pointee.next_out = output.baseAddress
                stream.pointee.avail_out = uInt(output.count)
                return inflate(stream, Z_FINISH)
            }
        }
        guard status == Z_STREAM_END, stream.pointee.avail_out == 0 else {
            throw OutputError("zlib could not inflate \(bytes.count) bytes into \(size) (\(status))")
        }
        return text
    }
}
