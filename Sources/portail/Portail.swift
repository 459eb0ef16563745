import ArgumentParser
import Foundation
import PortailKit

/// `portail`: generates a static open-data portal from `Content/` and a theme.
@main
struct Portail: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "portail",
        abstract: "Generates a static open-data portal from YAML metadata, CSV data and Markdown pages.",
        discussion: """
            Run it from the portal's folder: it reads Content/ and Themes/default/ and writes Output/.
            Exit status: 0 on success, 1 when the content has errors, 64 for bad usage.
            Documentation of the content format: docs/content-format.md.
            """,
        version: PortailVersion.current,
        subcommands: [Build.self, Check.self, Serve.self, Import.self, New.self],
        defaultSubcommand: nil
    )
}

enum PortailVersion {
    static let current = "0.1.0"

    /// The version, the digest of the executable and the Markdown library's version: a
    /// rebuilt generator (a new theme engine, a fixed exporter) never reuses what an older one
    /// wrote (``RenderCache``), and the same one compiled again (a CI job that compiles it
    /// afresh, with the output restored from a cache) reuses everything. Its size and time
    /// said "rebuilt" at every compile; hashing its 40 MB takes a few hundredths of a second.
    /// Swift compiles the same sources in the same folder to the same bytes when it compiles
    /// them again over its previous build (a touched file: checked); two builds from nothing in
    /// the same folder once gave different bytes: the next build is then a full one, which is
    /// safe.
    static var identity: String {
        let path = Bundle.main.executablePath ?? CommandLine.arguments[0]
        if let digest = InputDigest.ofFile(at: URL(fileURLWithPath: path)) {
            return "portail \(current) \(digest) cmark-gfm \(Markdown.engineVersion)"
        }
        // Unreadable (an execute-only file): its size and time, which change at every compile.
        let attributes = try? FileManager.default.attributesOfItem(atPath: path)
        let size = (attributes?[.size] as? NSNumber)?.intValue ?? 0
        let time = (attributes?[.modificationDate] as? Date)?.timeIntervalSince1970 ?? 0
        return "portail \(current) \(size) \(Int(time * 1000))"
    }
}
