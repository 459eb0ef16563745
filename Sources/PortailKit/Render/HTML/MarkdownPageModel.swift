/// View model of `pages/<slug>.html`.
struct MarkdownPageModel {
    let chrome: Chrome
    let t: [String: String]
    let title: String
    let bodyHTML: String

    init(page: Page, catalog: Catalog, locale: Localization) {
        let description = page.description ?? CatalogBuilder.summary(of: page.markdown)
        chrome = Chrome(catalog: catalog, locale: locale, path: "pages/\(page.slug).html", title: page.title,
                        description: description, currentMenu: page.slug)
        t = locale.strings
        title = page.title
        bodyHTML = chrome.markdown(page.markdown, topHeading: 2)
    }
}

/// View model of `404.html`, which static hosts serve for any missing address.
struct NotFoundPageModel {
    let chrome: Chrome
    let t: [String: String]
    let title: String
    let message: String
    let linkLabel: String

    init(catalog: Catalog, locale: Localization) {
        // Served at any depth, so its links start from the base URL's path instead of being relative.
        let basePath = URLPath.path(of: catalog.site.baseURL)
        chrome = Chrome(catalog: catalog, locale: locale, path: "404.html", title: locale["not_found_title"],
                        description: nil, currentMenu: nil, root: basePath)
        t = locale.strings
        title = locale["not_found_title"]
        message = locale["not_found_text"]
        linkLabel = locale["not_found_link"]
    }
}

enum URLPath {
    /// `https://example.org/portail/` → `/portail/`.
    static func path(of absoluteURL: String) -> String {
        guard let schemeEnd = absoluteURL.range(of: "://") else { return "/" }
        let rest = absoluteURL[schemeEnd.upperBound...]
        guard let slash = rest.firstIndex(of: "/") else { return "/" }
        return String(rest[slash...])
    }
}
