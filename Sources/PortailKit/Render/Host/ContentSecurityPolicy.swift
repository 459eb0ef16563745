/// The Content-Security-Policy of every page, sent as a `<meta>` tag and by the host
/// configuration: scripts and styles come only from the portal's own files (no inline script
/// or style, so a value that slipped through escaping still could not run), data is fetched
/// only from the portal (and the agenda's contribution endpoint), images may come from https
/// (map tiles, event images), and nothing else is loaded.
enum ContentSecurityPolicy {
    static func policy(_ catalog: Catalog) -> String {
        // blob: lets a page read back the files it made (downloads of a selection, decrypted exports).
        var connect = ["'self'", "blob:"]
        if let endpoint = catalog.contributionEndpoint.flatMap(origin) { connect.append(endpoint) }
        return [
            "default-src 'self'",
            "script-src 'self'",
            "style-src 'self'",
            "img-src 'self' data: https:",
            "connect-src " + connect.joined(separator: " "),
            "font-src 'self'",
            "object-src 'none'",
            "base-uri 'none'",
            "form-action 'self'",
        ].joined(separator: "; ")
    }

    /// `https://forms.example/agenda?x` → `https://forms.example`.
    static func origin(_ url: String) -> String? {
        guard let schemeEnd = url.range(of: "://") else { return nil }
        let rest = url[schemeEnd.upperBound...]
        let host = rest.prefix { $0 != "/" && $0 != "?" && $0 != "#" }
        return host.isEmpty ? nil : String(url[..<schemeEnd.upperBound]) + host
    }
}
