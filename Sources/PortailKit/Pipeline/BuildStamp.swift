import Foundation

/// The file inside the output folder that says which inputs the build that wrote the folder
/// read: `.portail-build`, holding ``InputDigest``. The output is a function of those inputs
/// (incremental and full builds give the same bytes), so a folder with the stamp of the saved
/// cache holds the files the cache lists, wherever it comes from: a CI job that restores
/// `Output/` and its cache from an archive builds incrementally, where the folder's inode
/// alone (``RenderCache/outputIdentity(of:)``) would say "another folder".
///
/// It is the one file of the build's own that sits in the output rather than beside it: it has
/// to travel with the folder. It is hidden, a few bytes, and says nothing but a digest.
enum BuildStamp {
    static let name = ".portail-build"

    static func url(in output: URL) -> URL { output.standardizedFileURL.appendingPathComponent(name) }

    /// The digest the folder was stamped with, if it has a stamp.
    static func read(in output: URL) -> String? {
        guard let data = try? Data(contentsOf: url(in: output)), data.count <= 256 else { return nil }
        let text = String(decoding: data, as: UTF8.self)
        guard text.hasSuffix("\n") else { return nil }
        return String(text.dropLast())
    }

    /// Stamps the folder, through a file beside it renamed into it (a stamp cut short must not
    /// match anything).
    static func write(_ digest: String, in output: URL) throws {
        let partial = OutputSibling.url(of: output, "build.partial")
        try Data((digest + "\n").utf8).write(to: partial)
        guard rename(partial.path, url(in: output).path) == 0 else {
            let reason = String(cString: strerror(errno))
            unlink(partial.path)
            throw OutputError("cannot stamp \(output.path): \(reason)")
        }
    }

    static func remove(in output: URL) {
        unlink(url(in: output).path)
    }
}
