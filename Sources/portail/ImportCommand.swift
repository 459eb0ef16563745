import ArgumentParser
import Foundation
import PortailKit

struct Import: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Merges entries into a dataset's data file: agenda contributions or an OpenAgenda export.",
        discussion: """
            FILE is the JSON the agenda's contribution form downloads, or an OpenAgenda export \
            (GET /v2/agendas/{uid}/events). Entries are matched to rows by the dataset's key: a known \
            key updates its row, a new one is appended, no row is removed. Every entry is checked as \
            a build checks a row; if one is wrong, nothing changes. Importing the same file twice \
            changes nothing the second time.
            """)

    @Argument(help: ArgumentHelp("The id of the dataset to merge into (its folder name).", valueName: "dataset-id"))
    var dataset: String

    @Argument(help: ArgumentHelp("The JSON file to import.", valueName: "file"))
    var file: String

    @Flag(name: .customLong("dry-run"), help: "Check the file and say what would change, without writing.")
    var dryRun = false

    @OptionGroup var options: SharedOptions

    func run() async throws {
        let outcome = DatasetImport.run(try options.buildOptions(), dataset: dataset, file: URL(fileURLWithPath: file),
                                        fileDisplay: SharedOptions.display(file), dryRun: dryRun)
        Console.diagnostics(outcome.diagnostics)
        guard outcome.succeeded else {
            Console.error("portail: nothing was imported; the data file is unchanged")
            throw ExitCode.failure
        }
        if !options.quiet {
            let verb = dryRun ? "would add" : "added"
            Console.error("portail: \(verb) \(outcome.added), \(dryRun ? "would update" : "updated") \(outcome.updated), "
                          + "\(outcome.unchanged) unchanged" + (outcome.wrote || dryRun ? "" : "; the data file is unchanged"))
        }
    }
}
