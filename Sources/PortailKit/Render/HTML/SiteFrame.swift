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

/// A frame and the translation, as the partials read them.
struct SiteFrameContext: TemplateValue {
    let frame: SiteFrame
    let t: Any?

    func child(named name: String) -> Any? {
        switch name {
        case "t": return t
        case "lang": return frame.lang
        case "root": return frame.root
        case "filesRoot": return frame.filesRoot
        case "contentLangAttribute": return frame.contentLangAttribute
        case "siteTitle": return frame.siteTitle
        case "homeHref": return frame.homeHref
        case "menu": return frame.menu
        case "footerPublisher": return frame.footerPublisher
        case "publisherURL": return frame.publisherURL
        case "publisherURLLabel": return frame.publisherURLLabel
        case "publisherEmail": return frame.publisherEmail
        case "footerLicence": return frame.footerLicence
        case "licenceTitle": return frame.licenceTitle
        case "licenceURL": return frame.licenceURL
        default: return nil
        }
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
