import Crypto
import Foundation
import Synchronization

/// The pages of a unit that is rendered again, each under a key made of its path and the
/// fingerprint of what it shows of the data (``Fingerprint``): a record's cells; an event's
/// record and its place; a place's record and its upcoming events. A unit's key changes with
/// any cell of its datasets (``UnitKeys``); of its thousands of pages, those whose key is the
/// previous build's are kept from the previous output, as a whole unit is, and only the others
/// are rendered.
///
/// Everything else a page reads (options, `site.yaml`, the theme, the menu, the datasets'
/// metadata) is the memo's `base`: when it changed, no page is kept.
final class PageMemo: Sendable {
    /// A page: the first 96 bits of the SHA-256 of its path and fingerprint, and its size.
    /// 16 bytes a page: the memo of the benchmark's S=10 agenda, 290,000 pages, is 5 MB, where
    /// a dictionary of paths and fingerprints was 45 (the build's peak memory at S=10 is held to
    /// 1.5 times that at S=1). Two pages of a unit have the same 96 bits once in 10^18 builds.
    struct Record: Sendable, Comparable {
        var high: UInt64
        var low: UInt32
        var size: UInt32
        static func < (a: Record, b: Record) -> Bool { (a.high, a.low) < (b.high, b.low) }
        static func == (a: Record, b: Record) -> Bool { a.high == b.high && a.low == b.low }
    }

    /// The pages of one rendering of a unit, sorted, as the cache holds them.
    struct Pages: Sendable, Decodable {
        let base: String
        let records: [Record]

        init(base: String, records: [Record]) {
            self.base = base
            self.records = records
        }

        /// `{"base":…,"pages":"<base64 of 16 bytes a page, little-endian>"}`.
        private enum CodingKeys: String, CodingKey { case base, pages }
        static let packedSize = 16

