import Foundation
import FuzzSupport
@testable import PortailKit

// libFuzzer target: reading a dataset's data file, as `portail build` and `portail check` do.
//
// Input: 4 bytes of reading options, then the data file's bytes (any bytes: the encoding is part
// of what is fuzzed). Each input goes through
//   CSVFile.open (decode or detect the encoding, find the delimiter, read the header)
//   → a dataset whose fields name the header's columns, with types, formats and required flags
//     chosen by the option bytes → DatasetRules/FieldRules (columns, parsers, filters, missing
//     values) → TableRules.check (every record: ragged rows, each cell through ValueParser, keys,
//     record-page slugs, geopoints)
//   → or, when the metadata rules refuse the dataset (a repeated header name…), RecordStream over
//     every column directly, so that the records are still read;
//   → the first records' cells through every kind of parser;
//   → every diagnostic sorted and printed.
// Every input must end in values or diagnostics: never a trap, a hang or unbounded memory.
//
// Option bytes (Fuzz/make_corpus.py writes them in front of the fixtures' CSV files):
//   0: bits 0-2 source.encoding, bits 3-5 source.delimiter, bit 6 missing_values, bit 7 key and
//      record pages (keys must be unique slugs)
//   1: bits 0-1 source.decimal, bits 2-3 which fields are required, bit 4 undeclared columns
//      ignored (then only some columns are declared), bit 5 a row filter on the first column
//   2, 3: the field kinds: column i gets kinds[(byte2 + i * byte3) % kinds.count]

let optionBytes = 4
/// Enough columns for real files; a 30,000-column header is read, but not all of it declared.
let maxDeclaredFields = 64

let encodings: [String?] = [nil, nil, "utf-8", "windows-1252", "latin1", "iso-8859-15", "utf-16", "ebcdic"]
let delimiters: [String?] = [nil, nil, ";", ",", "\\t", "|", "tab", "::"]
let decimals: [String?] = [nil, ".", ",", "auto"]

/// A kind of field as a dataset.yaml can declare it.
struct Kind {
    var type: String
    var format: String? = nil
    var separator: String? = nil
    var trueValues: [String]? = nil
    var falseValues: [String]? = nil
}

let kinds: [Kind] = [
    Kind(type: "string"),
    Kind(type: "string", format: "email"),
    Kind(type: "string", format: "uri"),
    Kind(type: "string", separator: ","),
    Kind(type: "string", separator: " | "),
    Kind(type: "integer"),
    Kind(type: "number"),
    Kind(type: "boolean"),
    Kind(type: "boolean", trueValues: ["x", "Ja"], falseValues: ["", "-"]),
    Kind(type: "date"),
    Kind(type: "date", format: "%d/%m/%Y"),
    Kind(type: "date", format: "%Y%m%d"),
    Kind(type: "datetime"),
    Kind(type: "datetime", format: "%d/%m/%y %H:%M:%S"),
    Kind(type: "time"),
    Kind(type: "year"),
    Kind(type: "yearmonth"),
    Kind(type: "geopoint"),
    Kind(type: "geopoint", format: "lat, lon"),
]

let folder = Scratch.folder("csv/Content/datasets/fuzz")
let dataURL = folder.appendingPathComponent("data.csv")
let displayFolder = "Content/datasets/fuzz"
let displayPath = "Content/datasets/fuzz/data.csv"

func located<T>(_ value: T, line: Int = 1) -> Located<T> {
    Located(value, at: SourceLocation(path: "\(displayFolder)/dataset.yaml", line: line, column: 1), sourceLine: "fuzz: \(value)")
}

func fieldSpec(_ kind: Kind, name: String, column: String, required: Bool, line: Int) -> DatasetSpec.FieldSpec {
    var spec = DatasetSpec.FieldSpec(origin: SourceLocation(path: "\(displayFolder)/dataset.yaml", line: line, column: 5))
    spec.name = located(name, line: line)
    spec.column = located(column, line: line)
    spec.type = located(kind.type, line: line)
    spec.format = kind.format.map { located($0, line: line) }
    spec.separator = kind.separator.map { located($0, line: line) }
    spec.trueValues = kind.trueValues?.map { located($0, line: line) }
    spec.falseValues = kind.falseValues?.map { located($0, line: line) }
    if required { spec.required = located(true, line: line) }
    return spec
}

/// Every kind's parser, for each decimal mark (as FieldRules builds them).
let allParsers: [[ValueParser]] = decimals.map { decimal in
    var ignored: [Diagnostic] = []
    let mark: DecimalMark = decimal == "," ? .comma : decimal == "." ? .point : .auto
    return kinds.enumerated().compactMap { index, kind in
        FieldRules.parser(for: fieldSpec(kind, name: "k\(index)", column: "k", required: false, line: 1),
                          decimal: mark, site: fuzzSite, into: &ignored)
    }
}

