import Foundation
import Testing
@testable import PortailKit

/// What a build remembers of its pages one by one (``PageMemo``), and the next one keeps.
@Suite("Pages kept one by one")
struct PageMemoTests {
    static func fingerprint(_ n: Int) -> Fingerprint.Digest { Fingerprint.of { $0.add(.integer(n)) } }

    @Test("the pages survive the cache file, and only those with the same path, fingerprint and base are kept")
    func roundTrip() throws {
        // More pages than one piece of the base64 text (1,023), so that pieces are joined.
        let paths = (0..<2_500).map { "agenda/events/e\($0).html" }
        let first = PageMemo(base: "base", previous: nil)
        #expect(first.isEmpty)
        let output = MemoryOutput()
        for (n, path) in paths.enumerated() {
            try first.write(path, Data(repeating: 65, count: n % 7 + 1), fingerprint: Self.fingerprint(n), to: output)
        }
        let pages = first.finish()
        let json = ByteWriter.collect { pages.write(into: $0) }
        let read = try JSONDecoder().decode(PageMemo.Pages.self, from: Data(json))
        #expect(read.base == "base" && read.records.count == paths.count)
        #expect(read.records.map(\.size) == pages.records.map(\.size))
        #expect(zip(read.records, pages.records).allSatisfy { $0 == $1 })

        let second = PageMemo(base: "base", previous: read)
        let previous = MemoryOutput(previous: output.files)
        #expect(try second.keep([paths[1_234]], fingerprint: Self.fingerprint(1_234), in: previous))
        #expect(try !second.keep([paths[1_235]], fingerprint: Self.fingerprint(1), in: previous), "another fingerprint")
        #expect(try !second.keep([paths[1_236]], fingerprint: Self.fingerprint(1_235), in: previous), "another page's fingerprint")
        #expect(second.kept == 1)
        #expect(previous.kept == [paths[1_234]])
        // The size of a kept page is the one it was written with.
        #expect(second.finish().records.map(\.size) == [UInt32(1_234 % 7 + 1)])

        let otherBase = PageMemo(base: "another theme", previous: read)
        #expect(otherBase.isEmpty)
        #expect(try !otherBase.keep([paths[0]], fingerprint: Self.fingerprint(0), in: MemoryOutput(previous: output.files)))
    }
}
