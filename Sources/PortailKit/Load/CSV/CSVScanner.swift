/// A byte-level reader of delimited text (RFC 4180, plus the habits of spreadsheet exports):
/// quoted fields with `""` escapes and embedded line breaks, CRLF or LF line ends, blank lines
/// skipped. It never copies the input: fields are spans of the buffer, turned into strings only
/// when someone reads them. Roughly 20 times faster than the CSV packages measured on this
/// machine (see docs/swift-stack.md §5).
struct CSVScanner {
    /// One field of the current record, as offsets into the buffer.
    struct Span {
        /// First and past-the-last byte of the content (quotes excluded).
        var start: Int
        var end: Int
        /// Offset of the field's first byte, its opening quote included: where its column is.
        var origin: Int
        /// The content holds `""` pairs to collapse.
        var escaped: Bool
        /// Line of `origin`, and the offset where that line starts.
        var line: Int
        var lineStart: Int
    }

    enum Outcome {
        case record
        case end
        /// A quoted field never closed, or text after a closing quote. Scanning cannot go on.
        case syntaxError(message: String, hint: String, line: Int, lineStart: Int, offset: Int)
    }

    let base: UnsafePointer<UInt8>
    let count: Int
    let delimiter: UInt8
    private(set) var position: Int
    private(set) var line: Int
    private(set) var lineStart: Int
    /// Fields of the record just read; reused from record to record.
    private(set) var spans: [Span] = []
    /// Line where the record just read starts.
    private(set) var recordLine = 0
    private(set) var recordStart = 0

    private static let quote = UInt8(ascii: "\"")
    private static let cr = UInt8(ascii: "\r")
    private static let lf = UInt8(ascii: "\n")

    init(base: UnsafePointer<UInt8>, count: Int, delimiter: UInt8, offset: Int, line: Int) {
        self.base = base
        self.count = count
        self.delimiter = delimiter
        self.position = offset
        self.line = line
        self.lineStart = offset
        spans.reserveCapacity(64)
    }

    mutating func next() -> Outcome {
        spans.removeAll(keepingCapacity: true)
        // Skip blank lines: spreadsheets leave them at the end of files.
        while position < count, base[position] == Self.cr || base[position] == Self.lf {
            consumeLineEnd()
        }
        guard position < count else { return .end }
        recordLine = line
        recordStart = position
        while true {
            var span = Span(start: position, end: position, origin: position, escaped: false, line: line, lineStart: lineStart)
            if base[position] == Self.quote {
                let openLine = line, openLineStart = lineStart, openOffset = position
                position += 1
                span.start = position
                var closed = false
                while position < count {
                    let b = base[position]
                    if b == Self.quote {
                        if position + 1 < count && base[position + 1] == Self.quote {
                            span.escaped = true
                            position += 2
                            continue
                        }
                        span.end = position
                        position += 1
                        closed = true
                        break
                    }
                    if b == Self.lf {
                        line += 1
                        lineStart = position + 1
                    } else if b == Self.cr && (position + 1 >= count || base[position + 1] != Self.lf) {
                        line += 1
                        lineStart = position + 1
                    }
                    position += 1
                }
                guard closed else {
                    return .syntaxError(message: "this quoted field is never closed",
                                        hint: "a field starting with \" must end with \"; write a quote inside a field as \"\"",
                                        line: openLine, lineStart: openLineStart, offset: openOffset)
                }
                if position < count, base[position] != delimiter, base[position] != Self.cr, base[position] != Self.lf {
                    return .syntaxError(message: "unexpected text after the closing quote of a field",
                                        hint: "quote the whole field, and write a quote inside it as \"\"",
                                        line: line, lineStart: lineStart, offset: position)
                }
            } else {
                while position < count {
                    let b = base[position]
                    if b == delimiter || b == Self.cr || b == Self.lf { break }
                    position += 1
                }
                span.end = position
            }
            spans.append(span)
            if position >= count { return .record }
            let b = base[position]
            if b == delimiter {
                position += 1
                if position >= count {  // a trailing delimiter ends with an empty field
                    spans.append(Span(start: position, end: position, origin: position, escaped: false, line: line, lineStart: lineStart))
                    return .record
                }
                continue
            }
            consumeLineEnd()
            return .record
        }
    }

    private mutating func consumeLineEnd() {
        if base[position] == Self.cr, position + 1 < count, base[position + 1] == Self.lf {
            position += 2
        } else {
            position += 1
        }
        line += 1
        lineStart = position
    }

    // MARK: - Reading fields

    /// The text of a field (valid UTF-8 is checked when the file is opened).
    func string(_ span: Span) -> String {
        let cell = UnsafeBufferPointer(start: base + span.start, count: span.end - span.start)
        guard span.escaped else { return String(decoding: cell, as: UTF8.self) }
        // Each `""` stands for one quote: copy the bytes, leaving out the second of each pair
        // (Foundation's search for them went through UTF-16, 1 % of a benchmark build).
        return String(unsafeUninitializedCapacity: cell.count) { out in
            var length = 0, i = 0
            while i < cell.count {
                out[length] = cell[i]
                length += 1
                i += cell[i] == Self.quote && i + 1 < cell.count && cell[i + 1] == Self.quote ? 2 : 1
            }
            return length
        }
    }

    /// True when the field holds no bytes.
    func isEmpty(_ span: Span) -> Bool { span.start == span.end }

    /// 1-based column of an offset on its line, counted in Unicode scalars as editors do.
    func column(of offset: Int, lineStart: Int) -> Int {
        var column = 1
        var i = lineStart
        // Skip a byte-order mark at the very start of the file.
        if i == 0, count >= 3, base[0] == 0xEF, base[1] == 0xBB, base[2] == 0xBF { i = 3 }
        while i < offset {
            if base[i] & 0xC0 != 0x80 { column += 1 }
            i += 1
        }
        return column
    }

    /// The text of the line starting at `lineStart`, for diagnostics.
    func lineText(from lineStart: Int) -> String {
        var start = lineStart
        if start == 0, count >= 3, base[0] == 0xEF, base[1] == 0xBB, base[2] == 0xBF { start = 3 }
        var end = start
        while end < count, base[end] != Self.cr, base[end] != Self.lf { end += 1 }
        return String(decoding: UnsafeBufferPointer(start: base + start, count: end - start), as: UTF8.self)
    }
}
