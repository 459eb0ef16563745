import Foundation

/// Output paths, packed: what the render cache keeps of every file a unit wrote.
///
/// A build of the benchmark's S=10 writes 564,797 files; as an array of `String`s their paths
/// took about 90 bytes each (a heap string and its slot), 50 MB held until the end of the
/// build. Paths of one unit are written in runs that share long beginnings
/// (`agenda/events/ev0000001.html`, `agenda/events/ev0000001.ics`…), so each is kept as the
/// number of bytes it shares with the path before it and the rest: `22 1.ics\n`, about 9
/// bytes. The text is also how the cache file stores the list.
///
/// Paths come in the order they were added (units render in parallel): the list is a set of
/// paths to keep, whose order means nothing.
///
/// The text is kept in chunks of about 64 KiB, so that a growing list never copies itself;
/// each full chunk is compressed (deflate, as in a ZIP file), to about a third: the lists of
/// the S=10 build were still 5 MB, growing through the whole render.
public struct PathList: Sequence, Sendable, Decodable {
    /// Full chunks, compressed, with the size of their text.
    private var sealed: [(bytes: [UInt8], size: Int)] = []
    /// The chunk being written.
    private var open: [UInt8] = []
    /// The last path added, which the next one is written against.
    private var last: [UInt8] = []
    public private(set) var count = 0

    private static let chunkSize = 65_536

    public init() {}

    public init<S: Sequence<String>>(_ paths: S) {
        for path in paths { append(path) }
    }

    public mutating func append(_ path: String) {
        let bytes = Array(path.utf8)
        var shared = 0
        let limit = Swift.min(bytes.count, last.count)
        while shared < limit, bytes[shared] == last[shared] { shared += 1 }
        if open.count >= Self.chunkSize {
            sealed.append((Self.compress(open), open.count))
            open.removeAll(keepingCapacity: true)
        }
        if open.isEmpty { open.reserveCapacity(Self.chunkSize + 256) }
        open.append(contentsOf: String(shared).utf8)
        open.append(UInt8(ascii: " "))
        open.append(contentsOf: bytes[shared...])
        open.append(UInt8(ascii: "\n"))
        last = bytes
        count += 1
    }

    /// The bytes the list holds (for the test that it stays compressed).
    var heldBytes: Int { sealed.reduce(open.count) { $0 + $1.bytes.count } }

    private static func compress(_ text: [UInt8]) -> [UInt8] {
        // Deflating bytes in memory cannot fail; were it to, the text would be lost, so it traps.
        try! Deflater.deflated(text, last: true).data
    }

    private static func decompress(_ chunk: (bytes: [UInt8], size: Int)) -> [UInt8] {
        try! Inflater.inflated(chunk.bytes, size: chunk.size)
    }

    public mutating func append(contentsOf other: PathList) {
        for path in other { append(path) }
    }

    public func makeIterator() -> Iterator { Iterator(list: self) }

    /// Reads the chunks one at a time: only one is decompressed at any moment.
    public struct Iterator: IteratorProtocol {
        let list: PathList
        var chunk = -1
        var bytes: [UInt8] = []
        var offset = 0
        var current: [UInt8] = []

        init(list: PathList) {
            self.list = list
        }

        public mutating func next() -> String? {
            while offset >= bytes.count {
                chunk += 1
                guard chunk <= list.sealed.count else { return nil }
                bytes = chunk < list.sealed.count ? PathList.decompress(list.sealed[chunk]) : list.open
                offset = 0
            }
            var shared = 0
            while bytes[offset] != UInt8(ascii: " ") {
                shared = shared * 10 + Int(bytes[offset] - UInt8(ascii: "0"))
                offset += 1
            }
            offset += 1
            var end = offset
            while bytes[end] != UInt8(ascii: "\n") { end += 1 }
            current.removeSubrange(shared...)
            current.append(contentsOf: bytes[offset..<end])
            offset = end + 1
            return String(decoding: current, as: UTF8.self)
        }
    }

    // MARK: - In the cache file: the packed text, as one JSON string.

    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let bytes = Array(try container.decode(String.self).utf8)
        // Read with checks (a damaged cache file is refused, and the build is a full one),
        // then added again, which chunks the list anew.
        var list = PathList()
        var current: [UInt8] = []
        var i = 0
        while i < bytes.count {
            var shared = 0, digits = 0
            while i < bytes.count, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(bytes[i]), digits < 6 {
                shared = shared * 10 + Int(bytes[i] - UInt8(ascii: "0"))
                i += 1
                digits += 1
            }
            guard digits > 0, i < bytes.count, bytes[i] == UInt8(ascii: " "), shared <= current.count,
                  let end = bytes[(i + 1)...].firstIndex(of: UInt8(ascii: "\n")) else {
                throw DecodingError.dataCorruptedError(in: container, debugDescription: "not a packed path list at byte \(i)")
            }
            current.removeSubrange(shared...)
            current.append(contentsOf: bytes[(i + 1)..<end])
            list.append(String(decoding: current, as: UTF8.self))
            i = end + 1
        }
        self = list
    }

    /// Writes the packed text as one JSON string, the form ``init(from:)`` reads, decompressing
    /// one chunk at a time: made whole and copied by JSONEncoder, the lists of the S=10 build
    /// held 20–35 MB at the end of the build.
    func writeJSON(into w: ByteWriter) {
        w.write(byte: UInt8(ascii: "\""))
        // Chunks end after a path's line feed: no character is cut between two of them.
        for chunk in sealed {
            Self.decompress(chunk).withUnsafeBufferPointer { ValueEncoding.jsonStringContent($0, into: w) }
        }
        open.withUnsafeBufferPointer { ValueEncoding.jsonStringContent($0, into: w) }
        w.write(byte: UInt8(ascii: "\""))
    }
}
