/// Writes the static API's record pages, `api/datasets/<id>/records/<n>.json` (n from 1):
/// fixed-size pages of typed records with `total_count`, `next` and `prev`, like the paged
/// records endpoints of hosted portals.
struct RecordsPageSink: RecordSink {
    static let pageSize = 1_000

    private let open: (Int) throws -> ByteWriter
    private let dataset: Dataset
    private let urls: SiteURLs
    private let keys: [[UInt8]]
    private let pageCount: Int
    private var writer: ByteWriter?
    private var page = 0
    private var rowsInPage = 0

    init(dataset: Dataset, fields: [Field], urls: SiteURLs, open: @escaping (Int) throws -> ByteWriter) {
        self.dataset = dataset
        self.urls = urls
        self.open = open
        self.keys = fields.map { Array((JSONText.string($0.name) + ":").utf8) }
        self.pageCount = Self.pageCount(rows: dataset.rowCount)
    }

    static func path(for dataset: Dataset, page: Int) -> String {
        "api/datasets/\(dataset.id)/records/\(page).json"
    }

    /// At least one page, so that the first page exists even for an empty dataset.
    static func pageCount(rows: Int) -> Int { max(1, (rows + pageSize - 1) / pageSize) }

    mutating func write(_ values: [Value]) throws {
        if writer == nil { try startPage() }
        let w = writer!
        w.write(rowsInPage == 0 ? "\n{" : ",\n{")
        for i in values.indices {
            if i > 0 { w.write(byte: UInt8(ascii: ",")) }
            w.write(bytes: keys[i])
            ValueEncoding.json(values[i], into: w)
        }
        w.write(byte: UInt8(ascii: "}"))
        w.flushIfNeeded()
        rowsInPage += 1
        if rowsInPage == Self.pageSize { try endPage() }
    }

    mutating func finish() throws {
        if page == 0 { try startPage() }
        try endPage()
    }

    private mutating func startPage() throws {
        page += 1
        let w = try open(page)
        writer = w
        w.write("{\"dataset\":\(JSONText.string(dataset.id)),\"total_count\":\(dataset.rowCount),")
        w.write("\"page\":\(page),\"page_size\":\(Self.pageSize),\"pages\":\(pageCount),")
        w.write("\"next\":\(link(page + 1)),\"prev\":\(link(page - 1)),\"results\":[")
    }

    /// The URL of page n as JSON, or `null` outside the pages.
    private func link(_ n: Int) -> String {
        n >= 1 && n <= pageCount ? JSONText.string(urls.apiRecords(dataset, page: n)) : "null"
    }

    private mutating func endPage() throws {
        guard let w = writer else { return }
        w.write(rowsInPage == 0 ? "]}\n" : "\n]}\n")
        try w.close()
        writer = nil
        rowsInPage = 0
    }
}
