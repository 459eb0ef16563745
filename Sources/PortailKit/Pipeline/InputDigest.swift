import Crypto
import Foundation

/// One digest of everything a build reads: the generator, the options, and every file of the
/// content, the theme and Leaflet. `portail build` compares it with the previous build's
/// (``RenderCache``): when nothing changed, the output folder is already what this build would
/// write, and the build stops at once. Reading the files costs a fraction of a build (a SHA-256
/// pass over the content, with no parsing).
public enum InputDigest {
    public static func compute(_ options: BuildOptions) -> String {
        var hasher = SHA256()
        func add(_ text: String) { hasher.update(data: Data((text + "\u{0}").utf8)) }
        add("portail-inputs-v1")
        // The folders' names as written appear in diagnostics only, but the build's saved
        // report repeats them: a build run with other names runs again.
        add(optionsText(options) + "|" + options.contentDisplay + "|" + options.themeDisplay)
        let roots = [("theme", options.theme), ("content", options.content)] + (options.leaflet.map { [("leaflet", $0)] } ?? [])
        for (name, root) in roots {
            for file in SourceFiles.list(under: root) {
                add(name + ":" + file.relative)
                update(&hasher, withFileAt: file.url)
            }
        }
        return InputHasher.hex(hasher.finalize())
    }

    /// The SHA-256 of one file, in hex (nil when it cannot be read).
    public static func ofFile(at url: URL) -> String? {
        guard let mapped = MappedFile.read(url) else { return nil }
        var hasher = SHA256()
        update(&hasher, withMapped: mapped)
        return InputHasher.hex(hasher.finalize())
    }

    /// Adds a file's bytes, read piece by piece from its mapping and released behind, so
    /// that hashing a 100 MB data file does not leave it resident.
    static func update(_ hasher: inout SHA256, withFileAt url: URL) {
        guard let mapped = MappedFile.read(url) else {
            hasher.update(data: Data("unreadable".utf8))
            return
        }
        update(&hasher, withMapped: mapped)
    }

    /// Adds bytes piece by piece, releasing the pages of a mapped file behind.
    static func update(_ hasher: inout SHA256, withMapped bytes: Data) {
        MappedFile.forEachPiece(of: bytes) { _, piece in
            hasher.update(bufferPointer: piece)
            return true
        }
    }

    /// The options that change what a build writes.
    static func optionsText(_ options: BuildOptions) -> String {
        let passphrase = options.membersPassphrase.map { Data(SHA256.hash(data: Data($0.utf8))).base64EncodedString() } ?? "-"
        return [options.generator, options.buildDate.description, options.baseURL ?? "-", passphrase, "\(options.revealMembers)",
                "\(options.writesMembersTree)"].joined(separator: "|")
    }
}

/// The regular files under a folder, sorted by relative path (hidden ones included: a theme or
/// content may read them).
enum SourceFiles {
    static func list(under root: URL) -> [(relative: String, path: String, url: URL)] {
        let base = root.standardizedFileURL.path
        guard let enumerator = FileManager.default.enumerator(at: root.standardizedFileURL,
                                                              includingPropertiesForKeys: [.isRegularFileKey]) else { return [] }
        var files: [(String, String, URL)] = []
        for case let url as URL in enumerator {
            guard (try? url.resourceValues(forKeys: [.isRegularFileKey]))?.isRegularFile == true else { continue }
            let path = url.standardizedFileURL.path
            files.append((String(path.dropFirst(base.count)), path, url))
        }
        return files.sorted { $0.0 < $1.0 }
    }
}
