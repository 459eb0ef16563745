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
///
/// Held packed, 20 bytes a page (a 128-bit key, a 32-bit size): the memo of the benchmark's
/// S=10 agenda, 290,000 pages, is 6 MB, where a dictionary of paths was 45.
final class PageMemo: Sendable {
    /// What the cache holds: the base, and the pages' keys and sizes, packed, in base64.
    struct Saved: Sendable, Decodable, Equatable {
        var base: String
        var pages: String
    }

    struct Key: Sendable, Comparable {
        var high: UInt64
        var low: UInt64
        static func < (a: Key, b: Key) -> Bool { (a.high, a.low) < (b.high, b.low) }
    }

    private struct Pages: Sendable {
        var keys: [Key] = []
        var sizes: [UInt32] = []
        var kept = 0
    }

    let base: String
    /// Sorted by key.
    private let previous: Pages
    private let current = Mutex(Pages())

    /// A memo under `base`, which keeps the pages of `saved` when it was made under the same.
    init(base: String, saved: Saved?) {
        self.base = base
        var pages = Pages()
        if let saved, saved.base == base, let packed = Data(base64Encoded: saved.pages), packed.count % 20 == 0 {
            packed.withUnsafeBytes { raw in
                for offset in stride(from: 0, to: raw.count, by: 20) {
                    pages.keys.append(Key(high: UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: offset, as: UInt64.self)),
                                          low: UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: offset + 8, as: UInt64.self))))
                    pages.sizes.append(UInt32(littleEndian: raw.loadUnaligned(fromByteOffset: offset + 16, as: UInt32.self)))
                }
            }
        }
        previous = pages
    }

    /// Whether the previous build left no page to keep (a first or full build): callers then
    /// skip reading what a page was made from before they render it.
    var isEmpty: Bool { previous.keys.isEmpty }

    /// The key of the page at `path` made from `fingerprint`.
    static func key(_ path: String, _ fingerprint: Fingerprint.Digest) -> Key {
        var hasher = SHA256()
        hasher.update(data: Data(path.utf8))
        withUnsafeBytes(of: fingerprint) { hasher.update(bufferPointer: $0) }
        return hasher.finalize().withUnsafeBytes { raw in
            Key(high: raw.loadUnaligned(as: UInt64.self), low: raw.loadUnaligned(fromByteOffset: 8, as: UInt64.self))
        }
    }

    /// Keeps the files at `paths` (a page in each language) from the previous output when each
    /// was made from `fingerprint` and is there; false, keeping none, otherwise.
    func keep(_ paths: [String], fingerprint: Fingerprint.Digest, in out: any OutputDestination) throws -> Bool {
        var kept: [(Key, UInt32)] = []
        for path in paths {
            let key = Self.key(path, fingerprint)
            guard let size = previousSize(key) else { return false }
            kept.append((key, size))
        }
        guard try out.keep(PathList(paths), bytes: kept.reduce(0) { $0 + Int($1.1) }) else { return false }
        current.withLock { pages in
            for (key, size) in kept { pages.keys.append(key); pages.sizes.append(size) }
            pages.kept += kept.count
        }
        return true
    }

    /// Writes a page rendered from `fingerprint`, and remembers it.
    func write(_ path: String, _ data: Data, fingerprint: Fingerprint.Digest, to out: any OutputDestination) throws {
        try out.write(path, data)
        let key = Self.key(path, fingerprint)
        current.withLock { pages in
            pages.keys.append(key)
            pages.sizes.append(UInt32(clamping: data.count))
        }
    }

    private func previousSize(_ key: Key) -> UInt32? {
        var low = 0, high = previous.keys.count
        while low < high {
            let middle = (low + high) / 2
            if previous.keys[middle] < key { low = middle + 1 } else { high = middle }
        }
        return low < previous.keys.count && previous.keys[low] == key ? previous.sizes[low] : nil
    }

    /// How many pages were kept.
    var kept: Int { current.withLock { $0.kept } }

    /// The pages of this build, for the cache, sorted by key.
    var saved: Saved {
        let pages = current.withLock { $0 }
        let order = pages.keys.indices.sorted { pages.keys[$0] < pages.keys[$1] }
        var packed = Data(capacity: order.count * 20)
        for index in order {
            withUnsafeBytes(of: pages.keys[index].high.littleEndian) { packed.append(contentsOf: $0) }
            withUnsafeBytes(of: pages.keys[index].low.littleEndian) { packed.append(contentsOf: $0) }
            withUnsafeBytes(of: pages.sizes[index].littleEndian) { packed.append(contentsOf: $0) }
        }
        return Saved(base: base, pages: packed.base64EncodedString())
    }
}

extension OutputDestination {
    /// Writes a page, and with a memo and a fingerprint, remembers what it was made from (a
    /// page without a fingerprint, made from a record that changed during the build, is not
    /// remembered: the next build renders it again).
    func write(_ path: String, _ data: Data, memo: PageMemo?, fingerprint: Fingerprint.Digest?) throws {
        if let memo, let fingerprint {
            try memo.write(path, data, fingerprint: fingerprint, to: self)
        } else {
            try write(path, data)
        }
    }
}
