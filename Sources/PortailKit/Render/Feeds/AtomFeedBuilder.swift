/// `feed.atom`: the datasets as an Atom feed (RFC 4287), newest modification first, so that
/// users and aggregators follow updates. Entry ids are the datasets' page URLs: stable.
enum AtomFeedBuilder {
    static func feed(_ catalog: Catalog, urls: SiteURLs, locale: Localization) -> String {
        let datasets = catalog.datasets.sorted { ($0.modified, $1.id) > ($1.modified, $0.id) }
        var out = "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n"
        out += "<feed xmlns=\"http://www.w3.org/2005/Atom\" xml:lang=\"\(catalog.site.language)\">\n"
        out += "  <id>\(xml(urls.base))</id>\n"
        out += "  <title>\(xml(catalog.site.title))</title>\n"
        if !catalog.site.description.isEmpty {
            out += "  <subtitle>\(xml(CatalogBuilder.summary(of: catalog.site.description)))</subtitle>\n"
        }
        out += "  <updated>\(timestamp(datasets.first?.modified ?? catalog.buildDate))</updated>\n"
        out += "  <link rel=\"self\" type=\"application/atom+xml\" href=\"\(xml(urls.absolute("feed.atom")))\"/>\n"
        out += "  <link rel=\"alternate\" type=\"text/html\" href=\"\(xml(urls.base))\"/>\n"
        out += "  <author><name>\(xml(catalog.site.publisher.name))</name>"
        if let url = catalog.site.publisher.url { out += "<uri>\(xml(url))</uri>" }
        out += "</author>\n"
        out += "  <generator>Portail</generator>\n"
        for dataset in datasets {
            out += "  <entry>\n"
            out += "    <id>\(xml(urls.datasetPage(dataset)))</id>\n"
            out += "    <title>\(xml(dataset.title))</title>\n"
            out += "    <updated>\(timestamp(dataset.modified))</updated>\n"
            if let issued = dataset.issued { out += "    <published>\(timestamp(issued))</published>\n" }
            out += "    <link rel=\"alternate\" type=\"text/html\" href=\"\(xml(urls.datasetPage(dataset)))\"/>\n"
            out += "    <summary>\(xml(dataset.summary))</summary>\n"
            for keyword in dataset.keywords { out += "    <category term=\"\(xml(keyword))\"/>\n" }
            out += "  </entry>\n"
        }
        return out + "</feed>\n"
    }

    /// Dates are days; Atom wants an instant: midnight UTC of that day.
    static func timestamp(_ day: Day) -> String { "\(day)T00:00:00Z" }

    static func xml(_ text: String) -> String {
        ByteEscaping.escape(text) { byte in
            switch byte {
            case UInt8(ascii: "&"): "&amp;"
            case UInt8(ascii: "<"): "&lt;"
            case UInt8(ascii: ">"): "&gt;"
            case UInt8(ascii: "\""): "&quot;"
            // XML 1.0 allows no control character but tab and line breaks.
            case ..<0x20 where byte != UInt8(ascii: "\n") && byte != UInt8(ascii: "\t"): ""
            default: nil
            }
        }
    }
}
