import Foundation
import PortailKit

/// Builds the portal for the preview, keeping what each build can give the next one (a
/// ``RenderCache``), and remembers how the last build went for the pages that are open.
///
/// Builds write in place (``SyncDirectory``): only files whose bytes changed are written, and
/// content errors stop a build before anything is, so the preview goes on serving the last
/// good build while the pages show the errors.
public actor PreviewBuilder {
    /// How the last build went, as `/__portail/status` gives it to open pages.
    public struct Status: Sendable, Codable, Equatable {
        /// Counts successful builds: a page reloads when it changes.
        public var build: Int
        /// "ok", or "failed" (the output is the last good build).
        public var state: String
        public var seconds: Double
        public var problems: [Problem]
    }

    /// One diagnostic, in the parts the error overlay shows.
    public struct Problem: Sendable, Codable, Equatable {
        public var severity: String
        public var location: String
        public var message: String
        public var source: String?
        public var column: Int?
        public var hint: String?
        public var code: String

        init(_ diagnostic: Diagnostic) {
            severity = diagnostic.severity.rawValue
            location = diagnostic.location.description
            message = diagnostic.message
            source = diagnostic.sourceLine
            column = diagnostic.location.column
            hint = diagnostic.hint
            code = diagnostic.code.rawValue
        }
    }

    public let output: URL
    private let makeOptions: @Sendable () throws -> BuildOptions
    private let cache = RenderCache()
    /// The files of the output folder, as the last good build left them (nil: read the folder).
    private var produced: Set<String>?
    public private(set) var status = Status(build: 0, state: "ok", seconds: 0, problems: [])

    /// `makeOptions` is called for each build: the build date is read again each time.
    public init(output: URL, options makeOptions: @escaping @Sendable () throws -> BuildOptions) {
        self.output = output
        self.makeOptions = makeOptions
        // The preview changes the folder in place: the cache `portail build` left beside it would
        // no longer describe it.
        RenderCache.remove(for: output)
    }

    /// Builds once. Returns the diagnostics of the build, and whether the output changed.
    @discardableResult
    public func build() async -> (succeeded: Bool, diagnostics: [Diagnostic], reused: Int, rendered: Int, pagesKept: Int) {
        let start = ContinuousClock.now
        var diagnostics: [Diagnostic] = []
        var succeeded = false
        do {
            var options = try makeOptions()
            options.cache = cache
            // In place: files whose inputs did not change are not touched (see SyncDirectory).
            let destination = try SyncDirectory(output: output, existing: produced)
            let result = await Pipeline.run(options, to: destination)
            diagnostics = result.diagnostics
            if result.succeeded {
                destination.finish()
                produced = destination.produced
                succeeded = true
            } else {
                // Content errors stop before anything is written; a failure while writing may
                // have written some files: the folder is read again next time.
                produced = nil
            }
        } catch {
            produced = nil
            diagnostics = [Diagnostic(.unreadableFile, "\(error)", at: .file(output.path))]
        }
        let elapsed = start.duration(to: .now)
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        status = Status(build: status.build + (succeeded ? 1 : 0), state: succeeded ? "ok" : "failed",
                        seconds: (seconds * 1000).rounded() / 1000, problems: diagnostics.map(Problem.init))
        let counts = cache.takeCounts()
        return (succeeded, diagnostics, counts.reused, counts.rendered, cache.takePagesKept())
    }
}
