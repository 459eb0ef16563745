import PortailKit

/// Media types of the preview's responses: the data files' from the host configuration that
/// the build writes (`_headers`, `.htaccess`), so that the preview serves `.ics`, `.geojson` or
/// `.ttl` exactly as a configured host does, and the web's own types beside them.
enum ContentTypes {
    static let byExtension: [String: String] = {
        var types = [
            "html": "text/html; charset=utf-8",
            "css": "text/css; charset=utf-8",
            "js": "text/javascript; charset=utf-8",
            "svg": "image/svg+xml",
            "png": "image/png",
            "jpg": "image/jpeg",
            "jpeg": "image/jpeg",
            "gif": "image/gif",
            "webp": "image/webp",
            "ico": "image/vnd.microsoft.icon",
            "xml": "application/xml; charset=utf-8",
            "txt": "text/plain; charset=utf-8",
            "md": "text/markdown; charset=utf-8",
            "pdf": "application/pdf",
            "woff2": "font/woff2",
            "webmanifest": "application/manifest+json",
        ]
        for (ext, type) in HostConfigBuilder.mediaTypes { types[ext] = type }
        return types
    }()

    static func type(ofPath path: String) -> String {
        guard let dot = path.lastIndex(of: "."), !path[dot...].contains("/") else { return "application/octet-stream" }
        return byExtension[path[path.index(after: dot)...].lowercased()] ?? "application/octet-stream"
    }
}
