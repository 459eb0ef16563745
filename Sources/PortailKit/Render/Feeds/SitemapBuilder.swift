/// `sitemap.xml` (sitemaps.org 0.9) with every public page, and `robots.txt` pointing at it.
/// The 404 page is left out: it is not content for search engines.
enum SitemapBuilder {
    static func sitemap(_ catalog: Catalog, urls: SiteURLs) -> String {
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
            let zone = ZoneOffsets(catalog.site.timeZone)
            var months: [String] = []
            for event in agenda.events.entries {
                let day = DateTime(epochSeconds: event.start.epochSeconds, offsetSeconds: zone.offset(atInstant: event.start.epochSeconds)).local.day
                let path = EventPaths.month(year: day.year, month: day.month)
                if !months.contains(path) { months.append(path) }
                pages.append((EventPaths.page(event.id), event.updated?.local.day))
            }
            pages += months.sorted().map { ($0, nil) }
        }
        let prefixes = [""] + catalog.site.languages.dropFirst().map { $0 + "/" }
        let entries = prefixes.flatMap { prefix in pages.map { (urls.absolute(prefix + $0.0), $0.1) } }
        var out = "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n"
        for (loc, modified) in entries {
            out += "  <url><loc>\(AtomFeedBuilder.xml(loc))</loc>"
            if let modified { out += "<lastmod>\(modified)</lastmod>" }
            out += "</url>\n"
        }
        return out + "</urlset>\n"
    }

    static func robots(urls: SiteURLs, indexed: Bool = true) -> String {
        // The members' tree must not be crawled, even if its host lets a robot in.
        guard indexed else { return "User-agent: *\nDisallow: /\n" }
        return "User-agent: *\nAllow: /\n\nSitemap: \(urls.absolute("sitemap.xml"))\n"
    }
}
