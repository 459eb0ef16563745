import Foundation

/// How one spreadsheet format writes cells and packages sheets (``XLSXDialect``, ``ODSDialect``).
protocol SpreadsheetDialect {
    /// Rows per sheet before the next one starts (the format's limit, header included).
    static var maxRows: Int { get }
    func header(_ titles: [String], into w: ByteWriter)
    func row(_ values: [Value], layouts: [TextLayout], number: Int, into w: ByteWriter)
    /// The package, given each sheet's name, rows file and column widths (in characters).
    func parts(sheets: [(name: String, rows: ZipPackage.Segment, count: Int)], widths: [Int], fields: [Field],
               metadata: SpreadsheetMetadata) -> [ZipPackage.Part]
}

struct SpreadsheetMetadata {
    let title: String
    let creator: String
    let description: String
    let modified: Day
    let language: String
}

/// Writes a dataset's public records as a spreadsheet: typed cells, field titles in a frozen
/// header row, sensible column widths, and never a formula. Rows stream to temporary files;
/// the container is assembled at the end.
struct SpreadsheetSink<Dialect: SpreadsheetDialect>: RecordSink {
    private let dialect: Dialect
    private let writer: ByteWriter
    private let fields: [Field]
    private let layouts: [TextLayout]
    private let titles: [String]
    private let sheetName: String
    private let metadata: SpreadsheetMetadata
    private var sheets: [TemporarySheet] = []
    /// Longest displayed length per column, for widths.
    private var widths: [Int]

    init(dialect: Dialect, writer: ByteWriter, dataset: Dataset, publisher: String, language: String) throws {
        self.dialect = dialect
        self.writer = writer
        self.fields = dataset.publicFields
        self.layouts = fields.map(TextLayout.init)
        self.titles = fields.map(\.title)
        self.sheetName = Self.sheetName(dataset.title)
        self.metadata = SpreadsheetMetadata(title: dataset.title, creator: publisher, description: dataset.summary,
                                            modified: dataset.modified, language: language)
        self.widths = titles.map { min($0.count, 40) }
        try startSheet()
    }

    /// A sheet name Excel accepts: no `[ ] : * ? / \`, at most 31 characters, not empty.
    static func sheetName(_ title: String, suffix: String = "") -> String {
        let cleaned = String(title.map { "[]:*?/\\".contains($0) ? " " : $0 })
            .trimmingCharacters(in: CharacterSet(charactersIn: " '"))
        let base = cleaned.isEmpty ? "Data" : cleaned
        return String(base.prefix(31 - suffix.count)).trimmingCharacters(in: .whitespaces) + suffix
    }

    private mutating func startSheet() throws {
        let sheet = try TemporarySheet()
        dialect.header(titles, into: sheet.writer)
        sheets.append(sheet)
    }

    mutating func write(_ values: [Value]) throws {
        if sheets.last!.rows + 1 >= Dialect.maxRows { try startSheet() }
        let sheet = sheets.last!
        sheet.countRow()
        dialect.row(values, layouts: layouts, number: sheet.rows + 1, into: sheet.writer)
        for i in values.indices where widths[i] < 60 {
            widths[i] = max(widths[i], Self.displayLength(values[i]))
        }
    }

    mutating func finish() throws {
        var segments: [(name: String, rows: ZipPackage.Segment, count: Int)] = []
        for (i, sheet) in sheets.enumerated() {
            let name = i == 0 ? sheetName : Self.sheetName(metadata.title, suffix: " (\(i + 1))")
            segments.append((name, try sheet.finish(), sheet.rows))
        }
        let parts = dialect.parts(sheets: segments, widths: widths.map { min(max($0, 6), 60) + 2 }, fields: fields,
                                  metadata: metadata)
        try ZipPackage.write(parts, to: writer)
        try writer.close()
        sheets.removeAll()  // removes the temporary files
    }

    /// Characters of a text, counted as Unicode scalars from its bytes (cheap; close enough
    /// to what a spreadsheet shows), capped at 60.
    private static func scalars(_ s: String) -> Int {
        var n = 0
        for byte in s.utf8 where byte & 0xC0 != 0x80 {
            n += 1
            if n == 60 { break }
        }
        return n
    }

    /// About how many characters a cell shows, without formatting it.
    private static func displayLength(_ value: Value) -> Int {
        switch value {
        case .null: return 0
        case .string(let s): return scalars(s)
        case .integer, .year: return 10
        case .number: return 12
        case .boolean: return 5
        case .date: return 10
        case .datetime: return 16
        case .time: return 8
        case .yearMonth: return 7
        case .geopoint: return 22
        case .list(let items): return min(60, items.reduce(0) { $0 + scalars($1) + 2 })
        }
    }
}

/// XML text escaping shared by the spreadsheet dialects: `& < >`, and characters XML 1.0
/// forbids are dropped.
enum SpreadsheetXML {
    static func escape(_ text: String, into w: ByteWriter, carriageReturn: String = "") {
        var text = text
        text.withUTF8 { bytes in
            var start = 0
            for i in 0..<bytes.count {
                let b = bytes[i]
                let replacement: String?
                switch b {
                case UInt8(ascii: "&"): replacement = "&amp;"
                case UInt8(ascii: "<"): replacement = "&lt;"
                case UInt8(ascii: ">"): replacement = "&gt;"
                case UInt8(ascii: "\r"): replacement = carriageReturn
                case 0x09, 0x0A: replacement = nil
                case 0..<0x20: replacement = ""
                default: replacement = nil
                }
                if let replacement {
                    if i > start { w.write(bytes: UnsafeBufferPointer(rebasing: bytes[start..<i])) }
                    w.write(replacement)
                    start = i + 1
                }
            }
            if bytes.count > start { w.write(bytes: UnsafeBufferPointer(rebasing: bytes[start..<bytes.count])) }
        }
    }

    static func escaped(_ text: String) -> String {
        String(decoding: ByteWriter.collect { escape(text, into: $0) }, as: UTF8.self)
            .replacingOccurrences(of: "\"", with: "&quot;")
    }
}
