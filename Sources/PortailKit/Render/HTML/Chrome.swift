/// What every page's layout shows: head metadata, the site header and menu, the footer.
final class Chrome {
    struct MenuItem: Hashable, Sendable {
        let title: String
        let href: String
        let current: Bool
        /// ` lang="…"` for a title of the content on a page in another language.
        var langAttribute: String? = nil
    }

    /// A `<link rel="alternate">` of the head: where machines find the page's metadata and feeds.
    struct Alternate {
        let type: String
        let href: String
        let title: String
    }

    /// The same page in another language (`<link rel="alternate" hreflang>`, absolute).
    struct LanguageAlternate {
        let hreflang: String
        let href: String
    }

    /// A link of the language switch: the same page in another language.
    struct LanguageLink {
        let code: String
        let name: String
        let href: String
    }

    /// The page's language, roots, site title, menu and footer: what the site's navigation and
    /// footer show, rendered once for all the pages that share it (``SiteFrame``). Templates
    /// read its names on the chrome.
    let frame: SiteFrame
    /// Prefix that leads from the page back to the root of the pages in its language (`../../`),
    /// so that every link is relative and the portal works under any sub-path. Links between
    /// pages start from it.
    var root: String { frame.root }
    /// Prefix that leads from the page to the root of the files every language shares (assets,
    /// data files, metadata, feeds, the API): `root` itself for pages in the default language,
    /// one more `../` for pages under `en/`.
    var filesRoot: String { frame.filesRoot }
    /// Prefix that leads from the page to its own folder among the shared files: `""` for pages
    /// in the default language (their files are beside them), `../../../datasets/<id>/` for
    /// `en/datasets/<id>/index.html`.
    let filesHere: String
    /// The language of the content (titles, descriptions, data), when it is not the page's:
    /// English pages show content written in the default language (and the frame's
    /// `contentLangAttribute` is then ` lang="fr-FR"`).
    let contentLang: String?
    let languageAlternates: [LanguageAlternate]
    let languageLinks: [LanguageLink]
    let hasLanguageLinks: Bool
    let pageTitle: String
    let metaDescription: String?
    let canonical: String?
    let alternates: [Alternate]
    /// Keeps search engines away (the 404 page).
    let noindex: Bool
    /// The Content-Security-Policy of the page (see ``ContentSecurityPolicy``).
    let csp: String
    /// The frame's partials as the theme rendered them, set by ``Theme/render(_:template:)``.
    var renderedFrame: SiteFrameCache.Rendered?

    /// - Parameters:
    ///   - path: the page's output path in the default language (`datasets/x/index.html`);
    ///     pages in another language are written under `<code>/` (``Localization/pathPrefix``).
    ///   - root: overrides the relative root (the 404 page is served at any depth, so it uses
    ///     the base URL's absolute path).
    init(catalog: Catalog, locale: Localization, path: String, title: String?, description: String?,
         currentMenu: String?, root: String? = nil, alternates: [Alternate] = []) {
        let site = catalog.site
        let depth = path.split(separator: "/").count - 1
        let prefix = locale.pathPrefix
        let prefixDepth = prefix.split(separator: "/").count
        let pagesRoot = root.map { $0 + prefix } ?? String(repeating: "../", count: depth)
        let filesRoot = root ?? String(repeating: "../", count: depth + prefixDepth)
        let folder = path.split(separator: "/").dropLast().map { $0 + "/" }.joined()
        filesHere = prefix.isEmpty ? "" : filesRoot + folder
        pageTitle = title.map { "\($0) · \(site.title)" } ?? site.title
        metaDescription = description.flatMap { $0.isEmpty ? nil : $0 }
        canonical = root == nil ? site.baseURL + prefix + Chrome.publicPath(path) : nil
        let languages = locale.siteLanguages
        contentLang = prefix.isEmpty ? nil : languages.first?.tag
        let contentLangAttribute = contentLang.map { " lang=\"\($0)\"" }
        // Search engines learn each page's versions; the 404 page has none to offer.
        languageAlternates = root != nil || languages.count < 2 ? [] :
            languages.map { LanguageAlternate(hreflang: $0.code, href: site.baseURL + $0.prefix(in: languages) + Chrome.publicPath(path)) }
            + [LanguageAlternate(hreflang: "x-default", href: site.baseURL + Chrome.publicPath(path))]
        languageLinks = languages.filter { $0.code != locale.language }.map {
            LanguageLink(code: $0.code, name: $0.name, href: filesRoot + $0.prefix(in: languages) + Chrome.publicPath(path))
        }
        hasLanguageLinks = !languageLinks.isEmpty
        markdownLinks = prefix.isEmpty ? nil : (folder, filesRoot)
        let homeHref = pagesRoot.isEmpty ? "./" : pagesRoot
        var items = [MenuItem(title: locale["catalogue"], href: homeHref, current: currentMenu == "")]
        if catalog.agenda != nil {
            items.append(MenuItem(title: locale["agenda_menu"], href: "\(pagesRoot)agenda/index.html", current: currentMenu == "agenda"))
        }
        switch catalog.members {
        case .encrypted:
            items.append(MenuItem(title: locale["members_menu"], href: "\(pagesRoot)members/index.html", current: currentMenu == "members"))
        case .separate(let url):
            items.append(MenuItem(title: locale["members_menu"], href: url + prefix, current: false))
        case .none, .revealed: break
        }
        for page in catalog.pages where page.menuOrder != nil {
            items.append(MenuItem(title: page.title, href: "\(pagesRoot)pages/\(page.slug).html", current: currentMenu == page.slug,
                                  langAttribute: contentLangAttribute))
        }
        frame = SiteFrame(lang: locale.tag, root: pagesRoot, filesRoot: filesRoot, contentLangAttribute: contentLangAttribute,
                          siteTitle: site.title, homeHref: homeHref, menu: items,
                          footerPublisher: locale.format("footer_published_by", ["publisher": site.publisher.name]),
                          publisherURL: site.publisher.url, publisherURLLabel: locale["website"],
                          publisherEmail: site.publisher.email, footerLicence: locale["footer_licence"],
                          licenceTitle: site.licence.title, licenceURL: site.licence.url)
        noindex = root != nil || catalog.members.isRevealed
        csp = ContentSecurityPolicy.policy(catalog)
        self.alternates = alternates.map { Alternate(type: $0.type, href: filesRoot + $0.href, title: $0.title) }
    }