/// The program's entry point under SwiftPM (see runFuzzer).
@_cdecl("FuzzCSV_main")
public func fuzzCSVMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    runFuzzer(argc, argv, fuzzCSV)
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzCSV(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    guard let data, size >= optionBytes else { return 0 }
    let options = data[0], more = data[1], kindStart = Int(data[2]), kindStep = Int(data[3])
    Scratch.write(UnsafeRawBufferPointer(start: data + optionBytes, count: size - optionBytes), to: dataURL)

    var diagnostics: [Diagnostic] = []
    defer { consume(diagnostics) }

    // 1. Open: encoding, delimiter, header.
    let encoding = encodings[Int(options & 7)].map { located($0, line: 3) }
    let delimiter = delimiters[Int(options >> 3 & 7)].map { located($0, line: 4) }
    let file: CSVFile
    switch CSVFile.open(dataURL, path: displayPath, encoding: encoding, delimiter: delimiter) {
    case .success(let opened): file = opened
    case .failure(let problem):
        diagnostics.append(problem)
        return 0
    }

    // 2. The dataset.yaml a publisher would write for this file.
    let decimalIndex = Int(more & 3)
    var source = DatasetSpec.SourceSpec(origin: SourceLocation(path: "\(displayFolder)/dataset.yaml", line: 2, column: 3))
    source.path = located("data.csv", line: 2)
    source.encoding = encoding
    source.delimiter = delimiter
    source.decimal = decimals[decimalIndex].map { located($0, line: 5) }
    let ignoreUndeclared = more & 16 != 0
    if ignoreUndeclared { source.undeclaredColumns = located("ignore", line: 6) }
    if options & 64 != 0 { source.missingValues = ["", "NA", "-", "n/a"].map { located($0, line: 7) } }
    if more & 32 != 0, let first = file.header.first {
        source.filter = [(column: located(first, line: 8), values: ["1", "oui", "", "Le Rex"].map { located($0, line: 8) })]
    }
    var declared = min(file.header.count, maxDeclaredFields)
    if ignoreUndeclared { declared = min(declared, 1 + kindStart % 5) }
    let requiredMode = Int(more >> 2 & 3)
    let fields = (0..<declared).map { i in
        fieldSpec(kinds[(kindStart + i * kindStep) % kinds.count], name: "f\(i)", column: file.header[i],
                  required: requiredMode == 3 || (requiredMode != 0 && i % (requiredMode + 1) == 0), line: 10 + i)
    }
    var spec = DatasetSpec(id: located("fuzz"), folder: folder, displayFolder: displayFolder,
                           origin: SourceLocation(path: "\(displayFolder)/dataset.yaml", line: 1, column: 1))
    spec.title = located("Fuzz")
    spec.description = located("Fuzzed data file")
    spec.modified = located("2026-01-01")
    spec.source = source
    spec.fields = fields
    spec.table = file
    if options & 128 != 0, declared >= 2 {
        spec.key = located("f0")
        spec.recordTitle = located("f1")
        spec.recordsOrigin = SourceLocation(path: "\(displayFolder)/dataset.yaml", line: 9, column: 1)
    }

    // 3. The metadata rules, then every record as validation reads them.
    if let dataset = DatasetRules.resolve(spec, site: fuzzSite, themeWords: [:], buildDate: fuzzBuildDate, into: &diagnostics) {
        let outcome = TableRules.check(dataset, progress: { _, _ in })
        diagnostics += outcome.diagnostics
    } else {
        readRecords(file, fieldSpecs: fields, decimal: decimalIndex, &diagnostics)
    }

    // 4. The first records' cells through every parser.
    parseEveryWay(file, decimal: decimalIndex)
    return 0
}

/// RecordStream over the declared columns, for files the metadata rules refused.
func readRecords(_ file: CSVFile, fieldSpecs: [DatasetSpec.FieldSpec], decimal: Int, _ diagnostics: inout [Diagnostic]) {
    var ignored: [Diagnostic] = []
    let fields: [Field] = fieldSpecs.enumerated().compactMap { index, spec in
        let parser = FieldRules.parser(for: spec, decimal: decimal == 2 ? .comma : decimal == 1 ? .point : .auto,
                                       site: fuzzSite, into: &ignored) ?? ValueParser(type: .string)
        return Field(name: "f\(index)", title: "f\(index)", type: parser.type, description: nil, access: .public,
                     required: spec.required?.value ?? false, format: spec.format?.value, column: spec.column!.value, parser: parser)
    }
    let table = TableSource(bytes: file.bytes, url: file.url, path: file.path, fileName: "data.csv", delimiter: file.delimiter,
                            header: file.header, bodyOffset: file.bodyOffset, bodyLine: file.bodyLine,
                            columnIndexes: Array(fields.indices), filters: [], missingValues: [""])
    let stream = RecordStream(source: table, fields: fields)
    var kept = 0
    func report(_ diagnostic: Diagnostic) {
        if kept < TableRules.diagnosticsPerFile { diagnostics.append(diagnostic); kept += 1 }
    }
    var count = 0
    stream.forEach(fieldIndexes: Array(fields.indices), onDiagnostic: report) { position, values in
        // As TableRules does for a repeated key: find the cell again.
        if !fields.isEmpty {
            let (location, line) = stream.locate(field: count % fields.count, in: position)
            report(Diagnostic(.warning, .duplicateKey, "fuzz", at: location, sourceLine: line))
        }
        count += 1
        _ = values.count
    }
}

/// Up to 8 records × 16 cells, each through every kind of parser.
func parseEveryWay(_ file: CSVFile, decimal: Int) {
    let parsers = allParsers[decimal]
    file.bytes.withUnsafeBytes { raw in
        guard let base = raw.bindMemory(to: UInt8.self).baseAddress else { return }
        var scanner = CSVScanner(base: base, count: raw.count, delimiter: file.delimiter, offset: file.bodyOffset, line: file.bodyLine)
        for _ in 0..<8 {
            guard case .record = scanner.next() else { return }
            for span in scanner.spans.prefix(16) where !scanner.isEmpty(span) {
                let text = scanner.string(span)
                let cell = UnsafeBufferPointer(start: base + span.start, count: span.end - span.start)
                for parser in parsers {
                    _ = span.escaped ? parser.parse(text) : parser.parse(utf8: cell)
                }
            }
        }
    }
}
