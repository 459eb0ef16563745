import Foundation
import Synchronization

/// Brings an output folder up to date in place: a file is written only when its bytes
/// changed (through a temporary file renamed over it, so a reader never sees half a file),
/// files kept from the previous build are not touched at all, and ``finish()`` deletes the
/// files the build no longer makes.
///
/// `portail serve` rebuilds through it: after a small change, most of the portal's thousands
/// of files cost nothing, where ``StagingDirectory`` links each one into a new tree. The price
/// is atomicity: content errors stop a build before anything is written, but a build that
/// fails while writing (a template error) leaves the exports it had written beside the
/// previous pages. `portail build` keeps using ``StagingDirectory``.
public final class SyncDirectory: OutputDestination {
    public let output: URL
    private let root: String
    /// Files of the folder before the build (output-relative paths; hidden top-level entries,
    /// which belong to whoever publishes the folder, left out).
    private let existing: Set<String>
    private let state = Mutex(State())

    struct State {
        var produced: Set<String> = []
        var directories: Set<String> = []
        var written = 0
    }

    /// `existing`: the files the folder holds, when the caller knows them (the previous
    /// build's ``produced``); else the folder is read.
    public init(output: URL, existing: Set<String>? = nil) throws {
        self.output = output.standardizedFileURL
        root = self.output.path
        try FileManager.default.createDirectory(at: self.output, withIntermediateDirectories: true)
        self.existing = existing ?? Self.files(in: self.output)
    }

    /// Every file this build made or kept.
    public var produced: Set<String> { state.withLock { $0.produced } }

    /// Files whose bytes were written (new or changed).
    public var writtenCount: Int { state.withLock { $0.written } }

    public func write(_ path: String, _ data: Data) throws {
        let target = try prepare(path)
        if existing.contains(path), PlainFile.holds(data, at: target) { return }
        let temporary = target + ".portail-tmp"
        try PlainFile.write(data, to: temporary)
        try replace(target, with: temporary)
    }

    public func open(_ path: String) throws -> ByteWriter {
        let target = try prepare(path)
        let temporary = target + ".portail-tmp"
        let handle = try PlainFile.handle(temporary)
        return ByteWriter(path: path, target: .file(handle)) { [self] _, _ in
            if existing.contains(path), PlainFile.same(target, temporary) {
                unlink(temporary)
            } else {
                try replace(target, with: temporary)
            }
        }
    }

    public func copy(_ path: String, from source: URL) throws {
        guard let data = try? Data(contentsOf: source, options: .alwaysMapped) else {
            throw OutputError("cannot read \(source.path)")
        }
        try write(path, data)
    }

    public func keep(_ paths: PathList, bytes: Int) throws -> Bool {
        guard paths.allSatisfy({ existing.contains($0) && access(root + "/" + $0, F_OK) == 0 }) else { return false }
        for path in paths { _ = try prepare(path, create: false) }
        return true
    }

    /// Deletes the files of the previous build that this one did not make, and the folders
    /// they leave empty. Returns how many files were deleted.
    @discardableResult
    public func finish() -> Int {
        let stale = existing.subtracting(produced).sorted()
        var folders: Set<String> = []
        for path in stale {
            unlink(root + "/" + path)
            var folder = (path as NSString).deletingLastPathComponent
            while !folder.isEmpty { folders.insert(folder); folder = (folder as NSString).deletingLastPathComponent }
        }
        // Deepest first; rmdir fails harmlessly on folders that still hold something.
        for folder in folders.sorted(by: { $0.count > $1.count }) { rmdir(root + "/" + folder) }
        return stale.count
    }

    // MARK: - Helpers

    private func prepare(_ path: String, create: Bool = true) throws -> String {
        let folder = try OutputPath.folder(of: path)
        let known = try state.withLock { state -> Bool in
            guard state.produced.insert(path).inserted else { throw OutputError.writtenTwice(path) }
            return state.directories.contains(folder)
        }
        if create && !known && !folder.isEmpty {
            try FileManager.default.createDirectory(atPath: root + "/" + folder, withIntermediateDirectories: true)
            state.withLock { _ = $0.directories.insert(folder) }
        }
        return root + "/" + path
    }

    private func replace(_ target: String, with temporary: String) throws {
        guard rename(temporary, target) == 0 else {
            unlink(temporary)
            throw OutputError("cannot write \(target): \(String(cString: strerror(errno)))")
        }
        state.withLock { $0.written += 1 }
    }


    /// Regular files under `folder`, output-relative, hidden top-level entries left out.
    static func files(in folder: URL) -> Set<String> {
        let base = folder.standardizedFileURL.path
        guard let walker = FileManager.default.enumerator(atPath: base) else { return [] }
        var files: Set<String> = []
        while let relative = walker.nextObject() as? String {
            if relative.hasPrefix("."), !relative.contains("/") {
                if (walker.fileAttributes?[.type] as? FileAttributeType) == .typeDirectory { walker.skipDescendants() }
                continue
            }
            if (walker.fileAttributes?[.type] as? FileAttributeType) == .typeRegular { files.insert(relative) }
        }
        return files
    }
}
