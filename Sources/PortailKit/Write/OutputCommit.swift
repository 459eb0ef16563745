import Foundation

/// Brings a finished build into a previous output folder in place: the staged files (new or
/// changed) are renamed over the old ones, and the files the build no longer makes are
/// deleted. Files the build kept are not touched at all.
///
/// Swapping a whole new tree in instead meant hard-linking every kept file into it and then
/// deleting every file of the old tree: after one changed cell at the benchmark's S=10, two
/// thirds of the rebuild (1.1 million system calls for 564,797 files that did not change).
///
/// A commit is journalled, so that one cut short (the process killed, the machine stopped) is
/// finished rather than left half done: the list of files to delete is written beside the
/// output first (``journal(for:)``), and its presence means "the staged files are complete,
/// apply them". Applying is idempotent — deleting what is already gone, moving what is still
/// staged — and the next build applies a journal it finds before anything else (``recover``).
/// Content errors and failed renders never reach this point: the output is then untouched.
enum OutputCommit {
    /// Where the journal of `output`'s commit is, beside it (hidden, never published).
    static func journal(for output: URL) -> String { OutputSibling.url(of: output, "commit").path }

    /// Where a build of `output` stages its files, beside it.
    static func staging(for output: URL) -> URL { OutputSibling.url(of: output, "staging") }

