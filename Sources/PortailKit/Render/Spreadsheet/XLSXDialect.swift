import Foundation

/// Office Open XML spreadsheets (`.xlsx`), written by hand: inline strings (they stream, and
/// are never formulas whatever they start with), typed numbers, booleans and dates.
struct XLSXDialect: SpreadsheetDialect {
    static let maxRows = 1_048_576

    /// Style indexes of `styles.xml`'s cellXfs.
    private enum Style: Int {
        case normal = 0, header, date, dateTime, time, text
    }

    /// Column letters: A … Z, AA … (computed once for the dataset's width).
    private let columns: [String]

    init(columnCount: Int) {
        columns = (0..<max(1, columnCount)).map { index in
            var n = index + 1, name = ""
            while n > 0 { n -= 1; name = String(UnicodeScalar(UInt8(65 + n % 26))) + name; n /= 26 }
            return name
        }
    }

    func header(_ titles: [String], into w: ByteWriter) {
        w.write("<row r=\"1\">")
        for (i, title) in titles.enumerated() {
            w.write("<c r=\"\(columns[i])1\" t=\"inlineStr\" s=\"\(Style.header.rawValue)\"><is><t>")
            SpreadsheetXML.escape(title, into: w, carriageReturn: "_x000D_")
            w.write("</t></is></c>")
        }
        w.write("</row>")
    }

    func row(_ values: [Value], layouts: [TextLayout], number: Int, into w: ByteWriter) {
        let r = String(number)
        w.write("<row r=\"\(r)\">")
        for (i, value) in values.enumerated() {
            // `<c r="B12"`, in pieces: an interpolated String per cell was a tenth of the sheet's time.
            func open() {
                w.write("<c r=\"")
                w.write(columns[i])
                w.write(r)
                w.write(byte: UInt8(ascii: "\""))
            }
            switch value {
            case .null:
                continue
            case .integer(let n), .year(let n):
                open()
                w.write("><v>")
                w.write(integer: n)
                w.write("</v></c>")
            case .number(let d):
                open()
                w.write("><v>")
                w.write(MachineFormat.number(d))
                w.write("</v></c>")
            case .boolean(let b):
                open()
                w.write(b ? " t=\"b\"><v>1</v></c>" : " t=\"b\"><v>0</v></c>")
            case .date(let day):
                open()
                w.write(" s=\"\(Style.date.rawValue)\"><v>")
                w.write(integer: day.daysSinceEpoch + 25_569)  // Excel counts days from 1899-12-30
                w.write("</v></c>")
            case .datetime(let dt):
                // Spreadsheets have no time zones: the wall-clock time the value was written in.
                let local = Double(dt.epochSeconds + dt.offsetSeconds) / 86_400 + 25_569
                open()
                w.write(" s=\"\(Style.dateTime.rawValue)\"><v>\(MachineFormat.number(local))</v></c>")
            case .time(let seconds):
                open()
                w.write(" s=\"\(Style.time.rawValue)\"><v>\(MachineFormat.number(Double(seconds) / 86_400))</v></c>")
            case .string, .yearMonth, .geopoint, .list:
                let text = layouts[i].text(value)
                open()
                w.write(Self.textCellStart)
                w.write(Self.hasEdgeWhitespace(text) ? "<t xml:space=\"preserve\">" : "<t>")
                SpreadsheetXML.escape(Self.escapeUnderscores(text), into: w, carriageReturn: "_x000D_")
                w.write("</t></is></c>")
            }
        }
        w.write("</row>")
        w.flushIfNeeded()
    }

    private static let textCellStart = " t=\"inlineStr\" s=\"\(Style.text.rawValue)\"><is>"

    /// Whether the first or last character is whitespace (`Character.isWhitespace`, which looks
    /// at a character's first scalar), read from the bytes when they are ASCII.
    private static func hasEdgeWhitespace(_ text: String) -> Bool {
        guard let first = text.utf8.first, let last = text.utf8.last else { return false }
        func ascii(_ byte: UInt8) -> Bool? { byte < 0x80 ? byte == 0x20 || (0x09...0x0D).contains(byte) : nil }
        return (ascii(first) ?? text.first!.isWhitespace) || (ascii(last) ?? text.last!.isWhitespace)
    }

