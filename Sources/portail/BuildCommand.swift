import ArgumentParser
import Foundation
import PortailKit

struct Build: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Builds the portal into the output folder.",
        discussion: """
            The build writes into a temporary folder beside the output and swaps it in at the end: \
            when the content has errors, the previous output stays exactly as it was. Files whose \
            bytes did not change keep their modification time.
            """)

    @OptionGroup var options: SharedOptions

    @Option(name: .long, help: ArgumentHelp("Where to write the portal.", valueName: "dir"))
    var output = "Output"

    func validate() throws {
        try OutputSafety.check(output: output, content: options.content, theme: options.theme)
    }

    func run() async throws {
        let start = Date()
        let buildOptions = try options.buildOptions()
        let staging: StagingDirectory
        do {
            staging = try StagingDirectory(output: URL(fileURLWithPath: output))
        } catch {
            Console.error("portail: \(error)")
            throw ExitCode.failure
        }
        let result = await Pipeline.run(buildOptions, to: staging, progress: options.progress())
        Console.diagnostics(result.diagnostics)
        guard result.succeeded else {
            staging.abort()
            Console.error("portail: the build failed; \(SharedOptions.display(output)) was left as it was.")
            throw ExitCode.failure
        }
        do {
            try staging.commit()
        } catch {
            staging.abort()
            Console.error("portail: cannot replace \(output): \(error)")
            throw ExitCode.failure
        }
        if !options.quiet {
            let (files, bytes, unchanged) = staging.summary
            let seconds = Date().timeIntervalSince(start)
            Console.error("portail: wrote \(SharedOptions.display(output))/: \(files) files, \(Console.bytes(bytes)) (\(unchanged) unchanged) in \(String(format: "%.2f", seconds)) s")
        }
    }
}

/// Refuses output folders whose replacement would destroy sources: the build swaps the whole
/// output folder, so it must never be the content, the theme, or a folder holding them.
enum OutputSafety {
    static func check(output: String, content: String, theme: String) throws {
        let out = URL(fileURLWithPath: output).standardizedFileURL.path
        let home = FileManager.default.homeDirectoryForCurrentUser.standardizedFileURL.path
        let cwd = FileManager.default.currentDirectoryPath
        if out == "/" || out == home || out == cwd {
            throw ValidationError("--output '\(output)' would replace \(out); choose a dedicated folder such as Output")
        }
        for (name, path) in [("content", content), ("theme", theme)] {
            let source = URL(fileURLWithPath: path).standardizedFileURL.path
            if source == out || source.hasPrefix(out + "/") || out.hasPrefix(source + "/") {
                throw ValidationError("--output '\(output)' overlaps the \(name) folder '\(path)'")
            }
        }
    }
}
