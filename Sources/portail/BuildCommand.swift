import ArgumentParser
import Foundation
import PortailKit

struct Build: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Builds the portal into the output folder.",
        discussion: """
            The build writes what changed into a temporary folder beside the output and moves it \
            into the output at the end: when the content has errors, the previous output stays \
            exactly as it was. Files whose bytes did not change are not touched.

            Builds are incremental: a cache beside the output (.<output>.portail-cache.json) says \
            which inputs each part of the output was made from, and parts whose inputs did not \
            change are kept rather than rendered again; when nothing changed, the build stops at \
            once. --full ignores the cache.
            """)

    @OptionGroup var options: SharedOptions

    @Option(name: .long, help: ArgumentHelp("Where to write the portal.", valueName: "dir"))
    var output = "Output"

    @Flag(name: .long, help: "Render everything, ignoring what the previous build left (the output is the same).")
    var full = false

    @Option(name: .customLong("members-output"),
            help: ArgumentHelp("With members.mode: separate, where to write the members' tree (public and members-only data), to be served behind the host's authentication.", valueName: "dir"))
    var membersOutput: String?

    func validate() throws {
        try OutputSafety.check(output: output, content: options.content, theme: options.theme)
        if let membersOutput {
            try OutputSafety.check(output: membersOutput, content: options.content, theme: options.theme)
            let a = URL(fileURLWithPath: membersOutput).standardizedFileURL.path
            let b = URL(fileURLWithPath: output).standardizedFileURL.path
            if a == b || a.hasPrefix(b + "/") || b.hasPrefix(a + "/") {
                throw ValidationError("--members-output must not overlap --output: the public portal would contain members' data")
            }
        }
    }

    func run() async throws {
        let start = Date()
        var buildOptions = try options.buildOptions()
        buildOptions.generator = PortailVersion.identity
        var trees = [(options: buildOptions, output: output)]
        if let membersOutput {
            trees[0].options.writesMembersTree = true
            var members = buildOptions
            members.revealMembers = true
            members.membersPassphrase = nil
            trees.append((members, membersOutput))
        }
        // Incremental builds for one tree (with a separate members' tree, both are rendered whole).
        let outputURL = URL(fileURLWithPath: output)
        var inputs: String?
        if trees.count == 1 {
            let cache = full ? RenderCache() : RenderCache.load(for: outputURL)
            let digest = InputDigest.compute(buildOptions)
            if !full, cache.previousInputs == digest {
                if let report = cache.previousReport, !report.isEmpty { FileHandle.standardError.write(Data(report.utf8)) }
                if !options.quiet {
                    Console.error("portail: nothing changed since the last build: \(SharedOptions.display(output))/ is up to date (--full renders everything again)")
                }
                return
            }
            inputs = digest
            trees[0].options.cache = cache
        } else {
            RenderCache.remove(for: outputURL)
        }
        // Every tree is built before any is committed: a content error changes neither.
        var staged: [(StagingDirectory, String)] = []
        var failed = false
        var report = ""
        // Parts of the output kept from the last build, and parts rendered (for the summary).
        var parts = (reused: 0, rendered: 0)
        // Pages of the parts rendered again kept one by one (their data did not change).
        var pagesKept = 0
        for tree in trees {
            let staging: StagingDirectory
            do {
                staging = try StagingDirectory(output: URL(fileURLWithPath: tree.output))
            } catch {
                Console.error("portail: \(error)")
                staged.forEach { $0.0.abort() }
                throw ExitCode.failure
            }
            let result = await Pipeline.run(tree.options, to: staging, progress: options.progress())
            if let cache = tree.options.cache { parts = cache.takeCounts(); pagesKept = cache.takePagesKept() }
            Console.diagnostics(result.diagnostics)
            if !result.diagnostics.isEmpty { report = DiagnosticFormatter().format(result.diagnostics) }
            staged.append((staging, tree.output))
            if !result.succeeded { failed = true; break }
        }
        guard !failed else {
            staged.forEach { $0.0.abort() }
            Console.error("portail: the build failed; \(trees.map { SharedOptions.display($0.output) }.joined(separator: " and ")) was left as it was.")
            throw ExitCode.failure
        }
        // The cache describes the output as it was; a commit cut short leaves it mixed until the
        // next build finishes the commit, which must then not trust the cache.
        RenderCache.remove(for: outputURL)
        for (staging, folder) in staged {
            do {
                try staging.commit()
            } catch {
                staging.abort()
                Console.error("portail: cannot update \(folder): \(error) (the next build finishes the update)")
                throw ExitCode.failure
            }
            if !options.quiet {
                let (files, bytes, unchanged) = staging.summary
                let seconds = Date().timeIntervalSince(start)
                // Whether the build was incremental: what a CI job restoring its output wants to see.
                let kept = Console.kept(parts: parts.reused, of: parts.reused + parts.rendered, pages: pagesKept)
                    .map { ", " + $0 }.joined()
                Console.error("portail: wrote \(SharedOptions.display(folder))/: \(files) files, \(Console.bytes(bytes)) (\(unchanged) unchanged\(kept)) in \(String(format: "%.2f", seconds)) s")
            }
        }
        // What the next build can keep, for the folder now in place.
        if let cache = trees[0].options.cache {
            cache.save(for: outputURL, inputs: inputs, report: report)
        }
    }
}

/// Refuses output folders whose update would destroy sources: the build deletes every file of
/// the output folder it did not make, so it must never be the content, the theme, or a folder holding them.
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