    /// OOXML reads `_xHHHH_` as an escaped character: a literal one keeps its underscore as `_x005F_`.
    private static func escapeUnderscores(_ text: String) -> String {
        // Most cells have no "_x": look for it in the bytes, without Foundation's slow search.
        var previous: UInt8 = 0
        let found = text.utf8.contains { byte in
            defer { previous = byte }
            return previous == UInt8(ascii: "_") && byte == UInt8(ascii: "x")
        }
        guard found else { return text }
        var out = ""
        var rest = Substring(text)
        while let range = rest.range(of: "_x") {
            out += rest[..<range.lowerBound]
            let after = rest[range.upperBound...]
            let hex = after.prefix(5)
            if hex.count == 5, hex.last == "_", hex.dropLast().allSatisfy(\.isHexDigit) { out += "_x005F_x" } else { out += "_x" }
            rest = after
        }
        return out + rest
    }

    func parts(sheets: [(name: String, rows: ZipPackage.Segment, count: Int)], widths: [Int], fields: [Field],
               metadata: SpreadsheetMetadata) -> [ZipPackage.Part] {
        let lastColumn = columns[max(0, fields.count - 1)]
        var parts: [ZipPackage.Part] = [
            .init(path: "[Content_Types].xml", segments: [.bytes(Data(contentTypes(sheets.count).utf8))]),
            .init(path: "_rels/.rels", segments: [.bytes(Data(Self.rootRelationships.utf8))]),
            .init(path: "docProps/core.xml", segments: [.bytes(Data(core(metadata).utf8))]),
            .init(path: "docProps/app.xml", segments: [.bytes(Data(Self.app.utf8))]),
            .init(path: "xl/workbook.xml", segments: [.bytes(Data(workbook(sheets.map { ($0.name, $0.count) }, lastColumn: lastColumn).utf8))]),
            .init(path: "xl/_rels/workbook.xml.rels", segments: [.bytes(Data(workbookRelationships(sheets.count).utf8))]),
            .init(path: "xl/styles.xml", segments: [.bytes(Data(Self.styles.utf8))]),
        ]
        for (i, sheet) in sheets.enumerated() {
            var prefix = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
            prefix += "<worksheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\" xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\">"
            prefix += "<sheetViews><sheetView workbookViewId=\"0\"><pane ySplit=\"1\" topLeftCell=\"A2\" activePane=\"bottomLeft\" state=\"frozen\"/>"
            prefix += "<selection pane=\"bottomLeft\" activeCell=\"A2\" sqref=\"A2\"/></sheetView></sheetViews>"
            prefix += "<sheetFormatPr defaultRowHeight=\"15\"/><cols>"
            for (c, width) in widths.enumerated() {
                prefix += "<col min=\"\(c + 1)\" max=\"\(c + 1)\" width=\"\(width)\" customWidth=\"1\"/>"
            }
            prefix += "</cols><sheetData>"
            // Filter buttons on the header, over the whole table.
            let suffix = "</sheetData><autoFilter ref=\"A1:\(lastColumn)\(sheet.count + 1)\"/></worksheet>"
            parts.append(.init(path: "xl/worksheets/sheet\(i + 1).xml",
                               segments: [.bytes(Data(prefix.utf8)), sheet.rows, .bytes(Data(suffix.utf8))]))
        }
        return parts
    }

