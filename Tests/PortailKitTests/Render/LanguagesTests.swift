import Foundation
import Testing
@testable import PortailKit

/// A site with `languages: [fr, en]`: its pages in English under `en/`, linked to the French
/// ones both ways, every link of an English page leading to a file of the output, and the
/// files every language shares (data, exports, metadata, feeds, assets) written once.
@Suite("Interface languages")
struct LanguagesTests {
    static let base = "https://essai.example/portail/"

    /// The small fixture site with English enabled, and a page whose Markdown links to a page
    /// and to a data file relatively.
    static func build() async throws -> [String: Data] {
        let root = try Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: root) }
        let content = root.appendingPathComponent("Content")
        try Fixtures.overlay(Fixtures.site("small").appendingPathComponent("Content"), onto: content)
        let site = content.appendingPathComponent("site.yaml")
        try (try String(contentsOf: site, encoding: .utf8) + "languages: [fr, en]\n").write(to: site, atomically: true, encoding: .utf8)
        try """
            ---
            title: Liens
            ---
            Les [salles](../datasets/salles/), leur [fichier CSV](../datasets/salles/salles.csv), le [flux](../feed.atom#haut)
            et le [catalogue](../).
            """.write(to: content.appendingPathComponent("pages/liens.md"), atomically: true, encoding: .utf8)
        let (result, output) = await Fixtures.build(content: content)
        #expect(result.succeeded, "\(DiagnosticFormatter().format(result.diagnostics))")
        return output.files
    }

    static func text(_ files: [String: Data], _ path: String) throws -> String {
        String(decoding: try #require(files[path], "\(path) was not written"), as: UTF8.self)
    }

    /// Every `href` and `src` of a page, and the table's chunks its script loads.
    static func links(in html: String) -> [String] {
        let attributes = html.matches(of: #/(?:href|src)="([^"]*)"/#).map { String($0.output.1) }
        let chunks = html.matches(of: #/"chunks":\[([^\]]*)\]/#).flatMap { match in
            match.output.1.split(separator: ",").map { $0.trimmingCharacters(in: CharacterSet(charactersIn: "\"")) }
        }
        return attributes + chunks
    }

    /// The output path a link of the page at `page` leads to (`…/` is its `index.html`), or nil
    /// for links out of the portal and within the page.
    static func target(of link: String, from page: String) -> String? {
        let link = link.replacingOccurrences(of: "&amp;", with: "&")
        if link.isEmpty || link.hasPrefix("#") { return nil }
        if link.range(of: "^[a-z][a-z0-9+.-]*:", options: .regularExpression) != nil { return nil }  // https:, mailto:…
        let end = link.firstIndex { $0 == "?" || $0 == "#" } ?? link.endIndex
        var path = String(link[..<end])
        var segments: [Substring]
        if path.hasPrefix("/") {
            // The 404 page links from the base URL's path.
            let basePath = URLPath.path(of: base)
            #expect(path.hasPrefix(basePath), "\(page): \(link) is outside the portal")
            path = String(path.dropFirst(basePath.count))
            segments = []
        } else {
            segments = page.split(separator: "/").dropLast()
        }
        let parts = path.split(separator: "/", omittingEmptySubsequences: false)
        for (index, part) in parts.enumerated() {
            switch part {
            case "..":
                #expect(!segments.isEmpty, "\(page): \(link) climbs above the output")
                if !segments.isEmpty { segments.removeLast() }
            case ".": continue
            case "" where index < parts.count - 1: continue
            default: segments.append(part)
            }
        }
        let folder = path.isEmpty || path.hasSuffix("/") || parts.last == "." || parts.last == ".."
        let resolved = segments.filter { !$0.isEmpty }.joined(separator: "/")
        return folder ? (resolved.isEmpty ? "" : resolved + "/") + "index.html" : resolved
    }

    @Test("every page but embeds and widgets in English under en/, and nothing else there")
    func englishPages() async throws {
        let files = try await Self.build()
        let pages = files.keys.filter { $0.hasSuffix(".html") && !$0.hasPrefix("en/") && !$0.hasPrefix("embed/") }
        #expect(pages.count > 20)
        for path in ["index.html", "404.html", "datasets/salles/index.html", "datasets/salles/1.html", "agenda/index.html",
                     "agenda/2026-12.html", "agenda/events/cine-concert.html", "agenda/contribuer.html", "pages/a-propos.html"] {
            #expect(pages.contains(path), "\(path) is not a page of the fixture")
        }
        let english = Set(files.keys.filter { $0.hasPrefix("en/") })
        #expect(english == Set(pages.map { "en/" + $0 }))
        // Data files, exports, metadata, feeds and assets are shared, never copied.
        #expect(english.allSatisfy { $0.hasSuffix(".html") }, "\(english.filter { !$0.hasSuffix(".html") }.sorted())")
        #expect(!files.keys.contains { $0.hasPrefix("en/embed/") || $0.hasPrefix("en/assets/") })
    }

    @Test("lang attributes, hreflang alternates and the language switch, both ways")
    func alternatesAndSwitch() async throws {
        let files = try await Self.build()
        for path in ["index.html", "datasets/salles/index.html", "datasets/salles/2.html", "agenda/index.html",
                     "agenda/events/cine-concert.html", "agenda/contribuer.html", "pages/a-propos.html"] {
            let french = try Self.text(files, path), english = try Self.text(files, "en/" + path)
            #expect(french.hasPrefix("<!DOCTYPE html>\n<html lang=\"fr-FR\">"), "\(path)")
            #expect(english.hasPrefix("<!DOCTYPE html>\n<html lang=\"en\">"), "en/\(path)")
            let address = Chrome.publicPath(path)
            let alternates = """
                <link rel="alternate" hreflang="fr" href="\(Self.base)\(address)">
                <link rel="alternate" hreflang="en" href="\(Self.base)en/\(address)">
                <link rel="alternate" hreflang="x-default" href="\(Self.base)\(address)">
                """
            #expect(french.contains(alternates), "\(path)")
            #expect(english.contains(alternates), "en/\(path)")
            #expect(french.contains("<link rel=\"canonical\" href=\"\(Self.base)\(address)\">"), "\(path)")
            #expect(english.contains("<link rel=\"canonical\" href=\"\(Self.base)en/\(address)\">"), "en/\(path)")

            // The switch: "English" on the French page, "Français" on the English one, each
            // leading to the other's version of the same page.
            let toEnglish = try #require(french.firstMatch(of: #/<a href="([^"]*)" lang="en" hreflang="en">English</a>/#), "\(path)")
            let toFrench = try #require(english.firstMatch(of: #/<a href="([^"]*)" lang="fr" hreflang="fr">Français</a>/#), "en/\(path)")
            #expect(Self.target(of: String(toEnglish.output.1), from: path) == "en/" + path)
            #expect(Self.target(of: String(toFrench.output.1), from: "en/" + path) == path)
            #expect(french.contains("<nav class=\"language-switch\" aria-label=\"Langue\">"))
            #expect(english.contains("<nav class=\"language-switch\" aria-label=\"Language\">"))
            // Content stays as written, marked as French on English pages.
            #expect(english.contains(#/<a class="site-title" href="[^"]*" lang="fr-FR">/#), "en/\(path)")
            #expect(french.matches(of: #/lang="fr-FR"/#).count == 1, "\(path) marks French content on a French page")
        }
        // The interface is English, the content French.
        let dataset = try Self.text(files, "en/datasets/salles/index.html")
        #expect(dataset.contains(">Skip to content</a>"))
        let french = try Self.text(files, "datasets/salles/index.html")
        #expect(french.contains(">Aller au contenu</a>"))
        // The scripts format numbers and dates with the page's language.
        #expect(dataset.contains(#""locale":{"tag":"en","decimal":".","group":","#))
        #expect(french.contains(#""locale":{"tag":"fr-FR","decimal":","#))
        let agenda = try Self.text(files, "en/agenda/index.html")
        #expect(agenda.contains(#""tag":"en""#))
    }

    @Test("every link of an English page leads to a file of the output")
    func englishLinksResolve() async throws {
        let files = try await Self.build()
        var checked = 0
        for path in files.keys.sorted() where path.hasPrefix("en/") {
            let html = try Self.text(files, path)
            for link in Self.links(in: html) {
                guard let target = Self.target(of: link, from: path) else { continue }
                #expect(files[target] != nil, "\(path): \(link) leads to \(target), which is not in the output")
                checked += 1
            }
        }
        #expect(checked > 300)
        // Relative links of Markdown texts: pages stay in English, files are the shared ones.
        let page = try Self.text(files, "en/pages/liens.html")
        #expect(page.contains(#"<a href="../datasets/salles/">salles</a>"#))
        #expect(page.contains(#"<a href="../../datasets/salles/salles.csv">fichier CSV</a>"#))
        #expect(page.contains(#"<a href="../../feed.atom#haut">flux</a>"#))
        #expect(page.contains(#"<a href="../">catalogue</a>"#))
        let french = try Self.text(files, "pages/liens.html")
        #expect(french.contains(#"<a href="../datasets/salles/salles.csv">fichier CSV</a>"#))
        // The dataset page downloads the shared exports, and its table loads the shared chunks.
        let dataset = try Self.text(files, "en/datasets/salles/index.html")
        #expect(dataset.contains(#"href="../../../datasets/salles/salles.csv""#))
        #expect(dataset.contains(#""chunks":["../../../datasets/salles/table/0.json""#))
    }

    @Test("the sitemap lists the English pages; feeds and metadata are not duplicated")
    func sitemap() async throws {
        let files = try await Self.build()
        let sitemap = try Self.text(files, "sitemap.xml")
        for address in ["", "datasets/salles/", "datasets/salles/1.html", "pages/a-propos.html", "agenda/index.html",
                        "agenda/events/cine-concert.html"] {
            #expect(sitemap.contains("<loc>\(Self.base)\(address)</loc>"))
            #expect(sitemap.contains("<loc>\(Self.base)en/\(address)</loc>"))
        }
        #expect(!sitemap.contains("404.html"))
        #expect(!sitemap.contains("/en/embed/"))
    }

    @Test("relative links of Markdown, as an English page reaches them")
    func sharedFileURLs() {
        let folder = "datasets/a/"
        func shared(_ url: String) -> String? { Chrome.sharedFileURL(url, folder: folder, filesRoot: "../../../") }
        #expect(shared("a.csv") == "../../../datasets/a/a.csv")
        #expect(shared("../b/b.csv?x=1#y") == "../../../datasets/b/b.csv?x=1#y")
        #expect(shared("../b/") == nil)
        #expect(shared("./") == nil)
        #expect(shared("..") == nil)
        #expect(shared("../../pages/x.html") == nil)
        #expect(shared("../../embed/a/table.html") == "../../../embed/a/table.html")
        #expect(shared("#section") == nil)
        #expect(shared("https://example.org/a.csv") == nil)
        #expect(shared("mailto:a@b.example") == nil)
        #expect(shared("/absolu.csv") == nil)
        #expect(shared("../../../../above.csv") == nil)
    }
}
