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

    /// Positions in `agenda.venues.values`, in the list's order. One folded string per place
    /// ("region\0name\0key": `\0` sorts below any character, so the strings sort as the triples
    /// would), sorted in place: copying and sorting the 21,000 places of the S=10 benchmark
    /// themselves, with their sort keys beside them, held 7 MB for a moment.
    static func order(_ agenda: Agenda) -> [Int] {
        var keys = agenda.venues.values.enumerated().map { index, venue in
            (CatalogBuilder.sortKey(venue.region ?? "") + "\0" + CatalogBuilder.sortKey(venue.name) + "\0" + venue.key, index)
        }
        keys.sort { $0.0 < $1.0 }
        return keys.map(\.1)
    }

    static func write(_ agenda: Agenda, to out: any OutputDestination) throws {
        let w = try out.open(path)
        w.write("{\"venues\":[")
        let venues = agenda.venues.values
        for (position, index) in order(agenda).enumerated() {
            let venue = venues[index]
            w.write(position == 0 ? "\n{\"id\":" : ",\n{\"id\":")
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
