import Foundation
import Mustache

/// A theme ready to render: its templates parsed, its translation for the site's language
/// read, its assets listed.
public struct Theme: Sendable {
    let library: MustacheLibrary
    public let localization: Localization
    /// Every language of the theme, for views that switch language in the browser (widgets).
    public let localizations: [String: Localization]
    let assets: [(path: String, url: URL)]
    /// The site's navigation and footer, rendered once for each of their frames (``SiteFrame``).
    let frames = SiteFrameCache()

    /// Templates every theme must provide.
    static let requiredTemplates = ["layout", "index", "dataset", "page", "404", "embed", "agenda", "event", "record", "widget", "contribute"]

    /// Parses the templates and the translation; every problem becomes a diagnostic with the
    /// template's `file:line:column`.
    static func compile(_ raw: RawTheme, language: String) -> (Theme?, [Diagnostic]) {
        var diagnostics: [Diagnostic] = []
        var library = MustacheLibrary()
        // Values are escaped by ``EscapedHTML``: a pragma on a line of its own before the
        // template's first line selects it, and is left out of the output (a standalone tag).
        EscapedHTML.registered
        let pragma = "{{% CONTENT_TYPE: \(EscapedHTML.name) }}\n"
        for name in raw.templates.keys.sorted() {
            let file = raw.templates[name]!
            do {
                library.register(try MustacheTemplate(string: pragma + file.text), named: name)
            } catch let error as MustacheTemplate.ParserError {
                // The pragma's line comes before the file's first.
                diagnostics.append(file.diagnostic(.template, "template syntax: \(describe(error.error))",
                                                   line: error.context.lineNumber - 1, column: error.context.columnNumber))
            } catch {
                diagnostics.append(file.diagnostic(.template, "template syntax: \(error)", line: 1, column: 1))
            }
        }
        for name in requiredTemplates where raw.templates[name] == nil {
            diagnostics.append(Diagnostic(.template, "the theme has no '\(name).mustache' template",
                                          at: .file("\(raw.displayRoot)/templates")))
        }
        var localizations: [String: Localization] = [:]
        for code in raw.translations.keys.sorted() {
            let (read, problems) = Localization.read(raw.translations[code]!, language: code)
            localizations[code] = read
            diagnostics += problems
        }
        let localization = localizations[language]
        // A language without translation file is reported by the site rules, at `language:`.
        guard diagnostics.isEmpty, let localization else { return (nil, diagnostics) }
        return (Theme(library: library, localization: localization, localizations: localizations, assets: raw.assets), [])
    }

    private static func describe(_ error: Error) -> String {
        switch error as? MustacheTemplate.Error {
        case .sectionCloseNameIncorrect?: return "this closing tag does not match the open section"
        case .unfinishedName?: return "this tag is not closed with }}"
        case .expectedSectionEnd?: return "a section is opened but never closed"
        case .invalidSetDelimiter?: return "invalid set-delimiter tag"
        default: return "\(error)"
        }
    }

    /// Renders a page's view model with a template.
    func render(_ model: Any, template: String) throws -> String {
        let prepared = TemplateContext.prepare(model) ?? model
        if let page = prepared as? any MustacheParent, let chrome = page.child(named: "chrome") as? Chrome {
            chrome.renderedFrame = frames.rendered(chrome.frame, t: page.child(named: "t"), library: library)
        }
        guard let html = library.render(prepared, withTemplate: template) else {
            throw OutputError("the theme has no '\(template)' template")
        }
        return html
    }
}
