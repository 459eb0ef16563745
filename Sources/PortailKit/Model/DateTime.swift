/// An instant with the UTC offset it was written in (or that the site's time zone gives it).
/// Keeping the offset lets exports write `2026-12-05T20:30:00+01:00` exactly as users expect.
public struct DateTime: Sendable, Hashable, Comparable, Codable {
    /// Seconds since 1970-01-01T00:00:00Z.
    public let epochSeconds: Int
    /// Offset from UTC, in seconds, of the wall-clock time shown.
    public let offsetSeconds: Int

    public init(epochSeconds: Int, offsetSeconds: Int) {
        self.epochSeconds = epochSeconds
        self.offsetSeconds = offsetSeconds
    }

    /// The wall-clock day and time at `offsetSeconds`.
    public var local: (day: Day, secondOfDay: Int) {
        let shifted = epochSeconds + offsetSeconds
        let days = shifted >= 0 ? shifted / 86_400 : (shifted - 86_399) / 86_400
        return (Day(daysSinceEpoch: days), shifted - days * 86_400)
    }

    public static func < (lhs: DateTime, rhs: DateTime) -> Bool {
        lhs.epochSeconds < rhs.epochSeconds
    }
}
