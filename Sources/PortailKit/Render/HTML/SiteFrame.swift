import Mustache
import Synchronization

/// What the site's navigation (its title and menu) and its footer show: the same on every page
/// of a kind, depth and language. The theme renders `partials/site-navigation` and
/// `partials/site-footer` once for each frame, and every page's layout places them
/// (`{{{siteNavigation}}}`, `{{{siteFooter}}}` of the chrome): the 25,000 event pages of the
/// benchmark's S=1 all have one frame, and rendering it in each of them was a tenth of a build.
///
/// The partials see the frame's names and `t` (the translation), nothing of the page: what
/// they print depends on nothing else, so one rendering serves every page of the frame. The
/// language switch names the page itself and stays in the layout.
struct SiteFrame: Hashable, Sendable {
    let lang: String
    let root: String
    let filesRoot: String
    /// ` lang="fr-FR"` for the elements holding content, on pages in another language; nil
    /// (nothing) otherwise.
    let contentLangAttribute: String?
    let siteTitle: String
    let homeHref: String
    let menu: [Chrome.MenuItem]
    let footerPublisher: String
    let publisherURL: String?
    let publisherURLLabel: String
    let publisherEmail: String?
    let footerLicence: String
    let licenceTitle: String
    let licenceURL: String
}

extension SiteFrame: TemplateValue {
    func child(named name: String) -> Any? {
        switch name {
        case "lang": return lang
        case "root": return root
        case "filesRoot": return filesRoot
        case "contentLangAttribute": return contentLangAttribute
        case "siteTitle": return siteTitle
        case "homeHref": return homeHref
        case "menu": return menu
        case "footerPublisher": return footerPublisher
        case "publisherURL": return publisherURL
        case "publisherURLLabel": return publisherURLLabel
        case "publisherEmail": return publisherEmail
        case "footerLicence": return footerLicence
        case "licenceTitle": return licenceTitle
        case "licenceURL": return licenceURL
        default: return nil
        }
    }
}

/// A frame and the translation, as the partials read them.
struct SiteFrameContext: TemplateValue {
    let frame: SiteFrame
    let t: Any?

    func child(named name: String) -> Any? {
        name == "t" ? t : frame.child(named: name)
    }
}

/// The frames a build has rendered: a handful (kinds of page × depths × languages, and a
/// menu entry for each Markdown page of the menu), each a few hundred bytes.
final class SiteFrameCache: Sendable {
    struct Rendered: Sendable {
        let navigation: String?
        let footer: String?
    }

    static let templates = (navigation: "partials/site-navigation", footer: "partials/site-footer")
    private let rendered = Mutex<[SiteFrame: Rendered]>([:])

    /// The frame's partials, rendered by `library` with the translation `t` the first time a
    /// page shows the frame; nil for a partial the theme does not have.
    func rendered(_ frame: SiteFrame, t: Any?, library: MustacheLibrary) -> Rendered {
        if let found = rendered.withLock({ $0[frame] }) { return found }
        let context = SiteFrameContext(frame: frame, t: t)
        // A partial's file ends with a newline; the layout places it on a line of its own.
        func render(_ template: String) -> String? {
            guard library.getTemplate(named: template) != nil,
                  let text = library.render(context, withTemplate: template) else { return nil }
            return text.hasSuffix("\n") ? String(text.dropLast()) : text
        }
        let made = Rendered(navigation: render(Self.templates.navigation), footer: render(Self.templates.footer))
        rendered.withLock { $0[frame] = made }
        return made
    }
}
