import Foundation
import Synchronization

/// Renders everything and keeps nothing: what `portail check` writes to, so that it catches
/// every error a build would, templates included, without touching the output folder.
public final class DiscardOutput: OutputDestination {
    private let paths = Mutex<Set<String>>([])

    public init() {}

    public var fileCount: Int { paths.withLock { $0.count } }

    private func record(_ path: String) throws {
        try paths.withLock { paths in
            guard paths.insert(path).inserted else { throw OutputError.writtenTwice(path) }
        }
    }

    public func write(_ path: String, _ data: Data) throws { try record(path) }

    public func open(_ path: String) throws -> ByteWriter {
        ByteWriter(path: path, target: .discard) { [self] writer, _ in try record(writer.path) }
    }

    public func copy(_ path: String, from source: URL) throws { try record(path) }
}
