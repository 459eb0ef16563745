/// Streams a dataset's records from its source file as typed values, one at a time.
///
/// This is how every consumer reads rows: validation (which reports each bad cell), exports
/// and page renderers. Nothing is kept between records, so memory stays flat whatever the
/// file's size.
public struct RecordStream: Sendable {
    public let source: TableSource
    public let fields: [Field]

    public init(source: TableSource, fields: [Field]) {
        self.source = source
        self.fields = fields
    }

    /// Where a record sits in the source, for diagnostics and progress.
    public struct Position: Sendable, Hashable {
        /// 1-based line where the record starts.
        public let line: Int
        /// Byte offset just past the record, for progress on big files.
        public let offset: Int
        /// Byte offset where the record starts, to find one of its cells again (``locate``).
        public let start: Int
    }

    /// The location and line of one field's cell in a record, for diagnostics found after
    /// parsing (a repeated key). Reads that one record again; cheap, and only on errors.
    public func locate(field fieldIndex: Int, in position: Position) -> (SourceLocation, String) {
        source.bytes.withUnsafeBytes { raw in
            let base = raw.bindMemory(to: UInt8.self).baseAddress!
            var scanner = CSVScanner(base: base, count: raw.count, delimiter: source.delimiter,
                                     offset: position.start, line: position.line)
            guard case .record = scanner.next(), source.columnIndexes[fieldIndex] < scanner.spans.count else {
                return (SourceLocation(path: source.path, line: position.line, column: 1), "")
            }
            let span = scanner.spans[source.columnIndexes[fieldIndex]]
            return (SourceLocation(path: source.path, line: span.line, column: scanner.column(of: span.origin, lineStart: span.lineStart)),
                    scanner.lineText(from: span.lineStart))
        }
    }

    /// Calls `body` with each record kept by the source's filters.
    ///
    /// - Parameters:
    ///   - fieldIndexes: which fields to parse, in the order `values` holds them.
    ///   - onDiagnostic: receives every problem (bad cells, ragged rows, broken quoting). Cells
    ///     that fail to parse are passed to `body` as `.null`.
    ///   - body: the record's values; the array is reused, so copy what must outlive the call.
    /// The most a cell may hold: far above any real text, far below what exhausts memory.
    static let maxCellBytes = 1 << 20

    public func forEach(
        fieldIndexes: [Int],
        onDiagnostic: (Diagnostic) -> Void = { _ in },
        _ body: (Position, [Value]) throws -> Void
    ) rethrows {
        try forEach(fieldIndexes: fieldIndexes, from: nil, onDiagnostic: onDiagnostic, body)
    }

