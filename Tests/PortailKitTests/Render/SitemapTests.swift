import Foundation
import Testing
@testable import PortailKit

/// sitemaps.org allows 50,000 URLs per sitemap: beyond, `sitemap.xml` becomes an index.
@Suite("Sitemap")
struct SitemapTests {
    static func locs(_ xml: String) -> [String] {
        xml.components(separatedBy: "<loc>").dropFirst().map { String($0.prefix { $0 != "<" }) }
    }

    @Test("over the limit, sitemap.xml indexes sitemaps that list every page once, in order")
    func index() async throws {
        let (result, _) = await Fixtures.build(content: Fixtures.site("small").appendingPathComponent("Content"))
        let catalog = try #require(result.catalog)
        let urls = SiteURLs(catalog.site)
        let wholeOutput = MemoryOutput(), splitOutput = MemoryOutput()
        #expect(try SitemapBuilder.files(catalog, urls: urls, to: wholeOutput) == 1)
        let count = try SitemapBuilder.files(catalog, urls: urls, limit: 5, to: splitOutput)
        let whole = wholeOutput.files.mapValues { String(decoding: $0, as: UTF8.self) }
        let split = splitOutput.files.mapValues { String(decoding: $0, as: UTF8.self) }
        #expect(count == split.count)

        let all = Self.locs(try #require(whole["sitemap.xml"]))
        #expect(Array(whole.keys) == ["sitemap.xml"])
        #expect(all.count > 10)
        let index = try #require(split["sitemap.xml"])
        #expect(index.contains("<sitemapindex xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">"))
        let parts = (1...(all.count + 4) / 5).map { "sitemap-\($0).xml" }
        #expect(Self.locs(index) == parts.map { urls.absolute($0) })
        #expect(Set(split.keys) == Set(parts + ["sitemap.xml"]))
        let listed = try parts.flatMap { Self.locs(try #require(split[$0])) }
        #expect(listed == all)
        #expect(try parts.allSatisfy { Self.locs(try #require(split[$0])).count <= 5 })

        // Exactly the limit is one sitemap; one page fewer per sitemap, an index over two.
        #expect(try SitemapBuilder.files(catalog, urls: urls, limit: all.count, to: MemoryOutput()) == 1)
        let two = MemoryOutput()
        #expect(try SitemapBuilder.files(catalog, urls: urls, limit: all.count - 1, to: two) == 3)
        #expect(Self.locs(String(decoding: try #require(two.files["sitemap-2.xml"]), as: UTF8.self)) == [all.last!])
    }
}