    /// Files of the previous output at `root` that the build neither kept nor made again
    /// (hidden entries at the top, which belong to whoever publishes the folder, left out).
    /// A previous file is replaced when `staging` holds a file at its path.
    static func stale(in root: String, kept: PathHashes, staging: String) throws -> PathList {
        let stagingFolder = open(staging, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard stagingFolder >= 0 else { throw failure("cannot open", staging) }
        defer { close(stagingFolder) }
        var found = PathList()
        var relative: [UInt8] = []
        try FolderWalk.files(in: root, relative: &relative, skipHiddenAtTop: true) { path in
            if kept.contains(path) { return }
            var info = stat()
            let staged = path.withUnsafeBufferPointer { bytes in
                bytes.withMemoryRebound(to: CChar.self) { fstatat(stagingFolder, $0.baseAddress!, &info, AT_SYMLINK_NOFOLLOW) == 0 }
            }
            if staged && (info.st_mode & S_IFMT) != S_IFDIR { return }
            found.append(String(decoding: path.dropLast(), as: UTF8.self))
        }
        return found
    }

    /// An error when a staged file is also kept (two parts of the build made the same path).
    /// Returns how many staged files replace one of `previous`.
    @discardableResult
    static func checkStaged(_ staging: String, against kept: PathHashes, previous: PathHashes? = nil) throws -> Int {
        var relative: [UInt8] = []
        var replacing = 0
        try FolderWalk.files(in: staging, relative: &relative, skipHiddenAtTop: false) { path in
            if kept.contains(path) { throw OutputError.writtenTwice(staging + "/" + String(decoding: path.dropLast(), as: UTF8.self)) }
            if previous?.contains(path) == true { replacing += 1 }
        }
        return replacing
    }

    /// Records the files to delete, then applies the commit.
    static func run(output: String, staging: String, journal: String, stale: PathList) throws {
        let temporary = journal + ".tmp"
        var text: [UInt8] = []
        for path in stale { text.append(contentsOf: path.utf8); text.append(0x0A) }
        try PlainFile.write(Data(text), to: temporary)
        guard rename(temporary, journal) == 0 else { throw failure("cannot write", journal) }
        try apply(output: output, staging: staging, journal: journal, stopAfter: stopAfterMoves)
    }

    /// For the test of a commit cut short through the binary (IncrementalCLITests): the process
    /// ends abruptly, as if killed, after moving this many staged files. Never set otherwise.
    private static let stopAfterMoves = ProcessInfo.processInfo.environment["PORTAIL_TEST_STOP_COMMIT_AFTER"].flatMap(Int.init)

    /// Finishes the commit a journal beside `output` describes, if there is one.
    static func recover(output: URL) throws {
        let journal = journal(for: output)
        guard access(journal, F_OK) == 0 else { return }
        try apply(output: output.standardizedFileURL.path, staging: staging(for: output).path, journal: journal)
    }

    /// Deletes the journal's files and the folders they leave empty, moves every staged file
    /// into place, then drops the staging folder and the journal. Each step can run again.
    private static func apply(output: String, staging: String, journal: String, stopAfter: Int? = nil) throws {
        // The output folder removed since (by hand): nothing is left to finish.
        guard access(output, F_OK) == 0 else {
            try FolderRemoval.remove(staging)
            guard unlink(journal) == 0 || errno == ENOENT else { throw failure("cannot remove", journal) }
            return
        }
        guard let listed = FileManager.default.contents(atPath: journal) else { throw failure("cannot read", journal) }
        var folders: Set<String> = []
        for line in listed.split(separator: 0x0A) where !line.isEmpty {
            let path = String(decoding: line, as: UTF8.self)
            let target = output + "/" + path
            if unlink(target) != 0 && errno != ENOENT {
                guard errno == EISDIR || errno == EPERM else { throw failure("cannot remove", target) }
                try FolderRemoval.remove(target)
            }
            var folder = Substring(path)
            while let slash = folder.lastIndex(of: "/") {
                folder = folder[..<slash]
                folders.insert(String(folder))
            }
        }
        // Deepest first; a folder that still holds something stays.
        for folder in folders.sorted(by: { $0.utf8.count > $1.utf8.count }) { rmdir(output + "/" + folder) }
        if access(staging, F_OK) == 0 {
            // Renaming entries out of a folder while reading it may hide others from readdir
            // (POSIX leaves it open, as FolderRemoval notes): passes go on until one moves
            // nothing, so that no staged file is left behind to be deleted with the folder.
            var moved = 0, before: Int
            repeat {
                before = moved
                try move(from: staging, into: output, moved: &moved, stopAfter: stopAfter)
            } while moved > before
            try FolderRemoval.remove(staging)
        }
        guard unlink(journal) == 0 || errno == ENOENT else { throw failure("cannot remove", journal) }
    }

    /// Renames every file under the folder `source` to the same place under `target`,
    /// creating folders as needed. What stands in the way (a folder where a file goes, a file
    /// where a folder goes) is an output of the previous build the journal already deleted,
    /// unless the commit was cut short before: it is removed.
    private static func move(from source: String, into target: String, moved: inout Int, stopAfter: Int?) throws {
        try FolderWalk.entries(of: source) { name, isFolder in
            let from = source + "/" + name, to = target + "/" + name
            if isFolder {
                if mkdir(to, 0o755) != 0 {
                    guard errno == EEXIST else { throw failure("cannot create", to) }
                    var existing = stat()
                    if lstat(to, &existing) == 0, (existing.st_mode & S_IFMT) != S_IFDIR {
                        guard unlink(to) == 0, mkdir(to, 0o755) == 0 else { throw failure("cannot create", to) }
                    }
                }
                try move(from: from, into: to, moved: &moved, stopAfter: stopAfter)
                return
            }
            if moved == stopAfter { _exit(137) }
            moved += 1
            if rename(from, to) != 0 {
                switch errno {
                case EISDIR, ENOTEMPTY, EEXIST:
                    try FolderRemoval.remove(to)
                    guard rename(from, to) == 0 else { throw failure("cannot move \(from) to", to) }
                case EXDEV:  // the output folder is a mount point (a container's volume): copied
                    let temporary = to + ".portail-tmp"
                    unlink(temporary)
                    try FileManager.default.copyItem(atPath: from, toPath: temporary)
                    guard rename(temporary, to) == 0 else { throw failure("cannot write", to) }
                    unlink(from)
                default:
                    throw failure("cannot move \(from) to", to)
                }
            }
        }
    }

    private static func failure(_ what: String, _ path: String) -> OutputError {
        OutputError("\(what) \(path): \(String(cString: strerror(errno)))")
    }
}

/// Walks the regular files (and links, and anything not a folder) of a tree, giving each path
/// relative to the root as bytes ending with a NUL, ready for the `*at` calls.
enum FolderWalk {
    static func files(in root: String, relative: inout [UInt8], skipHiddenAtTop: Bool,
                      _ body: ([UInt8]) throws -> Void) throws {
        let base = relative.count
        try entries(of: root) { name, isFolder in
            if skipHiddenAtTop && base == 0 && name.hasPrefix(".") { return }
            relative.removeSubrange(base...)
            relative.append(contentsOf: name.utf8)
            if isFolder {
                relative.append(0x2F)
                try files(in: root + "/" + name, relative: &relative, skipHiddenAtTop: false, body)
            } else {
                relative.append(0)
                try body(relative)
            }
        }
        relative.removeSubrange(base...)
    }

    /// The entries of the folder at `path` (`.` and `..` left out), and whether each is a
    /// folder (a link to one is not). Nothing there is not an error.
    static func entries(of path: String, _ body: (_ name: String, _ isFolder: Bool) throws -> Void) throws {
        guard let folder = opendir(path) else {
            if errno == ENOENT { return }
            throw OutputError("cannot read \(path): \(String(cString: strerror(errno)))")
        }
        defer { closedir(folder) }
        while let entry = readdir(folder) {
            let name = withUnsafePointer(to: &entry.pointee.d_name) {
                String(cString: UnsafeRawPointer($0).assumingMemoryBound(to: CChar.self))
            }
            if name == "." || name == ".." { continue }
            var isFolder = entry.pointee.d_type == UInt8(DT_DIR)
            if entry.pointee.d_type == UInt8(DT_UNKNOWN) {  // some file systems do not say
                var info = stat()
                isFolder = lstat(path + "/" + name, &info) == 0 && (info.st_mode & S_IFMT) == S_IFDIR
            }
            try body(name, isFolder)
        }
    }
}
