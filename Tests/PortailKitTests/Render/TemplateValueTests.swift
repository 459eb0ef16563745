import Foundation
import Mustache
import Testing
@testable import PortailKit

/// Page models that templates read by name (`TemplateValue`, no reflection) must show templates
/// exactly what reflection shows: every stored property by its name, nil ones absent. A
/// property added to a model and forgotten in its `child(named:)` fails here, whether the
/// default theme uses it or not: other themes may.
@Suite("Page models read by name")
struct TemplateValueTests {
    /// Private details of a model, which templates do not see.
    /// (`renderedFrame` is what templates read as `siteNavigation` and `siteFooter`.)
    static let hidden: Set<String> = ["Chrome.markdownLinks", "Chrome.renderedFrame"]
    /// Parts of a model whose own fields templates read on the model itself (the chrome
    /// answers its frame's names).
    static let flattened: Set<String> = ["Chrome.frame"]

    /// What a template sees of `value`, as text. `byName`: a `TemplateValue` is read through
    /// `child(named:)` with the names reflection gives; otherwise everything is reflected.
    static func seen(_ value: Any, byName: Bool) -> String {
        switch value {
        case let text as String: return "\"\(text)\""
        case let number as Int: return "\(number)"
        case let number as Double: return "\(number)d"
        case let flag as Bool: return "\(flag)"
        case let strings as [String: String]: return "[" + strings.keys.sorted().map { "\($0):\(strings[$0]!)" }.joined(separator: ",") + "]"
        default: break
        }
        let mirror = Mirror(reflecting: value)
        switch mirror.displayStyle {
        case .optional:
            return mirror.children.first.map { seen($0.value, byName: byName) } ?? "nil"
        case .collection, .set:
            return "[" + mirror.children.map { seen($0.value, byName: byName) }.joined(separator: ",") + "]"
        case .struct, .class:
            let type = String(describing: Swift.type(of: value))
            let named = byName ? value as? any TemplateValue : nil
            if let named { #expect(named.child(named: "notAField") == nil, "\(type) answers an unknown name") }
            let children = mirror.children.flatMap { child -> [Mirror.Child] in
                guard let label = child.label, flattened.contains("\(type).\(label)") else { return [child] }
                return Array(Mirror(reflecting: child.value).children)
            }
            let fields = children.compactMap { child -> String? in
                guard let label = child.label, !hidden.contains("\(type).\(label)") else { return nil }
                let shown: Any? = named.map { $0.child(named: label) } ?? child.value
                return label + "=" + (shown.map { seen($0, byName: byName) } ?? "nil")
            }
            return type + "{" + fields.joined(separator: ",") + "}"
        default:
            return "\(value)"
        }
    }

    static func expectSame(_ model: Any, sourceLocation: Testing.SourceLocation = #_sourceLocation) {
        let reflected = seen(model, byName: false), named = seen(model, byName: true)
        #expect(named == reflected, sourceLocation: sourceLocation)
    }

    /// The small fixture site, in French only and in French and English (pages under `en/`,
    /// a language switch on every page).
    @Test("event, record, widget, agenda and contribution pages read by name show what reflection shows",
          arguments: [false, true])
    func sameAsReflection(bilingual: Bool) async throws {
        let root = try Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: root) }
        let content = root.appendingPathComponent("Content")
        try Fixtures.overlay(Fixtures.site("small").appendingPathComponent("Content"), onto: content)
        if bilingual {
            let site = content.appendingPathComponent("site.yaml")
            try (try String(contentsOf: site, encoding: .utf8) + "languages: [fr, en]\n").write(to: site, atomically: true, encoding: .utf8)
        }
        let (result, _) = await Fixtures.build(content: content)
        #expect(result.succeeded, "\(DiagnosticFormatter().format(result.diagnostics))")
        let catalog = try #require(result.catalog), agenda = try #require(catalog.agenda)
        let (raw, problems) = ThemeLoader(root: Fixtures.defaultTheme, displayRoot: "Themes/default").load()
        #expect(problems.isEmpty)
        let rawTheme = try #require(raw)
        let theme = try #require(Theme.compile(rawTheme, language: catalog.site.language).0)
        // A bilingual site's pages know the other language (its switch and hreflang links).
        let locales = bilingual ? Localization.site(catalog.site.languages, from: theme.localizations)
            : theme.localizations.values.sorted { $0.language < $1.language }
        #expect(!bilingual || locales.allSatisfy { $0.siteLanguages.count == 2 })
        for locale in locales {
            // Every event: with and without description, price, venue, status…
            for event in agenda.events { Self.expectSame(EventPageModel(event: event, agenda: agenda, catalog: catalog, locale: locale)) }
            let months = AgendaRenderer.months(agenda, zone: ZoneOffsets(catalog.site.timeZone))
            Self.expectSame(AgendaPageModel(agenda: agenda, catalog: catalog, locale: locale, month: nil, allMonths: months.map { ($0.year, $0.month) }))
            for month in months {
                Self.expectSame(AgendaPageModel(agenda: agenda, catalog: catalog, locale: locale, month: month, allMonths: months.map { ($0.year, $0.month) }))
            }
            let events = try #require(catalog.datasets.first { $0.id == agenda.datasetID })
            Self.expectSame(ContributePageModel(agenda: agenda, dataset: events, catalog: catalog, locale: locale))
            let venues = try #require(catalog.datasets.first { $0.id == agenda.venuesDatasetID })
            let table = try #require(venues.table)
            try RecordStream(source: table, fields: venues.fields).forEach(fieldIndexes: venues.publicFieldIndexes) { _, values in
                let keyIndex = try #require(venues.publicFields.firstIndex { $0.name == venues.key })
                guard let key = EventRows.key(values[keyIndex]) else { return }
                Self.expectSame(RecordPageModel(dataset: venues, key: key, values: values, catalog: catalog, locale: locale))
            }
        }
        for venue in agenda.venues.values { Self.expectSame(WidgetPageModel(venue: venue, agenda: agenda, catalog: catalog, theme: theme)) }
        #expect(agenda.events.count > 3)
    }

    /// The site's navigation and footer are rendered once for each frame (``SiteFrame``): the
    /// partials must read every part of the frame by its name, and nothing else, or a page
    /// would show another page's navigation.
    @Test("the navigation and footer's partials see every part of their frame, and only that")
    func siteFrame() throws {
        let frame = SiteFrame(lang: "fr-FR", root: "../../", filesRoot: "../../", contentLangAttribute: " lang=\"fr-FR\"",
                              siteTitle: "Titre", homeHref: "../../",
                              menu: [Chrome.MenuItem(title: "Agenda", href: "../../agenda/index.html", current: true)],
                              footerPublisher: "Publié par X", publisherURL: "https://x.example", publisherURLLabel: "Site",
                              publisherEmail: nil, footerLicence: "Licence", licenceTitle: "Licence Ouverte", licenceURL: "https://l.example")
        let context = SiteFrameContext(frame: frame, t: ["made_with": "Fait avec"])
        for child in Mirror(reflecting: frame).children {
            let label = try #require(child.label)
            #expect(Self.seen(context.child(named: label) as Any, byName: true) == Self.seen(child.value, byName: false), "\(label)")
        }
        #expect(context.child(named: "t") as? [String: String] == ["made_with": "Fait avec"])
        #expect(context.child(named: "pageTitle") == nil)

        // Rendered once: a second page of the same frame gets the first one's text, a page of
        // another frame (another current menu entry) its own.
        var library = MustacheLibrary()
        library.register(try MustacheTemplate(string: "{{#menu}}{{title}}{{#current}}*{{/current}} {{/menu}}{{pageTitle}}\n"),
                         named: SiteFrameCache.templates.navigation)
        let cache = SiteFrameCache()
        let first = cache.rendered(frame, t: nil, library: library)
        #expect(first.navigation == "Agenda* ")
        #expect(first.footer == nil, "the theme has no footer partial")
        #expect(cache.rendered(frame, t: nil, library: library).navigation == "Agenda* ")
        let other = SiteFrame(lang: frame.lang, root: frame.root, filesRoot: frame.filesRoot, contentLangAttribute: nil,
                              siteTitle: frame.siteTitle, homeHref: frame.homeHref,
                              menu: [Chrome.MenuItem(title: "Agenda", href: "../../agenda/index.html", current: false)],
                              footerPublisher: frame.footerPublisher, publisherURL: nil, publisherURLLabel: frame.publisherURLLabel,
                              publisherEmail: nil, footerLicence: frame.footerLicence, licenceTitle: frame.licenceTitle,
                              licenceURL: frame.licenceURL)
        #expect(cache.rendered(other, t: nil, library: library).navigation == "Agenda ")
    }
}
