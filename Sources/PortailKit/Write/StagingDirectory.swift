import Foundation
import Synchronization

/// Writes a build into a temporary folder beside the output folder and brings it into the
/// output at the end (``commit()``), so that a failed build leaves the previous output exactly
/// as it was.
///
/// Only what changed is staged: a file whose bytes are those of the previous output, and the
/// files of units the render cache keeps, are left where they are, untouched (static hosts,
/// rsync and CDNs then see that nothing changed). The commit renames the staged files over
/// the old ones and deletes what the build no longer makes, through a journal that the next
/// build finishes if this one is cut short (``OutputCommit``).
public final class StagingDirectory: OutputDestination {
    public let output: URL
    let staging: URL
    private let stagingPath: String
    /// The output folder's path when it held a previous output (nil when there was none),
    /// made once: every file of the build is looked up there.
    private let previousRoot: String?
    private let state = Mutex(State())
    /// The previous output's files, listed at the first ``keep(_:bytes:)``.
    private let previousFiles = Mutex<PathHashes?>(nil)

    struct State {
        /// Files made; paths written twice are found by the file system (``PlainFile``), and
        /// among kept files by their hashes.
        var files = 0
        var directories: Set<String> = []
        var bytes = 0
        var kept = PathHashes()
        /// How many kept files the listing of the previous output holds: those that are not
        /// hidden entries at the top.
        var keptListed = 0
        var unchanged = 0
    }

    /// Files written, and how many kept their previous bytes.
    public var summary: (files: Int, bytes: Int, unchanged: Int) {
        state.withLock { ($0.files, $0.bytes, $0.unchanged) }
    }

    public init(output: URL) throws {
        self.output = output.standardizedFileURL
        let parent = self.output.deletingLastPathComponent()
        staging = OutputCommit.staging(for: self.output)
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
            try OutputCommit.recover(output: self.output)  // a commit cut short is finished first
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
            try kept(path, staged: target)
        } else {
            try checkNotKept(path, staged: target)
            try PlainFile.write(data, to: target, exclusive: true)
        }
        made(size: data.count)
    }

    public func open(_ path: String) throws -> ByteWriter {
        let target = try prepare(path)
        try checkNotKept(path, staged: target)
        let handle = try PlainFile.handle(target, exclusive: true)
        made(size: 0)
        return ByteWriter(path: path, target: .file(handle)) { [self] writer, _ in
            state.withLock { $0.bytes += writer.count }
            // Compare after the fact, piece by piece: streamed files are too big to hold.
            if let old = previousPath(path), PlainFile.same(old, target) {
                unlink(target)
                try kept(path, staged: target)
            }
        }
    }

    public func copy(_ path: String, from source: URL) throws {
        guard let data = try? Data(contentsOf: source, options: .alwaysMapped) else {
            throw OutputError("cannot read \(source.path)")
        }
        try write(path, data)
    }

    /// Nothing written, nothing asked of the file system per file: a rebuild that changed
    /// little keeps hundreds of thousands of files this way. Whether the previous output holds
    /// them is answered by one listing of its folders, made at the first call (a `stat` per
    /// kept file, looked up by name in folders of 250,000 event pages, was a third of an S=10
    /// rebuild after a page's text changed); `bytes`, their size, comes from the render cache.
    /// A kept path that the build also writes is found by ``commit()``, before the output is
    /// touched. The paths are not checked as written ones are (``OutputPath``): a kept path is
    /// never written nor deleted.
    public func keep(_ paths: PathList, bytes: Int) throws -> Bool {
        guard let previousRoot else { return false }
        let previous = try previousFiles.withLock { listed in
            if let listed { return listed }
            let files = try PathHashes(filesUnder: previousRoot)
            listed = files
            return files
        }
        var hashes: [UInt64] = []
        hashes.reserveCapacity(paths.count)
        var listed = 0
        for path in paths {
            let hash = PathHashes.hash(path)
            // The listing leaves out hidden entries at the top, which may be the publisher's
            // folders (`.git`); the build's own (`.htaccess`) are looked at one by one.
            if Self.isHiddenAtTop(path) {
                guard Self.isFile(previousRoot + "/" + path) else { return false }
            } else {
                guard previous.contains(hash: hash) else { return false }
                listed += 1
            }
            hashes.append(hash)
        }
        let twice = state.withLock { state -> Int? in
            for (index, hash) in hashes.enumerated() where !state.kept.insert(hash: hash) { return index }
            state.files += paths.count
            state.bytes += bytes
            state.unchanged += paths.count
            state.keptListed += listed
            return nil
        }
        if let twice { throw OutputError.writtenTwice(stagingPath + "/" + Array(paths)[twice]) }
        return true
    }

    /// A path the listing of the previous output leaves out.
    private static func isHiddenAtTop(_ path: String) -> Bool {
        path.utf8.first == UInt8(ascii: ".") && !path.utf8.contains(UInt8(ascii: "/"))
    }

    private static func isFile(_ path: String) -> Bool {
        var info = stat()
        return lstat(path, &info) == 0 && (info.st_mode & S_IFMT) != S_IFDIR
    }

    // MARK: - Finishing

    /// Brings the build into the output folder: the staging folder becomes the output when
    /// there was none; else the staged files move into it and the files the build no longer
    /// makes are deleted (``OutputCommit``). Hidden entries at the top of the output (`.git`,
    /// `.gitkeep`, a host's `.well-known`) belong to whoever publishes the folder: untouched.
    public func commit() throws {
        guard let previousRoot else {
            try FileManager.default.moveItem(at: staging, to: output)
            return
        }
        let (kept, keptListed) = state.withLock { ($0.kept, $0.keptListed) }
        let previous = previousFiles.withLock { $0 }
        var stale: PathList?
        if !kept.isEmpty {
            let replacing = try OutputCommit.checkStaged(stagingPath, against: kept, previous: previous)
            // Every previous file kept or replaced: nothing to delete, and no second walk of
            // the previous output (a sixth of an S=10 rebuild after a page's text changed).
            if let previous, keptListed + replacing == previous.count { stale = PathList() }
        }
        try OutputCommit.run(output: previousRoot, staging: stagingPath, journal: OutputCommit.journal(for: output),
                              stale: stale ?? OutputCommit.stale(in: previousRoot, kept: kept, staging: stagingPath))
    }

    /// Drops the staging folder; the previous output is untouched. A commit already under way
    /// (its journal written) is left for the next build to finish: its staged files are needed.
    public func abort() {
        guard access(OutputCommit.journal(for: output), F_OK) != 0 else { return }
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

    /// Records `path`, whose bytes are those of the previous output, as kept; an error when
    /// it was already made (kept, or staged at `staged`).
    private func kept(_ path: String, staged: String) throws {
        var info = stat()
        guard lstat(staged, &info) != 0 else { throw OutputError.writtenTwice(staged) }
        let first = state.withLock { state -> Bool in
            guard state.kept.insert(path) else { return false }
            state.unchanged += 1
            if !Self.isHiddenAtTop(path) { state.keptListed += 1 }
            return true
        }
        guard first else { throw OutputError.writtenTwice(staged) }
    }

    /// An error when `path` was kept already (a staged path made twice is found by the file
    /// system).
    private func checkNotKept(_ path: String, staged: String) throws {
        if state.withLock({ !$0.kept.isEmpty && $0.kept.contains(path) }) { throw OutputError.writtenTwice(staged) }
    }
}
