import Foundation
import Testing
@testable import PortailKit

/// Reading delimited files as real French exports write them (shared/data/SOURCES.md).
@Suite("Reading CSV files")
struct CSVReadingTests {
    /// Writes `bytes` to a scratch file, opens it, and streams its records as strings.
    func read(_ bytes: [UInt8], encoding: String? = nil, delimiter: String? = nil)
        throws -> (file: CSVFile, rows: [[String]], diagnostics: [Diagnostic]) {
        let folder = try Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let url = folder.appendingPathComponent("data.csv")
        try Data(bytes).write(to: url)
        let here = SourceLocation(path: "dataset.yaml", line: 1, column: 1)
        let file = try CSVFile.open(url, path: "data.csv", encoding: encoding.map { Located($0, at: here) },
                                    delimiter: delimiter.map { Located($0, at: here) }).get()
        let fields = file.header.map { Field(name: "f", title: $0, type: .string, description: nil, access: .public,
                                             required: false, format: nil, column: $0, parser: ValueParser(type: .string)) }
        let source = TableSource(bytes: file.bytes, url: file.url, path: file.path, fileName: "data.csv", delimiter: file.delimiter,
                                 header: file.header, bodyOffset: file.bodyOffset, bodyLine: file.bodyLine,
                                 columnIndexes: Array(file.header.indices), filters: [], missingValues: [""],
                                 isMapped: file.isMapped, file: file.file)
        var rows: [[String]] = []
        var diagnostics: [Diagnostic] = []
        let stream = RecordStream(source: source, fields: fields)
        var positions: [RecordStream.Position] = []
        stream.forEach(fieldIndexes: Array(fields.indices), onDiagnostic: { diagnostics.append($0) }) { position, values in
            rows.append(values.map { MachineFormat.text($0) })
            positions.append(position)
        }
        // Each record read again by its position (as the agenda reads its events) is the same.
        let again = positions.map { stream.record(at: $0, fieldIndexes: Array(fields.indices))?.map { MachineFormat.text($0) } }
        #expect(again == rows, "records read by position differ from the stream's")
        return (file, rows, diagnostics)
    }

    @Test("UTF-8 with BOM, CRLF and ';' as the CNC publishes it")
    func cncStyle() throws {
        let text = "\u{FEFF}N° auto;nom;DEP;écrans\r\n54;GAUMONT;75;6.0\r\n321;REX;2A;1.0\r\n"
        let (file, rows, diagnostics) = try read(Array(text.utf8))
        #expect(file.header == ["N° auto", "nom", "DEP", "écrans"])
        #expect(file.delimiter == UInt8(ascii: ";"))
        #expect(rows == [["54", "GAUMONT", "75", "6.0"], ["321", "REX", "2A", "1.0"]])
        #expect(diagnostics.isEmpty)
    }

    @Test("quoted fields with the delimiter, doubled quotes and line breaks")
    func quoting() throws {
        let text = "a,b,c\n1,\"x, y\",\"il dit \"\"bonjour\"\"\"\n2,\"deux\r\nlignes\",\n3,\"\"\"\"\"\",\"é\"\"x\"\n"
        let (file, rows, _) = try read(Array(text.utf8))
        #expect(file.delimiter == UInt8(ascii: ","))
        #expect(rows == [["1", "x, y", "il dit \"bonjour\""], ["2", "deux\r\nlignes", ""], ["3", "\"\"", "é\"x"]])
    }

    @Test("blank lines are skipped and a last line without line end is read")
    func blankLines() throws {
        let (_, rows, _) = try read(Array("a;b\r\n\r\n1;2\r\n\r\n3;4".utf8))
        #expect(rows == [["1", "2"], ["3", "4"]])
    }

    @Test("records longer than a read by position are read whole, through the file or in memory")
    func longRecords() throws {
        // 150,000 bytes in quotes, over many lines: longer than any first read by position.
        let long = String(repeating: "é; « ligne »\n", count: 10_000)
        let text = "a;b\n1;\"\(long)\"\n2;court\n3;\"\(long.prefix(9_000))\""
        let (file, rows, diagnostics) = try read(Array(text.utf8))
        #expect(file.isMapped && file.file != nil)
        #expect(rows.map(\.[1]) == [long, "court", String(long.prefix(9_000))], "the cells were not read whole")
        #expect(diagnostics.isEmpty)
        // The same file in Windows-1252 is converted in memory, and read there.
        let latin = try read(Array(text.data(using: .windowsCP1252)!), encoding: "windows-1252")
        #expect(!latin.file.isMapped && latin.file.file == nil)
        #expect(latin.rows == rows, "the converted file reads differently")
    }

    @Test("the delimiter is detected from the header, or taken as declared")
    func delimiters() throws {
        #expect(try read(Array("a\tb\n1\t2\n".utf8)).file.delimiter == UInt8(ascii: "\t"))
        #expect(try read(Array("a|b\n1|2\n".utf8)).file.delimiter == UInt8(ascii: "|"))
        #expect(try read(Array("a;b,c\n1;2,3\n".utf8), delimiter: ",").rows == [["1;2", "3"]])
    }

    @Test("Windows-1252 files from French Excel are detected and converted")
    func windows1252() throws {
        // "Cinéma;Entrées\r\nL'Écran;12\r\n" as French Excel saves it.
        let bytes: [UInt8] = [0x43, 0x69, 0x6E, 0xE9, 0x6D, 0x61, 0x3B, 0x45, 0x6E, 0x74, 0x72, 0xE9, 0x65, 0x73, 0x0D, 0x0A,
                              0x4C, 0x27, 0xC9, 0x63, 0x72, 0x61, 0x6E, 0x3B, 0x31, 0x32, 0x0D, 0x0A]
        let (file, rows, _) = try read(bytes)
        #expect(file.header == ["Cinéma", "Entrées"])
        #expect(rows == [["L'Écran", "12"]])
    }

