import Foundation

/// Merges rows into a dataset's data file by key: an existing row is updated in place, a new
/// one is appended, and every other row keeps its exact bytes. Nothing is ever removed.
struct CSVMerge {
    struct Result {
        var added = 0
        var updated = 0
        var unchanged = 0
        /// The new bytes of the file; nil when nothing changed.
        var bytes: Data?
    }

    enum Failure: Error {
        case notUTF8
        case unreadable(String)
    }

    let file: Data
    let delimiter: UInt8
    let header: [String]
    let keyIndex: Int
    /// Existing records: their cells and the range of their bytes in `file`.
    let records: [(cells: [String], raw: Range<Int>)]
    /// Record index by key.
    let index: [String: Int]
    let headerEnd: Int
    let lineEnd: String

    /// Reads the file's header and records.
    init(file: Data, delimiter: UInt8, keyColumn: String) throws {
        guard file.withUnsafeBytes({ TextEncoding.firstInvalidUTF8(in: $0) }) == nil else { throw Failure.notUTF8 }
        self.file = file
        self.delimiter = delimiter
        (header, keyIndex, records, index, headerEnd, lineEnd) = try file.withUnsafeBytes { raw in
            let base = raw.bindMemory(to: UInt8.self).baseAddress!
            let bom = file.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
            var scanner = CSVScanner(base: base, count: raw.count, delimiter: delimiter, offset: bom, line: 1)
            guard case .record = scanner.next() else { throw Failure.unreadable("the data file has no header") }
            let header = scanner.spans.map { scanner.string($0).trimmingCharacters(in: .whitespaces) }
            guard let keyIndex = header.firstIndex(of: keyColumn) else { throw Failure.unreadable("the data file has no column '\(keyColumn)'") }
            let headerEnd = scanner.position
            let lineEnd = headerEnd >= 2 && base[headerEnd - 2] == 0x0D ? "\r\n" : "\n"
            var records: [(cells: [String], raw: Range<Int>)] = []
            var index: [String: Int] = [:]
            while case .record = scanner.next() {
                let cells = scanner.spans.map { scanner.string($0) }
                records.append((cells, scanner.recordStart..<scanner.position))
                if keyIndex < cells.count { index[cells[keyIndex].trimmingCharacters(in: .whitespaces)] = records.count - 1 }
            }
            return (header, keyIndex, records, index, headerEnd, lineEnd)
        }
    }

    /// The current cells of the record with this key, by column header.
    func cells(forKey key: String) -> [String: String]? {
        guard let at = index[key] else { return nil }
        let cells = records[at].cells
        return Dictionary(zip(header, cells + Array(repeating: "", count: max(0, header.count - cells.count))),
                          uniquingKeysWith: { first, _ in first })
    }

    /// - Parameter rows: cells by column header; headers absent from a row keep their current value.
    func merge(_ rows: [[String: String]]) -> Result {
        var result = Result()
        var replaced: [Int: [String]] = [:]
        var appended: [[String]] = []
        var added = Set<String>()
        for row in rows {
            guard let key = row[header[keyIndex]] else { continue }
            if let at = index[key] {
                var cells = replaced[at] ?? records[at].cells
                while cells.count < header.count { cells.append("") }
                for (column, value) in row { if let c = header.firstIndex(of: column) { cells[c] = value } }
                if cells == records[at].cells { result.unchanged += 1 } else { replaced[at] = cells; result.updated += 1 }
            } else if added.insert(key).inserted {
                appended.append(header.map { row[$0] ?? "" })
                result.added += 1
            }
        }
        guard !replaced.isEmpty || !appended.isEmpty else { return result }
        var out = file.prefix(headerEnd)
        var endsWithNewline = true
        var previousEnd = headerEnd
        for (i, record) in records.enumerated() {
            // Blank lines between records are not records: keep them as they were.
            out.append(file[previousEnd..<record.raw.lowerBound])
            previousEnd = record.raw.upperBound
            if let cells = replaced[i] {
                out.append(Data((Self.serialize(cells, delimiter) + lineEnd).utf8))
                endsWithNewline = true
            } else {
                out.append(file[record.raw])
                let last = record.raw.isEmpty ? nil : file[record.raw.upperBound - 1]
                endsWithNewline = last == 0x0A || last == 0x0D
            }
        }
        if previousEnd < file.count {
            out.append(file[previousEnd...])
            endsWithNewline = true
        }
        if !appended.isEmpty && !endsWithNewline { out.append(Data(lineEnd.utf8)) }
        for cells in appended { out.append(Data((Self.serialize(cells, delimiter) + lineEnd).utf8)) }
        result.bytes = Data(out)
        return result
    }

    /// RFC 4180: quotes around a cell holding the delimiter, a quote or a line break.
    static func serialize(_ cells: [String], _ delimiter: UInt8) -> String {
        cells.map { cell in
            cell.utf8.contains { $0 == delimiter || $0 == UInt8(ascii: "\"") || $0 == 0x0A || $0 == 0x0D }
                ? "\"" + cell.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : cell
        }.joined(separator: String(UnicodeScalar(delimiter)))
    }
}
