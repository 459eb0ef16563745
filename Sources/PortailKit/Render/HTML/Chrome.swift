/// What every page's layout shows: head metadata, the site header and menu, the footer.
struct Chrome {
    struct MenuItem {
        let title: String
        let href: String
        let current: Bool
    }

    /// A `<link rel="alternate">` of the head: where machines find the page's metadata and feeds.
    struct Alternate {
        let type: String
        let href: String
        let title: String
    }

    let lang: String
    /// Prefix that leads from the page back to the site root (`../../`), so that every link is
    /// relative and the portal works under any sub-path.
    let root: String
    let pageTitle: String
    let metaDescription: String?
    let canonical: String?
    let siteTitle: String
    let homeHref: String
    let menu: [MenuItem]
    let footerPublisher: String
    let publisherURL: String?
    let publisherURLLabel: String
    let publisherEmail: String?
    let footerLicence: String
    let licenceTitle: String
    let licenceURL: String
    let alternates: [Alternate]
    /// Keeps search engines away (the 404 page).
    let noindex: Bool
    /// The Content-Security-Policy of the page (see ``ContentSecurityPolicy``).
    let csp: String

    /// - Parameters:
    ///   - path: the page's output path (`datasets/x/index.html`).
    ///   - root: overrides the relative root (the 404 page is served at any depth, so it uses
    ///     the base URL's absolute path).
    init(catalog: Catalog, locale: Localization, path: String, title: String?, description: String?,
         currentMenu: String?, root: String? = nil, alternates: [Alternate] = []) {
        let site = catalog.site
        let depth = path.split(separator: "/").count - 1
        self.root = root ?? String(repeating: "../", count: depth)
        lang = locale.tag
        pageTitle = title.map { "\($0) · \(site.title)" } ?? site.title
        metaDescription = description.flatMap { $0.isEmpty ? nil : $0 }
        canonical = root == nil ? site.baseURL + Chrome.publicPath(path) : nil
        siteTitle = site.title
        homeHref = self.root.isEmpty ? "./" : self.root
        var items = [MenuItem(title: locale["catalogue"], href: homeHref, current: currentMenu == "")]
        if catalog.agenda != nil {
            items.append(MenuItem(title: locale["agenda_menu"], href: "\(self.root)agenda/index.html", current: currentMenu == "agenda"))
        }
        switch catalog.members {
        case .encrypted:
            items.append(MenuItem(title: locale["members_menu"], href: "\(self.root)members/index.html", current: currentMenu == "members"))
        case .separate(let url):
            items.append(MenuItem(title: locale["members_menu"], href: url, current: false))
        case .none, .revealed: break
        }
        for page in catalog.pages where page.menuOrder != nil {
            items.append(MenuItem(title: page.title, href: "\(self.root)pages/\(page.slug).html", current: currentMenu == page.slug))
        }
        menu = items
        footerPublisher = locale.format("footer_published_by", ["publisher": site.publisher.name])
        publisherURL = site.publisher.url
        publisherURLLabel = locale["website"]
        publisherEmail = site.publisher.email
        footerLicence = locale["footer_licence"]
        licenceTitle = site.licence.title
        licenceURL = site.licence.url
        noindex = root != nil || catalog.members.isRevealed
        csp = ContentSecurityPolicy.policy(catalog)
        let prefix = self.root
        self.alternates = alternates.map { Alternate(type: $0.type, href: prefix + $0.href, title: $0.title) }
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
