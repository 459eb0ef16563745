import Foundation

/// A delimited text file opened for reading: converted to UTF-8 when needed, its delimiter
/// found, and its header read.
struct CSVFile: Sendable {
    /// Where the file is on disk.
    let url: URL
    /// Path shown in diagnostics.
    let path: String
    let bytes: Data
    /// Whether `bytes` are the mapped file itself (UTF-8 already), whose pages readers may
    /// release behind them (``MappedFile``); false when they were converted in memory.
    let isMapped: Bool
    /// The mapped file, open to read records by position; nil when `bytes` were converted.
    let file: OpenFile?
    let delimiter: UInt8
    let header: [String]
    /// 1-based column of each header cell on line 1, for diagnostics.
    let headerColumns: [Int]
    let headerLine: String
    let bodyOffset: Int
    let bodyLine: Int

    /// Delimiters tried when none is given, in order of preference on a tie.
    static let candidateDelimiters: [UInt8] = [UInt8(ascii: ";"), UInt8(ascii: ","), UInt8(ascii: "\t"), UInt8(ascii: "|")]

    /// Opens `url`, reporting problems against the `source` keys that control reading.
    static func open(
        _ url: URL, path: String, encoding: Located<String>?, delimiter: Located<String>?
    ) -> Result<CSVFile, Diagnostic> {
        guard let (mapped, openFile) = MappedFile.open(url) else {
            return .failure(Diagnostic(.unreadableFile, "cannot read the data file", at: .file(path)))
        }
        // 1. Encoding: everything becomes UTF-8.
        let bytes: Data, isMapped: Bool
        switch decode(mapped, declared: encoding, path: path) {
        case .success(let decoded): (bytes, isMapped) = (decoded ?? mapped, decoded == nil)
        case .failure(let diagnostic): return .failure(diagnostic)
        }
        // 2. Delimiter: declared, or the most frequent candidate on the header line.
        let separator: UInt8
        if let declared = delimiter {
            let text = declared.value == "\\t" || declared.value.lowercased() == "tab" ? "\t" : declared.value
            guard text.utf8.count == 1, let byte = text.utf8.first, byte != UInt8(ascii: "\""),
                  byte != UInt8(ascii: "\n"), byte != UInt8(ascii: "\r") else {
                return .failure(declared.diagnostic(.invalidValue, "the delimiter must be a single character such as ';' or ','",
                                                    hint: "write a tab as '\\t'"))
            }
            separator = byte
        } else {
            separator = detectDelimiter(bytes)
        }
        // 3. Header.
        return bytes.withUnsafeBytes { raw -> Result<CSVFile, Diagnostic> in
            guard let base = raw.bindMemory(to: UInt8.self).baseAddress, raw.count > 0 else {
                return .failure(Diagnostic(.csvHeader, "the data file is empty", at: .file(path),
                                           hint: "the first line must name the columns"))
            }
            let bom = raw.count >= 3 && raw[0] == 0xEF && raw[1] == 0xBB && raw[2] == 0xBF ? 3 : 0
            var scanner = CSVScanner(base: base, count: raw.count, delimiter: separator, offset: bom, line: 1)
            switch scanner.next() {
            case .end:
                return .failure(Diagnostic(.csvHeader, "the data file is empty", at: .file(path),
                                           hint: "the first line must name the columns"))
            case let .syntaxError(message, hint, line, lineStart, offset):
                return .failure(Diagnostic(.error, .csvSyntax, message,
                                           at: SourceLocation(path: path, line: line, column: scanner.column(of: offset, lineStart: lineStart)),
                                           sourceLine: scanner.lineText(from: lineStart), hint: hint))
            case .record:
                let header = scanner.spans.map { scanner.string($0).trimmingCharacters(in: .whitespaces) }
                let columns = scanner.spans.map { scanner.column(of: $0.origin, lineStart: $0.lineStart) }
                return .success(CSVFile(url: url, path: path, bytes: bytes, isMapped: isMapped, file: isMapped ? openFile : nil, delimiter: separator, header: header,
                                        headerColumns: columns, headerLine: scanner.lineText(from: 0),
                                        bodyOffset: scanner.position, bodyLine: scanner.line))
            }
        }
    }

