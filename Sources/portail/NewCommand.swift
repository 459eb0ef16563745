import ArgumentParser
import Foundation
import PortailKit

struct New: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Writes a minimal portal to start from.",
        discussion: """
            DIR gets Content/ (site.yaml, one dataset with its CSV, one page), a copy of the theme, \
            and a README on what to edit. The folder must be new or empty.
            """)

    @Argument(help: ArgumentHelp("The folder of the new portal.", valueName: "dir"))
    var folder: String

    @Option(name: .long, help: ArgumentHelp("The theme to copy into the new portal.", valueName: "dir"))
    var theme = "Themes/default"

    @Flag(name: .shortAndLong, help: "Print nothing but problems.")
    var quiet = false

    func run() throws {
        let themeURL = URL(fileURLWithPath: theme)
        let hasTheme = FileManager.default.fileExists(atPath: themeURL.appendingPathComponent("templates").path)
        do {
            try NewPortal.create(at: URL(fileURLWithPath: folder), theme: hasTheme ? themeURL : nil)
        } catch let refusal as NewPortal.Refusal {
            Console.error("portail: \(refusal)")
            throw ExitCode(64)
        }
        guard !quiet else { return }
        Console.error("portail: wrote a new portal in \(SharedOptions.display(folder))/")
        if !hasTheme {
            Console.error("portail: no theme at \(theme) to copy: build with --theme pointing at Portail's Themes/default")
        }
        Console.error("  next: cd \(folder) && portail check && portail build")
    }
}
