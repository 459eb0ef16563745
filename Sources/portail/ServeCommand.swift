import ArgumentParser
import Foundation
import PortailKit
import PortailServe

struct Serve: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Builds the portal, serves it on 127.0.0.1 and rebuilds it when the content or the theme changes.",
        discussion: """
            Open pages reload themselves after each build. When the content has errors, the \
            pages show them (file:line:column, the source line and a hint) and the last good \
            build goes on being served. Only what depends on a changed file is rendered again. \
            The preview is for the machine it runs on: it listens on 127.0.0.1 only.
            """)

    @OptionGroup var options: SharedOptions

    @Option(name: .long, help: ArgumentHelp("The port to listen on, on 127.0.0.1.", valueName: "port"))
    var port = 8000

    @Option(name: .long, help: ArgumentHelp("Where to write the portal that is served.", valueName: "dir"))
    var output = "Output"

    func validate() throws {
        guard (1...65_535).contains(port) else { throw ValidationError("--port must be between 1 and 65535, not \(port)") }
        try OutputSafety.check(output: output, content: options.content, theme: options.theme)
    }

    func run() async throws {
        let options = self.options
        let builder = PreviewBuilder(output: URL(fileURLWithPath: output)) { try options.buildOptions() }
        // The port first: when it is taken, say so at once rather than after a build.
        let server = PreviewServer(port: UInt16(port), builder: builder)
        let serving: Task<Void, Never>
        do {
            serving = try await server.start()
        } catch {
            Console.error("portail: \(error)")
            Console.error("  hint: stop the other server, or choose another port: portail serve --port \(port == 8000 ? 8001 : port + 1)")
            throw ExitCode.failure
        }
        Console.error("portail: building \(SharedOptions.display(output))/ from \(SharedOptions.display(options.content))…")
        await report(builder.build(), builder: builder)
        Console.error("portail: serving http://127.0.0.1:\(port)/ — watching \(SharedOptions.display(options.content))/ and \(SharedOptions.display(options.theme))/; Ctrl-C stops")
        let watcher = SourceWatcher(roots: [URL(fileURLWithPath: options.content), URL(fileURLWithPath: options.theme)])
        await watcher.watch {
            await report(builder.build(), builder: builder)
        }
        serving.cancel()
    }

    private func report(_ outcome: (succeeded: Bool, diagnostics: [Diagnostic], reused: Int, rendered: Int, pagesKept: Int),
                        builder: PreviewBuilder) async {
        Console.diagnostics(outcome.diagnostics)
        let seconds = String(format: "%.2f", await builder.status.seconds)
        if outcome.succeeded {
            let kept = Console.kept(parts: outcome.reused, of: outcome.reused + outcome.rendered, pages: outcome.pagesKept, word: "unchanged")
            let parts = outcome.reused > 0 ? " (" + kept.joined(separator: ", ") + ")" : ""
            Console.error("portail: built in \(seconds) s\(parts)")
        } else {
            Console.error("portail: the build failed in \(seconds) s; the last good build is still served, and open pages show the errors")
        }
    }
}