    /// Converts to UTF-8. Undeclared encodings are detected: UTF-16 by its byte-order mark,
    /// UTF-8 when the bytes are valid UTF-8, otherwise Windows-1252, which is what French
    /// spreadsheets save as "CSV (séparateur: point-virgule)". Nil when the bytes are UTF-8
    /// already, as they are.
    private static func decode(_ data: Data, declared: Located<String>?, path: String) -> Result<Data?, Diagnostic> {
        var encoding: TextEncoding?
        if let declared {
            guard let known = TextEncoding(name: declared.value) else {
                return .failure(declared.diagnostic(.invalidValue, "unknown encoding '\(declared.value)'",
                                                    hint: Suggestion.hint(for: declared.value, in: TextEncoding.allCases.map(\.rawValue))))
            }
            encoding = known
        } else if data.starts(with: [0xFF, 0xFE]) || data.starts(with: [0xFE, 0xFF]) {
            encoding = .utf16
        }
        if encoding == nil || encoding == .utf8 {
            // `data` is the mapped file: read piece by piece, releasing the pages behind.
            var invalid: Int?
            MappedFile.forEachPiece(of: data) { offset, piece in
                invalid = TextEncoding.firstInvalidUTF8(in: piece).map { offset + $0 }
                return invalid == nil
            }
            guard let invalid else { return .success(nil) }
            if encoding == .utf8 {
                let (line, column, text) = position(of: invalid, in: data)
                return .failure(Diagnostic(.error, .csvEncoding, "the file is not valid UTF-8 (byte 0x\(String(data[invalid], radix: 16, uppercase: true)))",
                                           at: SourceLocation(path: path, line: line, column: column), sourceLine: text,
                                           hint: "save it as UTF-8, or set source.encoding to the encoding it uses, such as windows-1252"))
            }
            encoding = .windows1252
        }
        guard let text = String(data: data, encoding: encoding!.foundation) else {
            return .failure(Diagnostic(.csvEncoding, "the file cannot be read as \(encoding!.rawValue)", at: .file(path),
                                       hint: "check source.encoding"))
        }
        return .success(Data(text.utf8))
    }

    private static func detectDelimiter(_ data: Data) -> UInt8 {
        var counts = [UInt8: Int]()
        var inQuotes = false
        for byte in data.prefix(65_536) {
            if byte == UInt8(ascii: "\"") { inQuotes.toggle(); continue }
            if inQuotes { continue }
            if byte == UInt8(ascii: "\n") { break }
            if candidateDelimiters.contains(byte) { counts[byte, default: 0] += 1 }
        }
        return candidateDelimiters.max { (counts[$0] ?? 0) < (counts[$1] ?? 0) || ((counts[$0] ?? 0) == (counts[$1] ?? 0) && candidateDelimiters.firstIndex(of: $0)! > candidateDelimiters.firstIndex(of: $1)!) }
            .flatMap { (counts[$0] ?? 0) > 0 ? $0 : nil } ?? UInt8(ascii: ",")
    }

    private static func position(of offset: Int, in data: Data) -> (Int, Int, String) {
        var line = 1, lineStart = 0
        for (i, byte) in data.prefix(offset).enumerated() where byte == UInt8(ascii: "\n") {
            line += 1
            lineStart = i + 1
        }
        let column = data[lineStart..<offset].filter { $0 & 0xC0 != 0x80 }.count + 1
        let end = data[offset...].firstIndex { $0 == UInt8(ascii: "\n") || $0 == UInt8(ascii: "\r") } ?? data.endIndex
        return (line, column, String(decoding: data[lineStart..<end], as: UTF8.self))
    }
}