    /// For pages outside the default language: the page's folder among the shared files and
    /// the path to their root, so that relative links of Markdown texts still find their files.
    private let markdownLinks: (folder: String, filesRoot: String)?

    /// HTML of a Markdown text of the content (see ``Markdown/html(_:topHeading:)``). On a page
    /// under `en/`, a relative link to a file (`../autre/autre.csv`) leads to the shared file;
    /// links to pages stay in the page's language.
    func markdown(_ text: String, topHeading: Int) -> String {
        guard let (folder, filesRoot) = markdownLinks else { return Markdown.html(text, topHeading: topHeading) }
        return Markdown.html(text, topHeading: topHeading) { url in Chrome.sharedFileURL(url, folder: folder, filesRoot: filesRoot) }
    }

    /// A relative URL written on a page of `folder` (in the default language), as a page under
    /// `<code>/` reaches it: nil (unchanged) for absolute URLs, fragments and pages, which every
    /// language has (folders, `.html` outside `embed/`); through `filesRoot` for files.
    static func sharedFileURL(_ url: String, folder: String, filesRoot: String) -> String? {
        guard let first = url.first, first != "#", first != "/", first != "?",
              url.range(of: "^[A-Za-z][A-Za-z0-9+.-]*:", options: .regularExpression) == nil else { return nil }
        let end = url.firstIndex { $0 == "?" || $0 == "#" } ?? url.endIndex
        var segments = folder.split(separator: "/").map(String.init)
        let parts = url[..<end].split(separator: "/", omittingEmptySubsequences: false).map(String.init)
        for (index, part) in parts.enumerated() {
            switch part {
            case "..":
                guard !segments.isEmpty else { return nil }  // above the site: left as written
                segments.removeLast()
            case ".": continue
            case "" where index < parts.count - 1: continue  // a doubled slash
            default: segments.append(part)
            }
        }
        if parts.last == "." || parts.last == ".." { segments.append("") }  // a folder
        let resolved = segments.joined(separator: "/")
        let isPage = (resolved.isEmpty || resolved.hasSuffix("/") || resolved.hasSuffix(".html")) && !resolved.hasPrefix("embed/")
        return isPage ? nil : filesRoot + resolved + url[end...]
    }

    /// The feed, offered on every page that lists datasets.
    static func feed(_ locale: Localization) -> Alternate {
        Alternate(type: "application/atom+xml", href: "feed.atom", title: locale["alternate_feed"])
    }

    /// The three serialisations of a DCAT description, `stem` being relative to the site root.
    static func dcat(_ stem: String, _ locale: Localization) -> [Alternate] {
        [
            Alternate(type: "text/turtle", href: stem + ".ttl", title: locale["alternate_dcat_turtle"]),
            Alternate(type: "application/rdf+xml", href: stem + ".rdf", title: locale["alternate_dcat_rdfxml"]),
            Alternate(type: "application/ld+json", href: stem + ".jsonld", title: locale["alternate_dcat_jsonld"]),
        ]
    }

    /// The address of an output file as published: `index.html` files are served as their folder.
    static func publicPath(_ path: String) -> String {
        if path == "index.html" { return "" }
        if path.hasSuffix("/index.html") { return String(path.dropLast("index.html".count)) }
        return path
    }
}

extension Chrome: TemplateValue {
    func child(named name: String) -> Any? {
        switch name {
        case "filesHere": return self.filesHere
        case "contentLang": return self.contentLang
        case "languageAlternates": return self.languageAlternates
        case "languageLinks": return self.languageLinks
        case "hasLanguageLinks": return self.hasLanguageLinks
        case "pageTitle": return self.pageTitle
        case "metaDescription": return self.metaDescription
        case "canonical": return self.canonical
        case "alternates": return self.alternates
        case "noindex": return self.noindex
        case "csp": return self.csp
        case "siteNavigation": return self.renderedFrame?.navigation
        case "siteFooter": return self.renderedFrame?.footer
        default: return frame.child(named: name)
        }
    }
}

extension Chrome.MenuItem: TemplateValue {
    func child(named name: String) -> Any? {
        switch name {
        case "title": return self.title
        case "href": return self.href
        case "current": return self.current
        case "langAttribute": return self.langAttribute
        default: return nil
        }
    }
}

extension Chrome.Alternate: TemplateValue {
    func child(named name: String) -> Any? {
        switch name {
        case "type": return self.type
        case "href": return self.href
        case "title": return self.title
        default: return nil
        }
    }
}

extension Chrome.LanguageAlternate: TemplateValue {
    func child(named name: String) -> Any? {
        switch name {
        case "hreflang": return self.hreflang
        case "href": return self.href
        default: return nil
        }
    }
}

extension Chrome.LanguageLink: TemplateValue {
    func child(named name: String) -> Any? {
        switch name {
        case "code": return self.code
        case "name": return self.name
        case "href": return self.href
        default: return nil
        }
    }
}
