/// The links content may publish: web pages and mail addresses. Everything that puts a
/// content value into an `href` or `src` goes through here, so that `javascript:` or `data:`
/// can never reach a visitor's click, whatever the field's declared format.
public enum SafeURL {
    /// `http://host…`, `https://host…` or `mailto:…`, with no control character or space.
    public static func isAllowed(_ text: String) -> Bool {
        guard !text.unicodeScalars.contains(where: { $0.value < 0x21 || $0.value == 0x7F }) else { return false }
        let lower = text.lowercased()
        if lower.hasPrefix("mailto:") { return lower.count > 7 }
        for scheme in ["https://", "http://"] where lower.hasPrefix(scheme) {
            let rest = lower.dropFirst(scheme.count)
            return !rest.isEmpty && !rest.hasPrefix("/")
        }
        return false
    }

    /// The text as a link target when it is an allowed URL, else nil.
    public static func href(_ text: String?) -> String? {
        guard let text, isAllowed(text) else { return nil }
        return text
    }
}
