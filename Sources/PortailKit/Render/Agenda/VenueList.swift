/// The places an event can be proposed at: `agenda/venues.json`, which the contribution
/// form's place field loads as its suggestions. An agenda's places run to thousands (2,100
/// cinemas; 21,000 in the benchmark's S=10), too many for a `<select>` in the page: the list
/// is a file of its own, fetched once and cached by the browser, and written row by row.
///
///     {"venues": [{"id": "814", "name": "Le Rex", "city": "Brest", "region": "Bretagne"}, …]}
///
/// Ordered by region, then name, then identifier (names folded for sorting); `city` and
/// `region` are left out when the place has none.
enum VenueList {
    static let path = "agenda/venues.json"

    static func ordered(_ agenda: Agenda) -> [Venue] {
        // Each name folded once, not at every comparison.
        agenda.venues.values.map { (region: CatalogBuilder.sortKey($0.region ?? ""), name: CatalogBuilder.sortKey($0.name), venue: $0) }
            .sorted { ($0.region, $0.name, $0.venue.key) < ($1.region, $1.name, $1.venue.key) }
            .map(\.venue)
    }

    static func write(_ agenda: Agenda, to out: any OutputDestination) throws {
        let w = try out.open(path)
        w.write("{\"venues\":[")
        for (index, venue) in ordered(agenda).enumerated() {
            w.write(index == 0 ? "\n{\"id\":" : ",\n{\"id\":")
            ValueEncoding.jsonString(venue.key, into: w)
            w.write(",\"name\":")
            ValueEncoding.jsonString(venue.name, into: w)
            for (name, value) in [("city", venue.city), ("region", venue.region)] {
                guard let value, !value.isEmpty else { continue }
                w.write(",\"\(name)\":")
                ValueEncoding.jsonString(value, into: w)
            }
            w.write(byte: UInt8(ascii: "}"))
            w.flushIfNeeded()
        }
        w.write("\n]}\n")
        _ = try w.close()
    }
}
