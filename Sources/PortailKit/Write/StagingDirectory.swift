import Foundation
import Synchronization

/// Writes a build into a temporary folder beside the output folder and swaps it in at the end,
/// so that a failed build leaves the previous output exactly as it was.
///
/// Files whose bytes did not change are hard-linked from the previous output instead of being
/// written, so they keep their modification time (static hosts, rsync and CDNs then see that
/// nothing changed).
public final class StagingDirectory: OutputDestination {
    public let output: URL
    let staging: URL
    private let stagingPath: String
    /// The output folder's path when it held a previous output (nil when there was none),
    /// made once: every file of the build is looked up there.
    private let previousRoot: String?
    private let state = Mutex(State())

    struct State {
        /// Files made; paths written twice are found by the file system (``PlainFile``).
        var files = 0
        var directories: Set<String> = []
        var bytes = 0
        var unchanged = 0
    }

    /// Files written, and how many kept their previous bytes.
    public var summary: (files: Int, bytes: Int, unchanged: Int) {
        state.withLock { ($0.files, $0.bytes, $0.unchanged) }
    }

    public init(output: URL) throws {
        self.output = output.standardizedFileURL
        let parent = self.output.deletingLastPathComponent()
        let name = self.output.lastPathComponent
        staging = parent.appendingPathComponent(".\(name).portail-staging")
        stagingPath = staging.path
        let fm = FileManager.default
        var isDirectory: ObjCBool = false
        if fm.fileExists(atPath: self.output.path, isDirectory: &isDirectory) {
            guard isDirectory.boolValue else { throw OutputError("\(output.path) exists and is not a folder") }
            previousRoot = self.output.path
        } else {
            previousRoot = nil
        }
        do {
            try fm.createDirectory(at: parent, withIntermediateDirectories: true)
            try FolderRemoval.remove(staging.path)  // left by a killed build
            try fm.createDirectory(at: staging, withIntermediateDirectories: false)
        } catch let error as OutputError {
            throw error
        } catch {
            throw OutputError("cannot create \(staging.path): \(error.localizedDescription)")
        }
    }

    // MARK: - OutputDestination

    public func write(_ path: String, _ data: Data) throws {
        let target = try prepare(path)
        if let old = previousPath(path), PlainFile.holds(data, at: old) {
            try link(old, to: target)
        } else {
            try PlainFile.write(data, to: target, exclusive: true)
        }
        made(size: data.count)
    }

    public func open(_ path: String) throws -> ByteWriter {
        let target = URL(fileURLWithPath: try prepare(path))
        let handle = try PlainFile.handle(target.path, exclusive: true)
        made(size: 0)
        return ByteWriter(path: path, target: .file(handle)) { [self] writer, _ in
            state.withLock { $0.bytes += writer.count }
            // Compare after the fact, piece by piece: streamed files are too big to hold.
            if let old = previousPath(path), PlainFile.same(old, target.path) {
                try FileManager.default.removeItem(at: target)
                try link(old, to: target.path)
            }
        }
    }

    public func copy(_ path: String, from source: URL) throws {
        guard let data = try? Data(contentsOf: source, options: .alwaysMapped) else {
            throw OutputError("cannot read \(source.path)")
        }
        try write(path, data)
    }

    public func canKeep(_ paths: PathList) -> Bool {
        guard let previousRoot else { return false }
        let base = previousRoot + "/"
        return paths.allSatisfy { access(base + $0, F_OK) == 0 }
    }

    /// One `stat` and one `link` per file, on plain paths: a rebuild that changed little keeps
    /// thousands of files this way (`portail serve`), and each extra call shows.
    public func keep(_ path: String) throws {
        guard let old = previousPath(path) else { throw OutputError("\(path) is not in the previous output") }
        var info = stat()
        guard stat(old, &info) == 0 else { throw OutputError("\(path) is not in the previous output") }
        try link(old, to: try prepare(path))
        made(size: Int(info.st_size))
    }

    // MARK: - Finishing

    /// Swaps the new tree in place of the previous output. Hidden entries at the top of the
    /// previous output (`.git`, `.gitkeep`, a host's `.well-known`) are carried over: they belong
    /// to whoever publishes the folder, not to the build.
    public func commit() throws {
        let fm = FileManager.default
        guard previousRoot != nil else {
            try fm.moveItem(at: staging, to: output)
            return
        }
        let trash = output.deletingLastPathComponent().appendingPathComponent(".\(output.lastPathComponent).portail-previous")
        try FolderRemoval.remove(trash.path)
        try fm.moveItem(at: output, to: trash)
        do {
            try fm.moveItem(at: staging, to: output)
        } catch {
            try? fm.moveItem(at: trash, to: output)  // put the previous output back
            throw error
        }
        // Only once the new tree is in place do the hidden entries move over: if one cannot,
        // the previous output is kept aside rather than deleted with it.
        var kept: [String] = []
        for name in (try? fm.contentsOfDirectory(atPath: trash.path)) ?? [] where name.hasPrefix(".") {
            let destination = output.appendingPathComponent(name)
            guard !fm.fileExists(atPath: destination.path) else { continue }
            do { try fm.moveItem(at: trash.appendingPathComponent(name), to: destination) } catch { kept.append(name) }
        }
        guard kept.isEmpty else {
            throw OutputError("could not carry \(kept.joined(separator: ", ")) over to the new output; the previous output is kept in \(trash.path)")
        }
        try FolderRemoval.remove(trash.path)
    }

    /// Drops the staging folder; the previous output is untouched.
    public func abort() {
        try? FolderRemoval.remove(staging.path)
    }

    // MARK: - Helpers

    /// The staging path of an output file, its folder created. Plain strings, not URLs: this
    /// runs for every file of the portal.
    private func prepare(_ path: String) throws -> String {
        let folder = try OutputPath.folder(of: path)
        let created = state.withLock { $0.directories.contains(folder) }
        if !created && !folder.isEmpty {
            try FileManager.default.createDirectory(at: staging.appendingPathComponent(folder), withIntermediateDirectories: true)
            state.withLock { _ = $0.directories.insert(folder) }
        }
        return stagingPath + "/" + path
    }

    /// Counts a file once it is made.
    private func made(size: Int) {
        state.withLock {
            $0.files += 1
            $0.bytes += size
        }
    }

    /// Where `path` was in the previous output (it may not be there: the callers' reads tell).
    private func previousPath(_ path: String) -> String? {
        previousRoot.map { $0 + "/" + path }
    }

    /// Hard-links a file of the previous output; plain paths, as it runs for every kept file.
    private func link(_ old: String, to target: String) throws {
        if try !PlainFile.link(old, as: target) {
            // Another file system: copy, and keep the time stamp by hand.
            try FileManager.default.copyItem(atPath: old, toPath: target)
            if let date = try? FileManager.default.attributesOfItem(atPath: old)[.modificationDate] {
                try? FileManager.default.setAttributes([.modificationDate: date as Any], ofItemAtPath: target)
            }
        }
        state.withLock { $0.unchanged += 1 }
    }
}
