import Foundation
import Testing
@testable import PortailKit

/// A page is kept when its fingerprint did not change (``PageMemo``): any difference in what it
/// shows must change the fingerprint.
@Suite("Fingerprints of pages")
struct FingerprintTests {
    static let place = Venue(key: "1", name: "Le Rex", address: "12 rue Jean Jaurès", city: "Brest", postalCode: "29200",
                             region: "Bretagne", latitude: 48.39, longitude: -4.49)

    @Test("every field of a place changes its fingerprint")
    func everyFieldOfAPlace() {
        // A field added to Venue must be added to `Fingerprint.add(_: Venue?)`, and here.
        #expect(Mirror(reflecting: Self.place).children.count == 8)
        let p = Self.place
        let variants = [
            Venue(key: "2", name: p.name, address: p.address, city: p.city, postalCode: p.postalCode, region: p.region, latitude: p.latitude, longitude: p.longitude),
            Venue(key: p.key, name: "Le Grand Rex", address: p.address, city: p.city, postalCode: p.postalCode, region: p.region, latitude: p.latitude, longitude: p.longitude),
            Venue(key: p.key, name: p.name, address: nil, city: p.city, postalCode: p.postalCode, region: p.region, latitude: p.latitude, longitude: p.longitude),
            Venue(key: p.key, name: p.name, address: p.address, city: "Brest-Plage", postalCode: p.postalCode, region: p.region, latitude: p.latitude, longitude: p.longitude),
            Venue(key: p.key, name: p.name, address: p.address, city: p.city, postalCode: "29000", region: p.region, latitude: p.latitude, longitude: p.longitude),
            Venue(key: p.key, name: p.name, address: p.address, city: p.city, postalCode: p.postalCode, region: nil, latitude: p.latitude, longitude: p.longitude),
            Venue(key: p.key, name: p.name, address: p.address, city: p.city, postalCode: p.postalCode, region: p.region, latitude: 48.4, longitude: p.longitude),
            Venue(key: p.key, name: p.name, address: p.address, city: p.city, postalCode: p.postalCode, region: p.region, latitude: p.latitude, longitude: nil),
        ]
        let digests = ([p] + variants).map { venue in Fingerprint.of { $0.add(venue) } }
        #expect(Set(digests.map { "\($0.high):\($0.low)" }).count == digests.count)
        #expect(Fingerprint.of { $0.add(Self.place) } == digests[0], "the same place, the same fingerprint")
        #expect(Fingerprint.of { $0.add(nil as Venue?) } != digests[0])
    }

    @Test("values of other kinds, or cut elsewhere, differ")
    func valuesNeverRunTogether() {
        let lists: [[Value]] = [
            [.string("ab"), .string("c")], [.string("a"), .string("bc")], [.string("abc")],
            [.string("1")], [.integer(1)], [.number(1)], [.year(1)], [.time(1)], [.boolean(true)],
            [.null], [], [.string("")], [.list([])], [.list(["ab", "c"])], [.list(["a", "bc"])],
            [.date(Day(year: 2026, month: 12, day: 2)!)], [.yearMonth(year: 2026, month: 12)],
            [.geopoint(latitude: 1, longitude: 2)], [.geopoint(latitude: 2, longitude: 1)],
            [.number(0.0)], [.number(-0.0)],
        ]
        let digests = lists.map { values in Fingerprint.of { $0.add(values) } }
        #expect(Set(digests.map { "\($0.high):\($0.low)" }).count == lists.count)
    }
}