    @Test("an unterminated quote is reported where it opens")
    func unterminatedQuote() throws {
        let (_, rows, diagnostics) = try read(Array("a;b\n1;2\n3;\"jamais fermé\n".utf8))
        #expect(rows == [["1", "2"]])
        #expect(diagnostics.map { "\($0.location) \($0.message)" } == ["data.csv:3:3 this quoted field is never closed"])
    }

    @Test("ragged rows are reported with their line")
    func raggedRows() throws {
        let (_, rows, diagnostics) = try read(Array("a;b;c\n1;2;3\n4;5\n6;7;8;9\n".utf8))
        #expect(rows == [["1", "2", "3"]])
        #expect(diagnostics.map { "\($0.location) \($0.message)" } == [
            "data.csv:3:1 this row has only 2 fields, but the header has 3",
            "data.csv:4:1 this row has 4 fields, but the header has 3",
        ])
    }

    @Test("columns are counted in characters after the byte-order mark, as editors show them")
    func columns() throws {
        let text = "\u{FEFF}é;à;n\n\"à\";é;\"x\"y\n"
        let (_, _, diagnostics) = try read(Array(text.utf8))
        #expect(diagnostics.first?.location == SourceLocation(path: "data.csv", line: 2, column: 10))
        let folder = try Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        try Data("\u{FEFF}\"é\"x;b\n".utf8).write(to: folder.appendingPathComponent("h.csv"))
        let header = CSVFile.open(folder.appendingPathComponent("h.csv"), path: "h.csv", encoding: nil, delimiter: nil)
        guard case .failure(let problem) = header else { Issue.record("the header should not read"); return }
        #expect(problem.location == SourceLocation(path: "h.csv", line: 1, column: 4))
        #expect(problem.sourceLine == "\"é\"x;b")
    }

    @Test("the real CNC file: 2,061 cinemas, 40 columns, no problem")
    func realCNCFile() throws {
        let url = Fixtures.packageRoot.appendingPathComponent("Content/datasets/cinemas-actifs/cinemas-cnc-2022.csv")
        let (file, rows, diagnostics) = try read(Array(try Data(contentsOf: url)))
        #expect(file.header.count == 40)
        #expect(file.header[1] == "N° auto")
        #expect(rows.count == 2061)
        #expect(diagnostics.isEmpty)
        #expect(rows[0][5] == "75108" && rows[0][9] == "00851")
    }

    /// Files over a piece (MappedFile.step, 1 MiB) are checked and read piece by piece, their mapped pages released
    /// behind the reader: a character cut by a piece's end, or a released page read again,
    /// must change nothing.
    @Test("a big mapped file reads the same across its pieces, and a bad byte far in is found at its line")
    func bigMappedFile() throws {
        // A 7-byte header puts the second byte of an "é" at offset 8 MiB, where a piece ends (a multiple of the step).
        let rowCount = 4_000_000
        var bytes = Array("abc;de\n".utf8)
        bytes.reserveCapacity(7 + rowCount * 5)
        for _ in 0..<rowCount { bytes += [0xC3, 0xA9, 0x3B, 0x78, 0x0A] }  // "é;x\n"
        #expect(bytes[8 << 20] == 0xA9)
        let folder = try Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let url = folder.appendingPathComponent("big.csv")
        try Data(bytes).write(to: url)
        let file = try CSVFile.open(url, path: "big.csv", encoding: nil, delimiter: nil).get()
        #expect(file.isMapped)
        let fields = file.header.map { Field(name: $0, title: $0, type: .string, description: nil, access: .public,
                                             required: false, format: nil, column: $0, parser: ValueParser(type: .string)) }
        var source = TableSource(bytes: file.bytes, url: file.url, path: file.path, fileName: "big.csv", delimiter: file.delimiter,
                                 header: file.header, bodyOffset: file.bodyOffset, bodyLine: file.bodyLine,
                                 columnIndexes: [0, 1], filters: [], missingValues: [""])
        source.isMapped = true
        var rows = 0, wrong = 0
        var last: RecordStream.Position?
        RecordStream(source: source, fields: fields).forEach(fieldIndexes: [0, 1]) { position, values in
            rows += 1
            if values != [.string("é"), .string("x")] { wrong += 1 }
            last = position
        }
        #expect(rows == rowCount)
        #expect(wrong == 0)
        // A record read again by its position, after its pages were released.
        let again = RecordStream(source: source, fields: fields).record(at: try #require(last), fieldIndexes: [0, 1])
        #expect(again == [.string("é"), .string("x")])

        // One bad byte in the last piece: reported at its line and column.
        bytes[bytes.count - 4] = 0xFF  // the "é" of the last row becomes 0xC3 0xFF
        try Data(bytes).write(to: url)
        guard case .failure(let diagnostic) = CSVFile.open(url, path: "big.csv", encoding: Located("utf-8", at: SourceLocation(path: "dataset.yaml", line: 1, column: 1)), delimiter: nil) else {
            Issue.record("an invalid byte was not found")
            return
        }
        #expect(diagnostic.location == SourceLocation(path: "big.csv", line: rowCount + 1, column: 1))
    }
}
