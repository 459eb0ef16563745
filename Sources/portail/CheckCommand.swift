import ArgumentParser
import PortailKit

struct Check: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Checks the content and theme without writing anything.",
        discussion: "Runs every stage of a build, rendering included, and reports every problem.")

    @OptionGroup var options: SharedOptions

    func run() async throws {
        let output = DiscardOutput()
        let result = await Pipeline.run(try options.buildOptions(), to: output, progress: options.progress())
        Console.diagnostics(result.diagnostics)
        guard result.succeeded else { throw ExitCode.failure }
        if !options.quiet {
            let datasets = result.catalog?.datasets.count ?? 0
            Console.error("portail: no problems found (\(datasets) datasets, \(output.fileCount) files would be written)")
        }
    }
}
