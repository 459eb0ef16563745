import Crypto
import Foundation

/// A digest of the values one page is made from (a record's cells, an event's record, a
/// place), for ``PageMemo``: 128 bits of SHA-256. Each value is written with its kind
/// and its length, so that two different lists of values never run together.
struct Fingerprint {
    private var hasher = SHA256()

    mutating func add(_ values: [Value]) {
        add(integer: values.count)
        for value in values { add(value) }
    }

    mutating func add(_ value: Value) {
        switch value {
        case .null: add(tag: 0)
        case .string(let text): add(tag: 1); add(text)
        case .integer(let number): add(tag: 2); add(integer: number)
        case .number(let number): add(tag: 3); add(integer: Int(bitPattern: UInt(number.bitPattern)))
        case .boolean(let flag): add(tag: 4); add(integer: flag ? 1 : 0)
        case .date(let day): add(tag: 5); add(integer: day.daysSinceEpoch)
        case .datetime(let instant): add(tag: 6); add(integer: instant.epochSeconds); add(integer: instant.offsetSeconds)
        case .time(let seconds): add(tag: 7); add(integer: seconds)
        case .year(let year): add(tag: 8); add(integer: year)
        case .yearMonth(let year, let month): add(tag: 9); add(integer: year); add(integer: month)
        case .geopoint(let latitude, let longitude):
            add(tag: 10); add(.number(latitude)); add(.number(longitude))
        case .list(let items): add(tag: 11); add(integer: items.count); for item in items { add(item) }
        }
    }

    /// A place as events show it: every field of ``Venue`` (`FingerprintTests` checks that
    /// none is left out).
    mutating func add(_ venue: Venue?) {
        guard let venue else { return add(tag: 0) }
        add(tag: 1)
        for text in [venue.key, venue.name] { add(text) }
        for text in [venue.address, venue.city, venue.postalCode, venue.region] { add(text.map(Value.string) ?? .null) }
        for number in [venue.latitude, venue.longitude] { add(number.map(Value.number) ?? .null) }
    }

    /// Another fingerprint, whole (an event's, in its place's page).
    mutating func add(_ other: Digest) {
        withUnsafeBytes(of: other) { hasher.update(bufferPointer: $0) }
    }

    mutating func add(_ text: String) {
        var text = text
        text.withUTF8 { bytes in
            add(integer: bytes.count)
            hasher.update(bufferPointer: UnsafeRawBufferPointer(bytes))
        }
    }

    /// A count (of the events that follow, say).
    mutating func add(_ count: Int) { add(integer: count) }

    private mutating func add(integer: Int) {
        withUnsafeBytes(of: Int64(integer).littleEndian) { hasher.update(bufferPointer: $0) }
    }

    private mutating func add(tag: UInt8) {
        withUnsafeBytes(of: tag) { hasher.update(bufferPointer: $0) }
    }

    /// 128 bits of the digest: what a page's key (``PageMemo``) is made of.
    struct Digest: Sendable, Equatable {
        var high: UInt64
        var low: UInt64
    }

    var digest: Digest {
        hasher.finalize().withUnsafeBytes { raw in
            Digest(high: raw.loadUnaligned(as: UInt64.self), low: raw.loadUnaligned(fromByteOffset: 8, as: UInt64.self))
        }
    }

    static func of(_ build: (inout Fingerprint) -> Void) -> Digest {
        var fingerprint = Fingerprint()
        build(&fingerprint)
        return fingerprint.digest
    }
}
