import Foundation

/// Output paths as 64-bit hashes of their bytes: the files a build kept from the previous
/// output, and the files that output held (``StagingDirectory/keep(_:bytes:)``). The S=10
/// benchmark keeps 564,797 files after a one-cell change, 4.5 MB as hashes where the paths
/// themselves would be about 50 MB. Two paths with the same hash (odds about one in 10⁸ at
/// that size) would make a file written after a kept one an error, or a stale file stay.
struct PathHashes: Sendable {
    private var hashes: Set<UInt64> = []

    init() {}

    init(_ paths: [String]) {
        for path in paths { _ = insert(path) }
    }

    /// The files under `root` (``FolderWalk``, hidden entries at the top left out).
    init(filesUnder root: String) throws {
        var relative: [UInt8] = [], found: Set<UInt64> = []
        try FolderWalk.files(in: root, relative: &relative, skipHiddenAtTop: true) { path in
            found.insert(Self.hash(path.dropLast()))
        }
        hashes = found
    }

    /// Adds `path`; false when it was there already.
    mutating func insert(_ path: String) -> Bool {
        insert(hash: Self.hash(path))
    }

    /// Adds the path of this ``hash(_:)``; false when it was there already.
    mutating func insert(hash: UInt64) -> Bool {
        hashes.insert(hash).inserted
    }

    func contains(_ path: String) -> Bool {
        hashes.contains(Self.hash(path))
    }

    func contains(hash: UInt64) -> Bool {
        hashes.contains(hash)
    }

    static func hash(_ path: String) -> UInt64 { hash(path.utf8) }

    /// For a path as bytes ending with a NUL (``FolderWalk``), which is not hashed.
    func contains(_ path: [UInt8]) -> Bool {
        hashes.contains(Self.hash(path.dropLast()))
    }

    var isEmpty: Bool { hashes.isEmpty }
    var count: Int { hashes.count }

    /// FNV-1a: the bytes as they are, where `String`'s own hash is per process and equates
    /// canonically equivalent Unicode, which are two files on disk.
    private static func hash<C: Collection<UInt8>>(_ bytes: C) -> UInt64 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in bytes {
            hash ^= UInt64(byte)
            hash = hash &* 0x0000_0100_0000_01B3
        }
        return hash
    }
}