        init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            base = try container.decode(String.self, forKey: .base)
            guard let packed = Data(base64Encoded: try container.decode(String.self, forKey: .pages)),
                  packed.count % Self.packedSize == 0 else {
                throw DecodingError.dataCorruptedError(forKey: .pages, in: container, debugDescription: "not a list of pages")
            }
            var records: [Record] = []
            records.reserveCapacity(packed.count / Self.packedSize)
            packed.withUnsafeBytes { raw in
                for offset in stride(from: 0, to: raw.count, by: Self.packedSize) {
                    records.append(Record(high: UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: offset, as: UInt64.self)),
                                          low: UInt32(littleEndian: raw.loadUnaligned(fromByteOffset: offset + 8, as: UInt32.self)),
                                          size: UInt32(littleEndian: raw.loadUnaligned(fromByteOffset: offset + 12, as: UInt32.self))))
                }
            }
            self.records = records
        }

        /// Writes the JSON that `init(from:)` reads, the pages in base64 a thousand at a time:
        /// never the whole list packed in memory.
        func write(into w: ByteWriter) {
            w.write("{\"base\":")
            ValueEncoding.jsonString(base, into: w)
            w.write(",\"pages\":\"")
            var chunk = Data(capacity: 1_023 * Self.packedSize)
            for start in stride(from: 0, to: records.count, by: 1_023) {
                chunk.removeAll(keepingCapacity: true)
                for record in records[start..<min(start + 1_023, records.count)] {
                    withUnsafeBytes(of: record.high.littleEndian) { chunk.append(contentsOf: $0) }
                    withUnsafeBytes(of: record.low.littleEndian) { chunk.append(contentsOf: $0) }
                    withUnsafeBytes(of: record.size.littleEndian) { chunk.append(contentsOf: $0) }
                }
                // 16,368 bytes, a multiple of 3: the pieces of base64 join without padding.
                w.write(chunk.base64EncodedString())
            }
            w.write("\"}")
        }
    }

    let base: String
    /// Sorted by key.
    private let previous: [Record]
    /// This build's records, in one array reserved for the pages the unit expects and sorted in
    /// place at the end. Chunks copied into one sorted array at the end held the records twice
    /// there (freed chunks stay resident): 4.7 MB at the end of the S=10 build, its peak. An
    /// array grown by doubling held both buffers while it grew. Reserved capacity that is never
    /// written is never resident, so an estimate too high costs nothing; one too low, a growth.
    private let current: Mutex<(records: [Record], kept: Int)>

    /// A memo under `base`, which keeps the pages of `previous` when they were made under the
    /// same; `expected` is about how many pages the unit makes (more or fewer only costs memory).
    init(base: String, previous: Pages?, expected: Int = 0) {
        self.base = base
        self.previous = previous.flatMap { $0.base == base ? $0.records : nil } ?? []
        var records: [Record] = []
        records.reserveCapacity(expected)
        current = Mutex((records, 0))
    }

    /// Whether the previous build left no page to keep (a first or full build): callers then
    /// skip reading what a page was made from before they render it.
    var isEmpty: Bool { previous.isEmpty }

    /// The record of the page at `path` made from `fingerprint`, without its size.
    static func record(_ path: String, _ fingerprint: Fingerprint.Digest) -> Record {
        var hasher = SHA256()
        hasher.update(data: Data(path.utf8))
        withUnsafeBytes(of: fingerprint) { hasher.update(bufferPointer: $0) }
        return hasher.finalize().withUnsafeBytes { raw in
            Record(high: raw.loadUnaligned(as: UInt64.self), low: raw.loadUnaligned(fromByteOffset: 8, as: UInt32.self), size: 0)
        }
    }

    /// Keeps the files at `paths` (a page in each language) from the previous output when each
    /// was made from `fingerprint` and is there; false, keeping none, otherwise. `companions`
    /// are files made with the first page, from the same data (an event's calendar file): they
    /// have no record of their own, the page's stands for them (``write(_:_:companions:fingerprint:to:)``).
    func keep(_ paths: [String], companions: [String] = [], fingerprint: Fingerprint.Digest,
              in out: any OutputDestination) throws -> Bool {
        var kept: [Record] = []
        for path in paths {
            guard let found = previousRecord(Self.record(path, fingerprint)) else { return false }
            kept.append(found)
        }
        guard try out.keep(PathList(paths + companions), bytes: kept.reduce(0) { $0 + Int($1.size) }) else { return false }
        current.withLock { current in
            current.records += kept
            current.kept += kept.count
        }
        return true
    }

    /// Writes a page rendered from `fingerprint`, and files made with it (its companions, see
    /// ``keep(_:companions:fingerprint:in:)``), and remembers them under the page's record: one
    /// record, whose size is theirs together. A record for each of the benchmark's S=10 events'
    /// calendar files would be 250,000 more, 4 MB more at the build's peak.
    func write(_ path: String, _ data: Data, companions: [(path: String, data: Data)] = [], fingerprint: Fingerprint.Digest,
               to out: any OutputDestination) throws {
        try out.write(path, data)
        for companion in companions { try out.write(companion.path, companion.data) }
        var record = Self.record(path, fingerprint)
        record.size = UInt32(clamping: companions.reduce(data.count) { $0 + $1.data.count })
        current.withLock { $0.records.append(record) }
    }

    private func previousRecord(_ record: Record) -> Record? {
        var low = 0, high = previous.count
        while low < high {
            let middle = (low + high) / 2
            if previous[middle] < record { low = middle + 1 } else { high = middle }
        }
        return low < previous.count && previous[low] == record ? previous[low] : nil
    }

    /// How many pages were kept.
    var kept: Int { current.withLock { $0.kept } }

    /// The pages of this build, sorted in place, for the cache (the memo is not used after).
    func finish() -> Pages {
        var records = current.withLock { current in
            defer { current.records = [] }
            return current.records
        }
        records.sort()
        return Pages(base: base, records: records)
    }
}

extension OutputDestination {
    /// Writes a page, and with a memo and a fingerprint, remembers what it was made from (a
    /// page without a fingerprint, made from a record that changed during the build, is not
    /// remembered: the next build renders it again).
    func write(_ path: String, _ data: Data, companions: [(path: String, data: Data)] = [], memo: PageMemo?,
               fingerprint: Fingerprint.Digest?) throws {
        if let memo, let fingerprint {
            try memo.write(path, data, companions: companions, fingerprint: fingerprint, to: self)
        } else {
            try write(path, data)
            for companion in companions { try write(companion.path, companion.data) }
        }
    }
}
