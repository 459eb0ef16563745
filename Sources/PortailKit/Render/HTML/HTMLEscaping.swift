import Mustache

/// How `{{name}}` escapes a value in the theme's templates: `<`, `>`, `&`, `"` and `'` become
/// entities, as swift-mustache's own HTML content type does, but on bytes (``ByteEscaping``):
/// swift-mustache's looks each character up in a dictionary, hashing every grapheme of every
/// value. Theme templates are compiled with this content type
/// (see ``Theme``); they never name it.
struct EscapedHTML: MustacheContentType {
    /// The name the templates are compiled with (a `CONTENT_TYPE` pragma put before each).
    static let name = "PORTAIL_HTML"
    /// Registers the content type with swift-mustache once, before the first template is parsed.
    static let registered: Void = MustacheContentTypes.register(EscapedHTML(), named: name)

    func escapeText(_ text: String) -> String {
        ByteEscaping.escape(text) { byte in
            switch byte {
            case UInt8(ascii: "<"): "&lt;"
            case UInt8(ascii: ">"): "&gt;"
            case UInt8(ascii: "&"): "&amp;"
            case UInt8(ascii: "\""): "&quot;"
            case UInt8(ascii: "'"): "&#39;"
            default: nil
            }
        }
    }
}
