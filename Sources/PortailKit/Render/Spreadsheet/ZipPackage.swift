import Foundation

/// A ZIP container (XLSX, ODS: APPNOTE 6.3 with its ZIP64 extensions) written straight to the
/// output file, one entry after another.
///
/// Written here rather than through ZIPFoundation, which takes each entry's uncompressed bytes
/// and compresses them itself: a sheet's rows then had to be written whole to a temporary
/// file and read back, and on Linux it computes each CRC-32 in Swift, byte by byte. Together
/// those were two fifths of the benchmark's one-cell rebuild of its 60,000 schools. Here the
/// rows are deflated as they are written (``TemporarySheet``), so only their compressed form
/// waits for the sheet's head; every size and CRC is known before an entry is written. The
/// tests read the archives back with ZIPFoundation, and CI opens them with openpyxl and
/// LibreOffice.
struct ZipPackage {
    /// A piece of a part: bytes in memory, or rows deflated already into a temporary file.
    enum Segment {
        case bytes(Data)
        case deflated(DeflatedFile)
    }

    /// Deflated bytes in a file, ended on a byte boundary without a final block
    /// (``Deflater/finish(last:)``), with the size and CRC-32 of what they hold.
    struct DeflatedFile {
        let url: URL
        let size: Int
        let compressedSize: Int
        let crc: UInt32
    }

    struct Part {
        let path: String
        let segments: [Segment]
        /// ODF's `mimetype` must be stored uncompressed.
        var compressed = true
    }

    /// Every entry's time stamp, 2000-01-01 00:00 in MS-DOS form, so that the same content
    /// gives the same bytes.
    static let dosTime: UInt16 = 0
    static let dosDate: UInt16 = (2000 - 1980) << 9 | 1 << 5 | 1

    /// Sizes and offsets from this value up take ZIP64 fields (tests lower it).
    static let zip64Limit = 0xFFFF_FFFF

    /// Writes the archive to `writer`.
    static func write(_ parts: [Part], to writer: ByteWriter, zip64Limit: Int = zip64Limit) throws {
        let start = writer.count
        var directory = LittleEndian()
        for part in parts {
            let entry = try Entry(part)
            let offset = writer.count - start
            let path = Array(part.path.utf8)
            // Sizes go in the local header as ZIP64 fields when either is too big.
            let bigSizes = entry.size >= zip64Limit || entry.compressedSize >= zip64Limit
            var local = LittleEndian()
            local.u32(0x0403_4B50)
            entry.fields(into: &local, zip64: bigSizes, sizeInZIP64: bigSizes, compressedSizeInZIP64: bigSizes,
                         nameLength: path.count)
            local.u16(bigSizes ? 20 : 0)
            local.bytes += path
            if bigSizes {
                local.u16(0x0001)
                local.u16(16)
                local.u64(entry.size)
                local.u64(entry.compressedSize)
            }
            writer.write(bytes: local.bytes)
            try entry.writeData(to: writer)

            // In the central directory, only the fields that overflow move to the ZIP64 field.
            let bigSize = entry.size >= zip64Limit, bigCompressed = entry.compressedSize >= zip64Limit
            let bigOffset = offset >= zip64Limit
            var extra = LittleEndian()
            if bigSize { extra.u64(entry.size) }
            if bigCompressed { extra.u64(entry.compressedSize) }
            if bigOffset { extra.u64(offset) }
            let zip64 = !extra.bytes.isEmpty
            directory.u32(0x0201_4B50)
            directory.u16(3 << 8 | (zip64 ? 45 : 20))  // made on Unix: the permissions below
            entry.fields(into: &directory, zip64: zip64, sizeInZIP64: bigSize, compressedSizeInZIP64: bigCompressed,
                         nameLength: path.count)
            directory.u16(zip64 ? UInt16(4 + extra.bytes.count) : 0)
            directory.u16(0)  // comment
            directory.u16(0)  // disk
            directory.u16(0)  // internal attributes
            directory.u32(0o100644 << 16)  // a regular file, rw-r--r--
            directory.u32(bigOffset ? 0xFFFF_FFFF : UInt32(offset))
            directory.bytes += path
            if zip64 {
                directory.u16(0x0001)
                directory.u16(UInt16(extra.bytes.count))
                directory.bytes += extra.bytes
            }
        }
        let directoryOffset = writer.count - start
        writer.write(bytes: directory.bytes)
        try writeEnd(entries: parts.count, directoryOffset: directoryOffset, directorySize: directory.bytes.count,
                     at: writer.count - start, to: writer, zip64Limit: zip64Limit)
    }

