import Foundation

/// `sitemap.xml` (sitemaps.org 0.9) with every public page, and `robots.txt` pointing at it.
/// The 404 page is left out: it is not content for search engines.
enum SitemapBuilder {
    /// The most URLs a sitemap may list (sitemaps.org); a portal with more gets a sitemap
    /// index at `sitemap.xml`, over `sitemap-1.xml`, `sitemap-2.xml`…
    static let maxURLs = 50_000

    /// `sitemap.xml`, and the sitemaps it indexes when there are more than ``maxURLs`` pages,
    /// each streamed to a file of `destination`. Pages are listed as they are counted, never
    /// held in a list (one entry for each of 250,000 events was 26 MB at the benchmark's
    /// S=10), and a sitemap of 50,000 URLs (5 MB) is never one string. Returns how many files.
    @discardableResult
    static func files(_ catalog: Catalog, urls: SiteURLs, limit: Int = maxURLs, to destination: any OutputDestination) throws -> Int {
        let months = monthPaths(catalog)
        let split = pageCount(catalog, months: months) > limit
        var index = "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<sitemapindex xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n"
        var number = 0, count = 0, latest: Day?
        var out: ByteWriter?
        func close() throws {
            guard let writer = out else { return }
            writer.write("</urlset>\n")
            _ = try writer.close()
            out = nil
            index += "  <sitemap><loc>\(AtomFeedBuilder.xml(urls.absolute(writer.path)))</loc>"
            if let latest { index += "<lastmod>\(latest)</lastmod>" }
            index += "</sitemap>\n"
            count = 0
            latest = nil
        }
        try forEachPage(catalog, months: months) { path, modified in
            if out == nil {
                number += 1
                out = try destination.open(split ? "sitemap-\(number).xml" : "sitemap.xml")
                out!.write("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n")
            }
            out!.write("  <url><loc>\(AtomFeedBuilder.xml(urls.absolute(path)))</loc>")
            if let modified {
                out!.write("<lastmod>\(modified)</lastmod>")
                if latest.map({ $0 < modified }) ?? true { latest = modified }
            }
            out!.write("</url>\n")
            count += 1
            if count == limit { try close() }
        }
        try close()
        guard split else { return number }
        try destination.write("sitemap.xml", Data((index + "</sitemapindex>\n").utf8))
        return number + 1
    }

    /// The agenda's month pages, in the order of their paths.
    private static func monthPaths(_ catalog: Catalog) -> [String] {
        guard let agenda = catalog.agenda else { return [] }
        return AgendaRenderer.months(agenda, zone: ZoneOffsets(catalog.site.timeZone)).flatMap { month in
            (1...month.partCount).map { EventPaths.month(year: month.year, month: month.month, part: $0) }
        }.sorted()
    }

    /// How many pages ``forEachPage(_:months:_:)`` lists.
    private static func pageCount(_ catalog: Catalog, months: [String]) -> Int {
        var count = 1 + catalog.datasets.count + catalog.pages.count
        for dataset in catalog.datasets where dataset.hasRecordPages { count += dataset.recordKeys.count }
        if let agenda = catalog.agenda { count += 2 + agenda.events.count + months.count }
        return count * (1 + catalog.site.languages.dropFirst().count)
    }

    /// Every public page, as a path from the site root and its date of change when known.
    /// Pages in the other interface languages follow, under `<code>/`.
    private static func forEachPage(_ catalog: Catalog, months: [String], _ body: (String, Day?) throws -> Void) rethrows {
        for prefix in [""] + catalog.site.languages.dropFirst().map({ $0 + "/" }) {
            try body(prefix, catalog.datasets.map(\.modified).max())
            for dataset in catalog.datasets { try body(prefix + "datasets/\(dataset.id)/", dataset.modified) }
            for page in catalog.pages { try body(prefix + "pages/\(page.slug).html", nil) }
            for dataset in catalog.datasets where dataset.hasRecordPages {
                for key in dataset.recordKeys { try body(prefix + "datasets/\(dataset.id)/\(key).html", dataset.modified) }
            }
            if let agenda = catalog.agenda {
                try body(prefix + "agenda/index.html", nil)
                try body(prefix + "agenda/contribuer.html", nil)
                for entry in agenda.events.entries { try body(prefix + EventPaths.page(agenda.events.id(of: entry)), entry.updatedDay) }
                for month in months { try body(prefix + month, nil) }
            }
        }
    }

    static func robots(urls: SiteURLs, indexed: Bool = true) -> String {
        // The members' tree must not be crawled, even if its host lets a robot in.
        guard indexed else { return "User-agent: *\nDisallow: /\n" }
        return "User-agent: *\nAllow: /\n\nSitemap: \(urls.absolute("sitemap.xml"))\n"
    }
}