    private func contentTypes(_ sheets: Int) -> String {
        var out = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
        out += "<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">"
        out += "<Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>"
        out += "<Default Extension=\"xml\" ContentType=\"application/xml\"/>"
        out += "<Override PartName=\"/xl/workbook.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml\"/>"
        for i in 1...sheets {
            out += "<Override PartName=\"/xl/worksheets/sheet\(i).xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml\"/>"
        }
        out += "<Override PartName=\"/xl/styles.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml\"/>"
        out += "<Override PartName=\"/docProps/core.xml\" ContentType=\"application/vnd.openxmlformats-package.core-properties+xml\"/>"
        out += "<Override PartName=\"/docProps/app.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.extended-properties+xml\"/>"
        return out + "</Types>"
    }

    private static let rootRelationships = """
        <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
        <Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">\
        <Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/>\
        <Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/>\
        <Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/extended-properties" Target="docProps/app.xml"/>\
        </Relationships>
        """

    private static let app = """
        <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
        <Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties"><Application>Portail</Application></Properties>
        """

    private func core(_ m: SpreadsheetMetadata) -> String {
        var out = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
        out += "<cp:coreProperties xmlns:cp=\"http://schemas.openxmlformats.org/package/2006/metadata/core-properties\" "
        out += "xmlns:dc=\"http://purl.org/dc/elements/1.1/\" xmlns:dcterms=\"http://purl.org/dc/terms/\" "
        out += "xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\">"
        out += "<dc:title>\(SpreadsheetXML.escaped(m.title))</dc:title><dc:creator>\(SpreadsheetXML.escaped(m.creator))</dc:creator>"
        out += "<dc:description>\(SpreadsheetXML.escaped(m.description))</dc:description><dc:language>\(m.language)</dc:language>"
        out += "<dcterms:modified xsi:type=\"dcterms:W3CDTF\">\(m.modified)T00:00:00Z</dcterms:modified>"
        return out + "</cp:coreProperties>"
    }

    private func workbook(_ sheets: [(name: String, count: Int)], lastColumn: String) -> String {
        var out = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
        out += "<workbook xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\" xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\">"
        out += "<bookViews><workbookView/></bookViews><sheets>"
        for (i, sheet) in sheets.enumerated() {
            out += "<sheet name=\"\(SpreadsheetXML.escaped(sheet.name))\" sheetId=\"\(i + 1)\" r:id=\"rId\(i + 1)\"/>"
        }
        out += "</sheets><definedNames>"
        for (i, sheet) in sheets.enumerated() {
            let quoted = "'" + sheet.name.replacingOccurrences(of: "'", with: "''") + "'"
            out += "<definedName name=\"_xlnm._FilterDatabase\" localSheetId=\"\(i)\" hidden=\"1\">\(SpreadsheetXML.escaped(quoted))!$A$1:$\(lastColumn)$\(sheet.count + 1)</definedName>"
        }
        return out + "</definedNames></workbook>"
    }

    private func workbookRelationships(_ sheets: Int) -> String {
        var out = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
        out += "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
        for i in 1...sheets {
            out += "<Relationship Id=\"rId\(i)\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet\" Target=\"worksheets/sheet\(i).xml\"/>"
        }
        out += "<Relationship Id=\"rId\(sheets + 1)\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles\" Target=\"styles.xml\"/>"
        return out + "</Relationships>"
    }

    /// Date (built-in 14, shown in the reader's locale: 05/12/2026 in French), date and time,
    /// time, and text (`@`, so that codes stay text when edited).
    private static let styles = """
        <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
        <styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">\
        <numFmts count="1"><numFmt numFmtId="164" formatCode="dd/mm/yyyy\\ hh:mm"/></numFmts>\
        <fonts count="2"><font><sz val="11"/><name val="Calibri"/></font><font><b/><sz val="11"/><name val="Calibri"/></font></fonts>\
        <fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills>\
        <borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>\
        <cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>\
        <cellXfs count="6">\
        <xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>\
        <xf numFmtId="49" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1" applyNumberFormat="1"/>\
        <xf numFmtId="14" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>\
        <xf numFmtId="164" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>\
        <xf numFmtId="21" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>\
        <xf numFmtId="49" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>\
        </cellXfs>\
        <cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>\
        </styleSheet>
        """
}