    /// The end of central directory record, after its ZIP64 record and locator when needed.
    private static func writeEnd(entries: Int, directoryOffset: Int, directorySize: Int, at offset: Int,
                                 to writer: ByteWriter, zip64Limit: Int) throws {
        let zip64 = entries >= 0xFFFF || directoryOffset >= zip64Limit || directorySize >= zip64Limit
        var end = LittleEndian()
        if zip64 {
            end.u32(0x0606_4B50)
            end.u64(44)  // the record's size after this field
            end.u16(3 << 8 | 45)
            end.u16(45)
            end.u32(0)
            end.u32(0)
            end.u64(entries)
            end.u64(entries)
            end.u64(directorySize)
            end.u64(directoryOffset)
            end.u32(0x0706_4B50)
            end.u32(0)
            end.u64(offset)
            end.u32(1)
        }
        end.u32(0x0605_4B50)
        end.u16(0)
        end.u16(0)
        end.u16(zip64 ? 0xFFFF : UInt16(entries))
        end.u16(zip64 ? 0xFFFF : UInt16(entries))
        end.u32(zip64 ? 0xFFFF_FFFF : UInt32(directorySize))
        end.u32(zip64 ? 0xFFFF_FFFF : UInt32(directoryOffset))
        end.u16(0)  // comment
        writer.write(bytes: end.bytes)
    }

    /// One entry's data, compressed and measured before its header is written.
    private struct Entry {
        enum Piece {
            case memory([UInt8])
            case file(URL)
        }

        var pieces: [Piece] = []
        var method: UInt16 = 8
        var crc: UInt32 = 0
        var size = 0
        var compressedSize = 0

        init(_ part: Part) throws {
            let texts = part.segments.compactMap { segment -> Data? in
                if case .bytes(let data) = segment { return data } else { return nil }
            }
            if !part.compressed {
                precondition(texts.count == part.segments.count, "\(part.path): a stored entry is made of bytes only")
                let bytes = texts.reduce(into: [UInt8]()) { $0 += $1 }
                method = 0
                append(.memory(bytes), crc: bytes.withUnsafeBytes { Deflater.crc(of: $0) }, size: bytes.count, compressedSize: bytes.count)
            } else if texts.count == part.segments.count {
                let bytes = texts.reduce(into: [UInt8]()) { $0 += $1 }
                let (data, crc) = try Deflater.deflated(bytes, last: true)
                append(.memory(data), crc: crc, size: bytes.count, compressedSize: data.count)
            } else {
                // Pieces deflated apart, each ended on a byte boundary but the last, which has
                // the final block (an empty one after rows).
                for (i, segment) in part.segments.enumerated() {
                    switch segment {
                    case .bytes(let text):
                        let (data, crc) = try Deflater.deflated(Array(text), last: i == part.segments.count - 1)
                        append(.memory(data), crc: crc, size: text.count, compressedSize: data.count)
                    case .deflated(let file):
                        append(.file(file.url), crc: file.crc, size: file.size, compressedSize: file.compressedSize)
                        if i == part.segments.count - 1 {
                            append(.memory(Deflater.lastBlock), crc: 0, size: 0, compressedSize: Deflater.lastBlock.count)
                        }
                    }
                }
            }
        }

        private mutating func append(_ piece: Piece, crc: UInt32, size: Int, compressedSize: Int) {
            pieces.append(piece)
            self.crc = Deflater.crc(self.crc, then: crc, length: size)
            self.size += size
            self.compressedSize += compressedSize
        }

        /// The fields the local header and the central directory share, from the version needed
        /// to extract to the name's length; sizes in ZIP64 fields are marked 0xFFFFFFFF here.
        func fields(into record: inout LittleEndian, zip64: Bool, sizeInZIP64: Bool, compressedSizeInZIP64: Bool,
                    nameLength: Int) {
            record.u16(zip64 ? 45 : 20)
            record.u16(0)  // flags
            record.u16(method)
            record.u16(ZipPackage.dosTime)
            record.u16(ZipPackage.dosDate)
            record.u32(crc)
            record.u32(compressedSizeInZIP64 ? 0xFFFF_FFFF : UInt32(compressedSize))
            record.u32(sizeInZIP64 ? 0xFFFF_FFFF : UInt32(size))
            record.u16(UInt16(nameLength))
        }

        func writeData(to writer: ByteWriter) throws {
            for piece in pieces {
                switch piece {
                case .memory(let bytes): writer.write(bytes: bytes)
                case .file(let url):
                    guard let handle = FileHandle(forReadingAtPath: url.path) else { throw OutputError("cannot read \(url.path)") }
                    defer { try? handle.close() }
                    while let chunk = try handle.read(upToCount: 1 << 20), !chunk.isEmpty {
                        writer.write(bytes: chunk)
                    }
                }
            }
        }
    }

    /// Little-endian fields of ZIP's records.
    fileprivate struct LittleEndian {
        var bytes: [UInt8] = []
        mutating func u16(_ value: UInt16) { bytes += [UInt8(value & 0xFF), UInt8(value >> 8)] }
        mutating func u32(_ value: UInt32) { for shift in stride(from: 0, to: 32, by: 8) { bytes.append(UInt8(value >> UInt32(shift) & 0xFF)) } }
        mutating func u64(_ value: Int) { for shift in stride(from: 0, to: 64, by: 8) { bytes.append(UInt8(UInt64(value) >> UInt64(shift) & 0xFF)) } }
    }
}
