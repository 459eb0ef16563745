import Foundation

/// Removes a folder and everything in it, one directory entry at a time.
///
/// `FileManager.removeItem` walks the tree with fts, which reads all of a directory's entries
/// into memory before removing any: the 520,000 files of the benchmark's S=10
/// `agenda/events/` held 67 MB at the end of every rebuild, when the previous output goes,
/// twice the full build's own peak. Here each level of the tree holds one open directory.
enum FolderRemoval {
    /// Removes `path`, a folder, and its contents; a symbolic link inside is removed, never
    /// followed. Nothing there is not an error.
    static func remove(_ path: String) throws {
        let descriptor = open(path, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC)
        guard descriptor >= 0 else {
            if errno == ENOENT { return }
            throw failure("cannot open", path)
        }
        try empty(descriptor, path: path)
        guard rmdir(path) == 0 else { throw failure("cannot remove", path) }
    }

    /// Empties the open folder `descriptor` (which it closes). Entries are removed as
    /// `readdir` gives them; POSIX leaves open whether a pass sees every entry when others are
    /// removed during it, so passes go on until one finds the folder empty.
    private static func empty(_ descriptor: Int32, path: String) throws {
        guard let directory = fdopendir(descriptor) else {
            close(descriptor)
            throw failure("cannot read", path)
        }
        defer { closedir(directory) }
        var removedAny = true
        while removedAny {
            removedAny = false
            rewinddir(directory)
            while let entry = readdir(directory) {
                let isFolder = entry.pointee.d_type == UInt8(DT_DIR)
                let done = try withUnsafePointer(to: &entry.pointee.d_name) { field -> Bool in
                    let name = UnsafeRawPointer(field).assumingMemoryBound(to: CChar.self)
                    if name[0] == 0x2E && (name[1] == 0 || (name[1] == 0x2E && name[2] == 0)) { return false }  // "." and ".."
                    try removeEntry(name, in: descriptor, isFolder: isFolder, parent: path)
                    return true
                }
                if done { removedAny = true }
            }
        }
    }

    /// Removes one entry of an open folder; a folder's contents first. The type `readdir`
    /// gave may be unknown (some file systems): unlinking a folder then fails with EISDIR.
    private static func removeEntry(_ name: UnsafePointer<CChar>, in folder: Int32, isFolder: Bool, parent: String) throws {
        if !isFolder {
            if unlinkat(folder, name, 0) == 0 || errno == ENOENT { return }
            guard errno == EISDIR || errno == EPERM else { throw failure("cannot remove", parent + "/" + String(cString: name)) }
        }
        let path = parent + "/" + String(cString: name)
        let child = openat(folder, name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC)
        guard child >= 0 else { throw failure("cannot open", path) }
        try empty(child, path: path)
        guard unlinkat(folder, name, AT_REMOVEDIR) == 0 else { throw failure("cannot remove", path) }
    }

    private static func failure(_ what: String, _ path: String) -> OutputError {
        OutputError("\(what) \(path): \(String(cString: strerror(errno)))")
    }
}
