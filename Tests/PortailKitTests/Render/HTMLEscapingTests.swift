import Mustache
import Testing
@testable import PortailKit

/// Templates escape values with ``EscapedHTML``: the same text as swift-mustache's HTML
/// content type gives, for every value a portal holds.
@Suite("HTML escaping of template values")
struct HTMLEscapingTests {
    static let values = ["", "Le Rex", "Nuit de l'horreur", "<b>Ciné & \"concert\"</b>", "été 2026 → 20 €", "a&b<c>d'e\"f",
                         "&amp; déjà", "🎬 <script>alert('x')</script>", "x\u{301}y", "tab\tnew\nline"]

    @Test("the same text as swift-mustache's HTML escaping", arguments: values)
    func sameAsMustache(value: String) throws {
        let library = try MustacheTemplate(string: "{{x}}|{{{x}}}")
        _ = EscapedHTML.registered
        let ours = try MustacheTemplate(string: "{{% CONTENT_TYPE: \(EscapedHTML.name) }}\n{{x}}|{{{x}}}")
        #expect(ours.render(["x": value]) == library.render(["x": value]))
    }

    @Test("a text with nothing to escape is kept as it is")
    func plainText() {
        #expect(EscapedHTML().escapeText("Cinéma Le Méliès, Montreuil") == "Cinéma Le Méliès, Montreuil")
        #expect(EscapedHTML().escapeText("<'&'>") == "&lt;&#39;&amp;&#39;&gt;")
    }
}
