import Foundation

/// Watches the content and theme folders by polling: every file's path, size and modification
/// time, compared with the previous look. Polling works the same on every system and file
/// system (network shares, containers, editors that replace files), and a portal's sources are
/// a few hundred files at most: a look costs well under a millisecond each.
public struct SourceWatcher: Sendable {
    let roots: [URL]
    /// Time between two looks.
    var interval: Duration = .milliseconds(50)

    public init(roots: [URL]) {
        self.roots = roots
    }

    /// What the folders hold now.
    func snapshot() -> [String: [Int]] {
        var files: [String: [Int]] = [:]
        let keys: [URLResourceKey] = [.isRegularFileKey, .fileSizeKey, .contentModificationDateKey]
        for root in roots {
            guard let walker = FileManager.default.enumerator(at: root, includingPropertiesForKeys: keys) else { continue }
            for case let url as URL in walker {
                guard let values = try? url.resourceValues(forKeys: Set(keys)), values.isRegularFile == true else { continue }
                let time = values.contentModificationDate?.timeIntervalSince1970 ?? 0
                files[url.path] = [values.fileSize ?? -1, Int(time * 1_000_000)]
            }
        }
        return files
    }

    /// Calls `changed` each time the folders change, once they have held still for half
    /// an interval (an editor saving several files, or writing one in pieces, gives one rebuild).
    public func watch(_ changed: @Sendable () async -> Void) async {
        var last = snapshot()
        while !Task.isCancelled {
            try? await Task.sleep(for: interval)
            var now = snapshot()
            guard now != last else { continue }
            while !Task.isCancelled {
                try? await Task.sleep(for: interval / 2)
                let settled = snapshot()
                if settled == now { break }
                now = settled
            }
            last = now
            await changed()
        }
    }
}
