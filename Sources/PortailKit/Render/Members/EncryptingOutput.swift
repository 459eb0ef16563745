import Foundation

/// Seals every file written through it with the members' key and hands it to the real
/// destination under `members/`: `datasets/x/x.csv` is published as
/// `members/datasets/x/x.csv.enc`. Renderers write restricted files exactly as they write
/// public ones; nothing restricted reaches the destination in clear.
///
/// Files are sealed whole (AES-GCM authenticates a message at once), so each one is held in
/// memory until it is closed.
struct EncryptingOutput: OutputDestination {
    let base: any OutputDestination
    let key: MembersKey

    /// Where a restricted file is published.
    static func sealedPath(_ path: String) -> String { "members/\(path).enc" }

    func write(_ path: String, _ data: Data) throws {
        let sealed = Self.sealedPath(path)
        try base.write(sealed, try key.seal(data, path: sealed))
    }

    func open(_ path: String) throws -> ByteWriter {
        ByteWriter(path: path, target: .memory) { [self] writer, bytes in
            try write(writer.path, Data(bytes))
        }
    }

    func copy(_ path: String, from source: URL) throws {
        try write(path, try Data(contentsOf: source))
    }
}
