import Foundation
import Synchronization

/// What a build leaves for the next one in the same process (`portail serve` keeps one across
/// its rebuilds): the outputs of the costly units of work — a dataset's exports, its record
/// pages, the agenda's pages and widgets — each under a key made of every input it is rendered
/// from (``UnitKeys``). A unit whose key did not change is not rendered again: its pages come
/// from memory, and its exports are kept from the previous output folder as they are.
///
/// The outputs are the same bytes either way; `IncrementalBuildTests` builds with and without a
/// cache after changes, additions and deletions and compares the trees.
public final class RenderCache: Sendable {
    enum Entry: Sendable {
        /// The exports' description, and every file the exporter wrote.
        case exports(DatasetExports, paths: [String])
        case pages([(String, Data)])
    }

    private let entries = Mutex<[String: (key: String, entry: Entry)]>([:])
    /// Units served from the cache and units rendered, in the last build (for the console).
    private let counts = Mutex<(reused: Int, rendered: Int)>((0, 0))

    public init() {}

    func exports(_ unit: String, key: String) -> (DatasetExports, [String])? {
        guard case .exports(let exports, let paths)? = lookup(unit, key: key) else { return nil }
        return (exports, paths)
    }

    func pages(_ unit: String, key: String) -> [(String, Data)]? {
        guard case .pages(let pages)? = lookup(unit, key: key) else { return nil }
        return pages
    }

    func store(_ unit: String, key: String, _ entry: Entry) {
        entries.withLock { $0[unit] = (key, entry) }
        counts.withLock { $0.rendered += 1 }
    }

    /// Forgets the units that the last build did not have (a deleted dataset), so that memory
    /// follows the content.
    func retain(only units: Set<String>) {
        entries.withLock { entries in entries = entries.filter { units.contains($0.key) } }
    }

    /// (units reused, units rendered) since the last call.
    public func takeCounts() -> (reused: Int, rendered: Int) {
        counts.withLock { counts in defer { counts = (0, 0) }; return counts }
    }

    private func lookup(_ unit: String, key: String) -> Entry? {
        let found = entries.withLock { entries -> Entry? in
            guard let cached = entries[unit], cached.key == key else { return nil }
            return cached.entry
        }
        if found != nil { counts.withLock { $0.reused += 1 } }
        return found
    }
}

/// Passes every write on, and remembers the paths: what an exporter wrote, for the cache.
final class RecordingOutput: OutputDestination {
    let base: any OutputDestination
    private let written = Mutex<[String]>([])

    init(_ base: any OutputDestination) { self.base = base }

    var paths: [String] { written.withLock { $0.sorted() } }

    func write(_ path: String, _ data: Data) throws {
        try base.write(path, data)
        written.withLock { $0.append(path) }
    }

    func open(_ path: String) throws -> ByteWriter {
        let writer = try base.open(path)
        written.withLock { $0.append(path) }
        return writer
    }

    func copy(_ path: String, from source: URL) throws {
        try base.copy(path, from: source)
        written.withLock { $0.append(path) }
    }
}
