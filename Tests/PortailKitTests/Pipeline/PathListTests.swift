import Foundation
import Testing
@testable import PortailKit

/// The render cache's packed lists of output paths.
@Suite("Path lists")
struct PathListTests {
    /// Paths with long shared beginnings, none, a path that is the beginning of the next,
    /// non-ASCII ones and one in another language's folder; more than one 64 KiB chunk.
    static let paths: [String] = {
        var paths = ["index.html", "agenda/events/ev1.html", "agenda/events/ev1.htmlx", "agenda/events/ev1.html", "a",
                     "datasets/cinémas/ciné-1.html", "datasets/cinémas/ciné-2.html", "en/datasets/cinémas/ciné-2.html", ""]
        for number in 0..<20_000 {
            paths.append("agenda/events/ev\(number).html")
            paths.append("agenda/events/ev\(number).ics")
        }
        return paths
    }()

    @Test("gives back every path added, in order, through the cache file's JSON")
    func roundTrip() throws {
        let list = PathList(Self.paths)
        #expect(list.count == Self.paths.count)
        #expect(Array(list) == Self.paths)
        let data = Data(ByteWriter.collect { list.writeJSON(into: $0) })
        // Shared beginnings are written once: far less than the paths' own bytes.
        #expect(data.count < Self.paths.map(\.utf8.count).reduce(0, +) / 2)
        // Full chunks are held compressed: a fraction of the packed text.
        #expect(list.heldBytes < data.count / 3)
        let decoded = try JSONDecoder().decode(PathList.self, from: data)
        #expect(Array(decoded) == Self.paths)

        var joined = PathList(Self.paths.prefix(3))
        joined.append(contentsOf: PathList(Self.paths.dropFirst(3)))
        #expect(Array(joined) == Self.paths)
    }

    @Test("a damaged cache text is refused, not read as other paths", arguments: [
        "\"5 index.html\\n\"", "\"0 index.html\"", "\"x index.html\\n\"", "\"0index.html\\n\"", "\"1234567 a\\n\"",
    ])
    func damaged(_ json: String) {
        #expect(throws: DecodingError.self) { try JSONDecoder().decode(PathList.self, from: Data(json.utf8)) }
    }
}
