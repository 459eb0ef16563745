import Foundation

/// Finds Leaflet, the map library (Debian's `libjs-leaflet`), to copy into `assets/leaflet/`.
/// The portal never loads it from a CDN: visitors' browsers make no third-party request but
/// for map tiles.
enum LeafletLoader {
    /// The files to copy (path under `assets/leaflet/` → source), or nil when Leaflet is not
    /// installed there.
    static func files(in folder: URL) -> [(path: String, url: URL)]? {
        let fm = FileManager.default
        let script = folder.appendingPathComponent("leaflet.js")
        let style = folder.appendingPathComponent("leaflet.css")
        guard fm.fileExists(atPath: script.path), fm.fileExists(atPath: style.path) else { return nil }
        var files: [(path: String, url: URL)] = [("leaflet.js", script), ("leaflet.css", style)]
        let images = folder.appendingPathComponent("images")
        for name in ContentLoader.sortedEntries(of: images) where name.hasSuffix(".png") {
            files.append(("images/\(name)", images.appendingPathComponent(name)))
        }
        return files
    }

    static func missingWarning(_ folder: URL?) -> Diagnostic {
        Diagnostic(.warning, .missingLeaflet,
                   "Leaflet was not found\(folder.map { " in \($0.path)" } ?? ""): map views show a list of places instead",
                   at: .file(folder?.path ?? "--leaflet"),
                   hint: "install Debian's libjs-leaflet (make portal does), or pass --leaflet DIR")
    }
}
