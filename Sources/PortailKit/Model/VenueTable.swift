/// The places of an agenda, by key: sorted by key and found by binary search.
///
/// A dictionary of the 21,000 places of the benchmark's S=10 held 4.7 MB of buckets (its
/// capacity rounds up to a power of two, a quarter of it always empty) for 2.7 MB of places,
/// through the whole build.
public struct VenueTable: Sendable {
    /// Sorted by key, each key once: iterate these rather than the keys.
    public let values: [Venue]

    /// Places in any order. Keys repeat only in a file with errors, where the build stops
    /// before any page: one of them is kept.
    init(_ venues: consuming [Venue]) {
        var venues = venues
        venues.sort { $0.key < $1.key }
        var kept = 0
        for index in venues.indices {
            if kept > 0 && venues[kept - 1].key == venues[index].key { continue }
            venues.swapAt(kept, index)
            kept += 1
        }
        venues.removeLast(venues.count - kept)
        values = venues
    }

    init() {
        values = []
    }

    /// The keys, in order.
    public var keys: [String] { values.map(\.key) }

    public subscript(key: String) -> Venue? {
        var low = 0, high = values.count
        while low < high {
            let middle = (low + high) / 2
            if values[middle].key < key { low = middle + 1 } else { high = middle }
        }
        return low < values.count && values[low].key == key ? values[low] : nil
    }
}
