import ArgumentParser
import Foundation
import PortailKit

/// Options shared by `build` and `check`.
struct SharedOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("The portal's content folder.", valueName: "dir"))
    var content = "Content"

    @Option(name: .long, help: ArgumentHelp("The theme folder.", valueName: "dir"))
    var theme = "Themes/default"

    @Option(name: .customLong("base-url"), help: ArgumentHelp("Overrides base_url of site.yaml: the address where the portal is published.", valueName: "url"))
    var baseURL: String?

    @Option(name: .customLong("build-date"), help: ArgumentHelp("The day the build describes, YYYY-MM-DD. Default: SOURCE_DATE_EPOCH, else today.", valueName: "date"))
    var buildDate: String?

    @Option(name: .long, help: ArgumentHelp("Where Leaflet (leaflet.js, leaflet.css, images/) is installed, for map views. Default: PORTAIL_LEAFLET, else Debian's /usr/share/javascript/leaflet.", valueName: "dir"))
    var leaflet: String?

    @Option(name: .customLong("members-passphrase-file"),
            help: ArgumentHelp("A file holding the members' passphrase, outside the content folder (else PORTAIL_MEMBERS_PASSPHRASE). With it, members-only data is published encrypted.", valueName: "file"))
    var membersPassphraseFile: String?

    @Flag(name: .shortAndLong, help: "Print nothing but problems.")
    var quiet = false

    func validate() throws {
        if let buildDate, Day(iso: buildDate) == nil {
            throw ValidationError("--build-date must be a date written YYYY-MM-DD, not '\(buildDate)'")
        }
        if let membersPassphraseFile {
            try MembersPassphrase.checkOutsideContent(membersPassphraseFile, content: content)
        }
    }

    /// Pipeline options; the clock is read here, at the edge, and only when no date is given.
    func buildOptions() throws -> BuildOptions {
        let date: Day
        if let buildDate, let day = Day(iso: buildDate) {
            date = day
        } else if let epoch = try BuildOptions.sourceDateEpoch(ProcessInfo.processInfo.environment) {
            date = epoch
        } else {
            date = Day(daysSinceEpoch: Int(Date().timeIntervalSince1970) / 86_400)
        }
        var options = BuildOptions(content: URL(fileURLWithPath: content), contentDisplay: Self.display(content),
                                   theme: URL(fileURLWithPath: theme), themeDisplay: Self.display(theme),
                                   baseURL: baseURL, buildDate: date)
        options.membersPassphrase = try MembersPassphrase.read(file: membersPassphraseFile,
                                                               environment: ProcessInfo.processInfo.environment)
        if let folder = leaflet ?? ProcessInfo.processInfo.environment["PORTAIL_LEAFLET"] {
            options.leaflet = URL(fileURLWithPath: folder)
        }
        return options
    }

    func progress() -> any BuildProgress {
        quiet ? SilentProgress() : ConsoleProgress()
    }

    /// `Content/` → `Content`: paths in diagnostics are written without a trailing slash.
    static func display(_ path: String) -> String {
        var path = path
        while path.count > 1 && path.hasSuffix("/") { path.removeLast() }
        return path
    }
}
