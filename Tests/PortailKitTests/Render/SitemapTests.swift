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
        var whole: [String: String] = [:], split: [String: String] = [:]
        try SitemapBuilder.files(catalog, urls: urls) { whole[$0] = $1 }
        try SitemapBuilder.files(catalog, urls: urls, limit: 5) { split[$0] = $1 }

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
    }
}
