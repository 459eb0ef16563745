import Foundation
import Synchronization

/// Collects the rendered files in memory: the whole output tree as path → bytes, for snapshot
/// tests.
public final class MemoryOutput: OutputDestination {
    private let storage = Mutex<[String: Data]>([:])
    /// The tree of a previous build, whose files ``keep(_:)`` takes over (incremental builds).
    private let previous: [String: Data]

    public init(previous: [String: Data] = [:]) {
        self.previous = previous
    }

    /// Every file written, by output-relative path.
    public var files: [String: Data] { storage.withLock { $0 } }

    public func write(_ path: String, _ data: Data) throws {
        try storage.withLock { files in
            guard files.updateValue(data, forKey: path) == nil else { throw OutputError.writtenTwice(path) }
        }
    }

    public func open(_ path: String) throws -> ByteWriter {
        ByteWriter(path: path, target: .memory) { [self] writer, bytes in
            try write(writer.path, Data(bytes))
        }
    }

    public func keep(_ paths: PathList, bytes: Int) throws -> Bool {
        guard paths.allSatisfy({ previous[$0] != nil }) else { return false }
        for path in paths { try write(path, previous[path]!) }
        keptPaths.withLock { $0.formUnion(paths) }
        return true
    }

    /// The files taken over from the previous tree rather than rendered (for tests of what an
    /// incremental build renders again).
    public var kept: Set<String> { keptPaths.withLock { $0 } }
    private let keptPaths = Mutex<Set<String>>([])

    public func copy(_ path: String, from source: URL) throws {
        try write(path, try Data(contentsOf: source))
    }
}
