import Foundation

/// Where the Write stage puts the rendered files. Renderers only ever see this protocol, so
/// the same pipeline writes a real output folder (``StagingDirectory``), a tree in memory for
/// tests (``MemoryOutput``), or nothing at all for `portail check` (``DiscardOutput``).
///
/// Implementations are safe to use from concurrent tasks.
public protocol OutputDestination: Sendable {
    /// Writes a whole file.
    func write(_ path: String, _ data: Data) throws
    /// Opens a file to be written in pieces; the caller must `close()` the writer.
    func open(_ path: String) throws -> ByteWriter
    /// Copies a file from the theme or the content as it is.
    func copy(_ path: String, from source: URL) throws
    /// Keeps these files of the previous output as they are (``RenderCache``: their inputs
    /// did not change), when the previous output holds every one of them; false, keeping
    /// none, when it does not. `bytes` is their size when they were written. A path kept
    /// twice, or kept and written, is an error.
    func keep(_ paths: PathList, bytes: Int) throws -> Bool
}

extension OutputDestination {
    public func keep(_ paths: PathList, bytes: Int) throws -> Bool { false }
}

/// Problems with the output folder itself (not with the content).
public struct OutputError: Error, CustomStringConvertible, Sendable {
    public let description: String
    public init(_ description: String) { self.description = description }

    /// Two renderers made the same file (a record whose key names another page, say).
    static func writtenTwice(_ path: String) -> OutputError { OutputError("\(path) was written twice") }
}

/// Output-relative paths as the folders that write them check them.
enum OutputPath {
    /// The folder part of `path` (empty for a file at the top), once the path is known to stay
    /// inside the output: not absolute, no `..` component. Read on the bytes: splitting by
    /// Character at every file was 6 % of a rebuild that keeps most of its files.
    static func folder(of path: String) throws -> String {
        let bytes = path.utf8
        let slash = UInt8(ascii: "/")
        guard bytes.first != slash, !bytes.split(separator: slash).contains(where: { $0.elementsEqual("..".utf8) }) else {
            throw OutputError("refusing to write outside the output folder: \(path)")
        }
        return bytes.lastIndex(of: slash).map { String(path[..<$0]) } ?? ""
    }
}
