import Foundation
import Synchronization

/// The UTC offsets of a time zone's wall-clock times, memoised: asking Foundation costs
/// microseconds, and a file of 25,000 events asks for a few hundred distinct quarter-hours.
public final class ZoneOffsets: Sendable {
    public let zone: TimeZone
    /// Offset by local quarter-hour, or nil when an offset change falls inside that quarter.
    private let cache = Mutex<[Int: Int?]>([:])

    public init(_ zone: TimeZone) {
        self.zone = zone
    }

    /// The instant of a wall-clock time (seconds since 1970 as if it were UTC) and the offset
    /// it is shown with, by RFC 5545's rules for the times that daylight-saving changes skip or
    /// repeat: a skipped time (02:30 on the spring change) is read with the offset before the
    /// change, so it is 03:30 summer time; a repeated time (02:30 on the autumn change) is its
    /// first occurrence.
    public func resolve(local: Int) -> (epoch: Int, offset: Int) {
        let slot = local >= 0 ? local / 900 : (local - 899) / 900
        if let cached = cache.withLock({ $0[slot] }), let offset = cached { return (local - offset, offset) }
        let assumed = Self.offset(ofLocal: local, in: zone)
        let epoch = local - assumed
        let real = offset(atInstant: epoch)
        // Memoise only quarter-hours with one offset throughout that exists as written.
        let start = slot * 900
        let uniform = real == assumed && Self.offset(ofLocal: start, in: zone) == assumed
            && Self.offset(ofLocal: start + 899, in: zone) == assumed
        cache.withLock { $0[slot] = uniform ? assumed : nil }
        return (epoch, real)
    }

    /// The real offset at an instant.
    public func offset(atInstant instant: Int) -> Int {
        zone.secondsFromGMT(for: Date(timeIntervalSince1970: TimeInterval(instant)))
    }

    static func offset(ofLocal local: Int, in zone: TimeZone) -> Int {
        func offsetAt(_ instant: Int) -> Int {
            zone.secondsFromGMT(for: Date(timeIntervalSince1970: TimeInterval(instant)))
        }
        let before = offsetAt(local - 43_200)
        let after = offsetAt(local + 43_200)
        let consistent = [before, after].filter { offsetAt(local - $0) == $0 }
        if let first = consistent.max() { return first }  // the larger offset is the earlier instant
        return min(before, after)
    }
}
