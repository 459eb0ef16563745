import Foundation

/// Light checks of URLs and e-mail addresses written in metadata.
enum URLRules {
    static func isHTTP(_ text: String) -> Bool {
        guard let url = URL(string: text), let scheme = url.scheme?.lowercased(),
              scheme == "http" || scheme == "https", let host = url.host, !host.isEmpty else { return false }
        return true
    }

    /// `https://example.org/portal` → `https://example.org/portal/`; nil when not absolute http(s).
    static func normalizedBaseURL(_ text: String) -> String? {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        guard isHTTP(trimmed), !trimmed.contains("?"), !trimmed.contains("#") else { return nil }
        return trimmed.hasSuffix("/") ? trimmed : trimmed + "/"
    }

    static func isEmail(_ text: String) -> Bool {
        let parts = text.split(separator: "@", omittingEmptySubsequences: false)
        return parts.count == 2 && !parts[0].isEmpty && parts[1].contains(".") && !text.contains(" ")
    }
}
