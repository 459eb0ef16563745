import CCmarkGFM
import Foundation
import Synchronization

/// GitHub-flavoured Markdown through cmark-gfm, with tables, strikethrough, autolinks and
/// the tag filter. Raw HTML is never passed through: content is written by many hands.
public enum Markdown {
    /// cmark-gfm keeps process-global tables that are not thread-safe (github/cmark-gfm#176):
    /// concurrent renders corrupt each other's output, so all calls are serialised.
    private static let lock = Mutex(())

    private static let extensions = ["table", "strikethrough", "autolink", "tagfilter"]

    /// The version of the cmark-gfm library loaded (a shared library: upgraded apart from
    /// `portail`, it may render the same text otherwise).
    public static var engineVersion: String { String(cString: cmark_version_string()) }

    /// HTML for a Markdown text whose highest heading becomes `topHeading` (2 under a page's
    /// h1): authors write `#` or `##` as they like, and the page's outline never skips a level.
    ///
    /// - Parameter links: rewrites the address of links and images (nil keeps it as written).
    public static func html(_ markdown: String, topHeading: Int = 2, links: ((String) -> String?)? = nil) -> String {
        render(markdown) { document, options, extensionList in
            relevel(document, top: topHeading)
            if let links { rewrite(document, links) }
            return cmark_render_html(document, options, extensionList)
        }
    }

    /// Plain text, for excerpts and meta descriptions.
    public static func plainText(_ markdown: String) -> String {
        render(markdown) { document, options, _ in
            cmark_render_plaintext(document, options, 0)
        }
    }

    private static func render(
        _ markdown: String,
        _ body: (OpaquePointer, Int32, UnsafeMutablePointer<cmark_llist>?) -> UnsafeMutablePointer<CChar>?
    ) -> String {
        lock.withLock { _ in
            cmark_gfm_core_extensions_ensure_registered()
            let options = CMARK_OPT_DEFAULT | CMARK_OPT_STRIKETHROUGH_DOUBLE_TILDE
            guard let parser = cmark_parser_new(options) else { return "" }
            defer { cmark_parser_free(parser) }
            for name in extensions {
                if let ext = cmark_find_syntax_extension(name) { cmark_parser_attach_syntax_extension(parser, ext) }
            }
            var text = markdown
            text.withUTF8 { buffer in
                buffer.withMemoryRebound(to: CChar.self) { cmark_parser_feed(parser, $0.baseAddress, $0.count) }
            }
            guard let document = cmark_parser_finish(parser) else { return "" }
            defer { cmark_node_free(document) }
            // The parser's extension list must be passed, or the tag filter is skipped.
            guard let output = body(document, options, cmark_parser_get_syntax_extensions(parser)) else { return "" }
            defer { free(output) }
            return String(cString: output)
        }
    }

    private static func rewrite(_ document: OpaquePointer, _ links: (String) -> String?) {
        guard let iterator = cmark_iter_new(document) else { return }
        defer { cmark_iter_free(iterator) }
        while case let event = cmark_iter_next(iterator), event != CMARK_EVENT_DONE {
            guard event == CMARK_EVENT_ENTER, let node = cmark_iter_get_node(iterator) else { continue }
            let type = cmark_node_get_type(node)
            guard type == CMARK_NODE_LINK || type == CMARK_NODE_IMAGE, let url = cmark_node_get_url(node),
                  let rewritten = links(String(cString: url)) else { continue }
            cmark_node_set_url(node, rewritten)
        }
    }

    private static func relevel(_ document: OpaquePointer, top: Int) {
        var headings: [OpaquePointer] = []
        guard let iterator = cmark_iter_new(document) else { return }
        defer { cmark_iter_free(iterator) }
        while case let event = cmark_iter_next(iterator), event != CMARK_EVENT_DONE {
            guard event == CMARK_EVENT_ENTER, let node = cmark_iter_get_node(iterator),
                  cmark_node_get_type(node) == CMARK_NODE_HEADING else { continue }
            headings.append(node)
        }
        guard let highest = headings.map({ cmark_node_get_heading_level($0) }).min() else { return }
        let shift = Int32(top) - highest
        for node in headings {
            cmark_node_set_heading_level(node, max(1, min(6, cmark_node_get_heading_level(node) + shift)))
        }
    }
}