    /// The values of the one record that starts at `position` (given by an earlier pass), for
    /// readers that keep where records are rather than the records themselves.
    ///
    /// A mapped file is read here with `pread`, not through its mapping: records read here and
    /// there (an agenda's events, in date order, all over their file) faulted in 64 KiB around
    /// each one, and giving those pages back took a system call per record, 6 % of a build.
    public func record(at position: Position, fieldIndexes: [Int]) -> [Value]? {
        if let file = source.file {
            // A page: most records are a few hundred bytes; longer ones are read again, bigger.
            var window = 4 << 10
            while true {
                let count = min(window, source.bytes.count - position.start)
                guard count > 0 else { break }
                let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: count, alignment: 1)
                defer { buffer.deallocate() }
                // A read that fails falls back to the mapping below.
                guard file.read(at: position.start, into: buffer) == count else { break }
                let (values, end) = record(in: UnsafeRawBufferPointer(buffer), at: Position(line: position.line, offset: 0, start: 0),
                                           fieldIndexes: fieldIndexes)
                // A record that reaches the end of what was read may go on after it.
                if position.start + count == source.bytes.count || (values != nil && end < count) { return values }
                window *= 4
            }
        }
        return source.bytes.withUnsafeBytes { record(in: $0, at: position, fieldIndexes: fieldIndexes).values }
    }

    /// The record at `position` in `raw`, and the offset just past it.
    private func record(in raw: UnsafeRawBufferPointer, at position: Position, fieldIndexes: [Int]) -> (values: [Value]?, end: Int) {
        var found: [Value]?
        var end = position.start
        forEach(in: raw, fieldIndexes: fieldIndexes, from: position) { next, values in
            found = values
            end = next.offset
        }
        return (found, end)
    }

    /// Every record from the body's start, or only the one at `from`.
    private func forEach(
        fieldIndexes: [Int],
        from: Position?,
        onDiagnostic: (Diagnostic) -> Void = { _ in },
        _ body: (Position, [Value]) throws -> Void
    ) rethrows {
        try source.bytes.withUnsafeBytes { raw in
            try forEach(in: raw, fieldIndexes: fieldIndexes, from: from, onDiagnostic: onDiagnostic, body)
        }
    }

    /// Every record of `raw` (the source's bytes, or a piece of them read at `from`) from the
    /// body's start, or only the one at `from`.
    private func forEach(
        in raw: UnsafeRawBufferPointer,
        fieldIndexes: [Int],
        from: Position?,
        onDiagnostic: (Diagnostic) -> Void = { _ in },
        _ body: (Position, [Value]) throws -> Void
    ) rethrows {
        let columns = fieldIndexes.map { source.columnIndexes[$0] }
        let parsers = ContiguousArray(fieldIndexes.map { fields[$0].parser })
        let required = fieldIndexes.map { fields[$0].required }
        let width = source.header.count
        let missing = source.missingValues
        let onlyEmptyIsMissing = missing == [""]
        do {
            guard let base = raw.bindMemory(to: UInt8.self).baseAddress else { return }
            var scanner = CSVScanner(base: base, count: raw.count, delimiter: source.delimiter,
                                     offset: from?.start ?? source.bodyOffset, line: from?.line ?? source.bodyLine)
            var values = [Value](repeating: .null, count: columns.count)
            // Pages of the mapped file are released behind the reader, a few MiB at a time.
            var released = 0
            records: while true {
                if from != nil && scanner.position > from!.start { break records }
                if source.isMapped && from == nil && scanner.position - released >= MappedFile.step {
                    MappedFile.release(base, from: released, to: scanner.position)
                    released = scanner.position / MappedFile.pageSize * MappedFile.pageSize
                }
                switch scanner.next() {
                case .end:
                    break records
                case let .syntaxError(message, hint, line, lineStart, offset):
                    onDiagnostic(Diagnostic(.error, .csvSyntax, message,
                                            at: SourceLocation(path: source.path, line: line, column: scanner.column(of: offset, lineStart: lineStart)),
                                            sourceLine: scanner.lineText(from: lineStart), hint: hint))
                    break records
                case .record:
                    break
                }
                let spans = scanner.spans
                if spans.count != width {
                    let first = spans[0]
                    let what = spans.count < width ? "only \(spans.count)" : "\(spans.count)"
                    onDiagnostic(Diagnostic(.error, .raggedRow, "this row has \(what) fields, but the header has \(width)",
                                            at: SourceLocation(path: source.path, line: scanner.recordLine, column: 1),
                                            sourceLine: scanner.lineText(from: first.lineStart),
                                            hint: spans.count > width ? "a field containing the delimiter must be quoted" : "every row needs one field per column, even when empty"))
                    continue
                }
                if !source.filters.isEmpty {
                    let kept = source.filters.allSatisfy { filter in
                        filter.values.contains(String(decoding: Trim.spaces(UnsafeBufferPointer(start: base + spans[filter.column].start, count: spans[filter.column].end - spans[filter.column].start)), as: UTF8.self))
                    }
                    if !kept { continue }
                }
                for i in 0..<columns.count {
                    let span = spans[columns[i]]
                    let parser = parsers[i]
                    let cell = UnsafeBufferPointer(start: base + span.start, count: span.end - span.start)
                    // A runaway cell (a lost quote swallowing a file, a pasted blob) would be
                    // copied into every export and page: it is an error, never a string.
                    if cell.count > Self.maxCellBytes {
                        values[i] = .null
                        onDiagnostic(Diagnostic(.error, .cellTooLarge,
                                                "this cell holds \(String(format: "%.1f", Double(cell.count) / 1_048_576)) MiB, more than the \(Self.maxCellBytes / 1_048_576) MiB a cell may hold",
                                                at: SourceLocation(path: source.path, line: span.line, column: scanner.column(of: span.origin, lineStart: span.lineStart)),
                                                hint: "a quote opened and never closed makes one cell of the rest of the file; check the cell's quotes"))
                        continue
                    }
                    // Empty cells, blank cells of typed fields, and declared missing values are null.
                    let missingCell = cell.isEmpty
                        || (parser.type != .string && Trim.isBlank(cell))
                        || (!onlyEmptyIsMissing && missing.contains(String(decoding: Trim.spaces(cell), as: UTF8.self)))
                    if missingCell {
                        values[i] = .null
                        if required[i] {
                            let field = fields[fieldIndexes[i]]
                            onDiagnostic(Diagnostic(.error, .requiredValue, "missing value in column \(describe(field))",
                                                    at: SourceLocation(path: source.path, line: span.line, column: scanner.column(of: span.origin, lineStart: span.lineStart)),
                                                    sourceLine: scanner.lineText(from: span.lineStart),
                                                    hint: "the field is required; fill the cell, or set 'required: false'"))
                        }
                        continue
                    }
                    // Only fields holding `""` escapes need a String before parsing.
                    let result = span.escaped ? parser.parse(scanner.string(span)) : parser.parse(utf8: cell)
                    switch result {
                    case .success(let value):
                        values[i] = value
                    case .failure(let failure):
                        values[i] = .null
                        let field = fields[fieldIndexes[i]]
                        onDiagnostic(Diagnostic(.error, .typeMismatch, "\(failure.message) in column \(describe(field))",
                                                at: SourceLocation(path: source.path, line: span.line, column: scanner.column(of: span.origin, lineStart: span.lineStart)),
                                                sourceLine: scanner.lineText(from: span.lineStart), hint: failure.hint))
                    }
                }
                try body(Position(line: scanner.recordLine, offset: scanner.position, start: scanner.recordStart), values)
            }
        }
    }

    private func describe(_ field: Field) -> String {
        field.column == field.name ? "\"\(field.column)\"" : "\"\(field.column)\" (field '\(field.name)')"
    }
}
