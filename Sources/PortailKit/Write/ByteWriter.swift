import Foundation

/// A buffered writer of one output file's bytes, used by the streaming renderers (exports of
/// hundreds of thousands of rows go to disk 1 MiB at a time, never whole in memory).
///
/// Writers are made by an ``OutputDestination`` and belong to one task at a time.
public final class ByteWriter {
    enum Target {
        case file(FileHandle)
        case memory
        case discard
    }

    /// Output-relative path of the file.
    public let path: String
    /// Bytes written so far.
    public private(set) var count = 0
    private var buffer: [UInt8] = []
    private let target: Target
    private let onClose: (ByteWriter, [UInt8]) throws -> Void
    private var collected: [UInt8] = []
    private var closed = false

    private static let flushThreshold = 1 << 20

    init(path: String, target: Target, onClose: @escaping (ByteWriter, [UInt8]) throws -> Void) {
        self.path = path
        self.target = target
        self.onClose = onClose
        buffer.reserveCapacity(Self.flushThreshold + 4096)
    }

    public func write(_ text: String) {
        var text = text
        text.withUTF8 { buffer.append(contentsOf: $0) }
        count += text.utf8.count
        if buffer.count >= Self.flushThreshold { flush() }
    }

    public func write(byte: UInt8) {
        buffer.append(byte)
        count += 1
    }

    public func write<Bytes: Collection>(bytes: Bytes) where Bytes.Element == UInt8 {
        buffer.append(contentsOf: bytes)
        count += bytes.count
        if buffer.count >= Self.flushThreshold { flush() }
    }

    private func flush() {
        switch target {
        case .file(let handle): handle.write(Data(buffer))
        case .memory: collected.append(contentsOf: buffer)
        case .discard: break
        }
        buffer.removeAll(keepingCapacity: true)
    }

    /// Flushes and hands the file to its destination. Returns the file's size in bytes.
    @discardableResult
    public func close() throws -> Int {
        guard !closed else { return count }
        closed = true
        flush()
        if case .file(let handle) = target { try handle.close() }
        try onClose(self, collected)
        collected = []
        return count
    }
}
