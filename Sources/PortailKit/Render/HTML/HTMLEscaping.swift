import Mustache

/// How `{{name}}` escapes a value in the theme's templates: `<`, `>`, `&`, `"` and `'` become
/// entities, as swift-mustache's own HTML content type does, working on UTF-8 bytes and
/// returning a text without those characters as it is. swift-mustache's looks each character up
/// in a dictionary (hashing every grapheme of every value): 15 % of a build's time, for pages
/// whose values are mostly plain words. Theme templates are compiled with this content type
/// (see ``Theme``); they never name it.
struct EscapedHTML: MustacheContentType {
    /// The name the templates are compiled with (a `CONTENT_TYPE` pragma put before each).
    static let name = "PORTAIL_HTML"
    /// Registers the content type with swift-mustache once, before the first template is parsed.
    static let registered: Void = MustacheContentTypes.register(EscapedHTML(), named: name)

    func escapeText(_ text: String) -> String {
        var text = text
        return text.withUTF8 { bytes -> String? in
            guard let first = bytes.firstIndex(where: Self.isSpecial) else { return nil }
            var escaped: [UInt8] = []
            escaped.reserveCapacity(bytes.count + 16)
            escaped.append(contentsOf: bytes[..<first])
            for byte in bytes[first...] {
                switch byte {
                case UInt8(ascii: "<"): escaped.append(contentsOf: "&lt;".utf8)
                case UInt8(ascii: ">"): escaped.append(contentsOf: "&gt;".utf8)
                case UInt8(ascii: "&"): escaped.append(contentsOf: "&amp;".utf8)
                case UInt8(ascii: "\""): escaped.append(contentsOf: "&quot;".utf8)
                case UInt8(ascii: "'"): escaped.append(contentsOf: "&#39;".utf8)
                default: escaped.append(byte)
                }
            }
            return String(decoding: escaped, as: UTF8.self)
        } ?? text
    }

    private static func isSpecial(_ byte: UInt8) -> Bool {
        byte == UInt8(ascii: "<") || byte == UInt8(ascii: ">") || byte == UInt8(ascii: "&") || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "'")
    }
}
