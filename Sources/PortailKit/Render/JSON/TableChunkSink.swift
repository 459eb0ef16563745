/// Writes the rows of the table view in chunks, `datasets/<id>/table/<n>.json`, each an array of
/// row arrays. The page loads them one after the other, so the first rows are usable at once
/// and 60,000 rows arrive without one huge request.
struct TableChunkSink: RecordSink {
    static let rowsPerChunk = 2_000

    private let open: (Int) throws -> ByteWriter
    private var writer: ByteWriter?
    private var rowsInChunk = 0
    private(set) var chunkCount = 0

    /// `open` makes the writer of chunk n.
    init(open: @escaping (Int) throws -> ByteWriter) {
        self.open = open
    }

    static func path(for dataset: Dataset, chunk: Int) -> String {
        "datasets/\(dataset.id)/table/\(chunk).json"
    }

    mutating func write(_ values: [Value]) throws {
        if writer == nil {
            writer = try open(chunkCount)
            chunkCount += 1
            writer!.write("[")
        }
        let w = writer!
        w.write(rowsInChunk == 0 ? "\n[" : ",\n[")
        for i in values.indices {
            if i > 0 { w.write(byte: UInt8(ascii: ",")) }
            ValueEncoding.json(values[i], into: w)
        }
        w.write(byte: UInt8(ascii: "]"))
        w.flushIfNeeded()
        rowsInChunk += 1
        if rowsInChunk == Self.rowsPerChunk { try closeChunk() }
    }

    mutating func finish() throws {
        try closeChunk()
    }

    private mutating func closeChunk() throws {
        guard let current = writer else { return }
        current.write("\n]\n")
        try current.close()
        writer = nil
        rowsInChunk = 0
    }
}
