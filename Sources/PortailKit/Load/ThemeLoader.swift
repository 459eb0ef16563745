import Foundation

/// A theme as read from disk: Mustache templates, translation files and static assets.
public struct RawTheme: Sendable {
    /// Template name (path under `templates/` without `.mustache`) → source.
    var templates: [String: SourceFile]
    /// Language code → translation file (`i18n/<code>.yaml`).
    var translations: [String: SourceFile]
    /// Files copied as they are: path under `assets/` → file.
    var assets: [(path: String, url: URL)]
    let displayRoot: String
}

/// The Load stage for the theme folder.
struct ThemeLoader {
    let root: URL
    let displayRoot: String

    func load() -> (RawTheme?, [Diagnostic]) {
        guard ContentLoader.isDirectory(root) else {
            return (nil, [Diagnostic(.missingFile, "the theme folder does not exist", at: .file(displayRoot),
                                     hint: "pass --theme DIR, or run portail from the portal's folder (default: Themes/default)")])
        }
        var diagnostics: [Diagnostic] = []
        var templates: [String: SourceFile] = [:]
        for path in Self.files(under: root.appendingPathComponent("templates")) where path.hasSuffix(".mustache") {
            let name = String(path.dropLast(".mustache".count))
            switch SourceFile.load(root.appendingPathComponent("templates/\(path)"), displayPath: display("templates/\(path)")) {
            case .success(let file): templates[name] = file
            case .failure(let problem): diagnostics.append(problem)
            }
        }
        var translations: [String: SourceFile] = [:]
        for path in Self.files(under: root.appendingPathComponent("i18n")) where path.hasSuffix(".yaml") && !path.contains("/") {
            switch SourceFile.load(root.appendingPathComponent("i18n/\(path)"), displayPath: display("i18n/\(path)")) {
            case .success(let file): translations[String(path.dropLast(5))] = file
            case .failure(let problem): diagnostics.append(problem)
            }
        }
        let assets = Self.files(under: root.appendingPathComponent("assets")).map {
            (path: $0, url: root.appendingPathComponent("assets/\($0)"))
        }
        return (RawTheme(templates: templates, translations: translations, assets: assets, displayRoot: displayRoot), diagnostics)
    }

    func display(_ relative: String) -> String {
        displayRoot.hasSuffix("/") ? displayRoot + relative : "\(displayRoot)/\(relative)"
    }

    /// Relative paths of the regular files under `url`, sorted, hidden files skipped.
    static func files(under url: URL) -> [String] {
        var result: [String] = []
        func walk(_ folder: URL, _ prefix: String) {
            for name in ContentLoader.sortedEntries(of: folder) {
                let child = folder.appendingPathComponent(name)
                if ContentLoader.isDirectory(child) {
                    walk(child, prefix + name + "/")
                } else {
                    result.append(prefix + name)
                }
            }
        }
        walk(url, "")
        return result.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
    }
}
