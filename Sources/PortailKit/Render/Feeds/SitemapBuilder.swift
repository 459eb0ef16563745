/// `sitemap.xml` (sitemaps.org 0.9) with every public page, and `robots.txt` pointing at it.
/// The 404 page is left out: it is not content for search engines.
enum SitemapBuilder {
    /// The most URLs a sitemap may list (sitemaps.org); a portal with more gets a sitemap
    /// index at `sitemap.xml`, over `sitemap-1.xml`, `sitemap-2.xml`…
    static let maxURLs = 50_000

    /// `sitemap.xml`, and the sitemaps it indexes when there are more than ``maxURLs`` pages,
    /// each passed to `emit` as it is made.
    static func files(_ catalog: Catalog, urls: SiteURLs, limit: Int = maxURLs, _ emit: (String, String) throws -> Void) rethrows {
        let entries = pages(catalog)
        guard entries.count > limit else {
            try emit("sitemap.xml", urlset(entries[...], urls: urls))
            return
        }
        var index = "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<sitemapindex xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n"
        for (number, start) in stride(from: 0, to: entries.count, by: limit).enumerated() {
            let part = entries[start..<min(start + limit, entries.count)]
            let path = "sitemap-\(number + 1).xml"
            try emit(path, urlset(part, urls: urls))
            index += "  <sitemap><loc>\(AtomFeedBuilder.xml(urls.absolute(path)))</loc>"
            if let modified = part.compactMap(\.1).max() { index += "<lastmod>\(modified)</lastmod>" }
            index += "</sitemap>\n"
        }
        try emit("sitemap.xml", index + "</sitemapindex>\n")
    }

    private static func urlset(_ entries: ArraySlice<(String, Day?)>, urls: SiteURLs) -> String {
        var out = "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n"
        for (path, modified) in entries {
            out += "  <url><loc>\(AtomFeedBuilder.xml(urls.absolute(path)))</loc>"
            if let modified { out += "<lastmod>\(modified)</lastmod>" }
            out += "</url>\n"
        }
        return out + "</urlset>\n"
    }

    /// Every public page, as a path from the site root and its date of change when known.
    private static func pages(_ catalog: Catalog) -> [(String, Day?)] {
        // Paths from the site root; pages in the other interface languages follow, under `<code>/`.
        var pages: [(String, Day?)] = [("", catalog.datasets.map(\.modified).max())]
        pages += catalog.datasets.map { ("datasets/\($0.id)/", $0.modified) }
        pages += catalog.pages.map { ("pages/\($0.slug).html", nil) }
        for dataset in catalog.datasets where dataset.hasRecordPages {
            pages += dataset.recordKeys.map { ("datasets/\(dataset.id)/\($0).html", dataset.modified) }
        }
        if let agenda = catalog.agenda {
            pages.append(("agenda/index.html", nil))
            pages.append(("agenda/contribuer.html", nil))
            for event in agenda.events.entries {
                pages.append((EventPaths.page(event.id), event.updated?.local.day))
            }
            let months = AgendaRenderer.months(agenda, zone: ZoneOffsets(catalog.site.timeZone)).flatMap { month in
                (1...month.partCount).map { EventPaths.month(year: month.year, month: month.month, part: $0) }
            }
            pages += months.sorted().map { ($0, nil) }
        }
        let prefixes = [""] + catalog.site.languages.dropFirst().map { $0 + "/" }
        return prefixes.flatMap { prefix in pages.map { (prefix + $0.0, $0.1) } }
    }

    static func robots(urls: SiteURLs, indexed: Bool = true) -> String {
        // The members' tree must not be crawled, even if its host lets a robot in.
        guard indexed else { return "User-agent: *\nDisallow: /\n" }
        return "User-agent: *\nAllow: /\n\nSitemap: \(urls.absolute("sitemap.xml"))\n"
    }
}
