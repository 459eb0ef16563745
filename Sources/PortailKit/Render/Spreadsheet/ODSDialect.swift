import Foundation

/// OpenDocument spreadsheets (`.ods`, recommended by the French public sector's interoperability
/// framework): the same typed cells as XLSX, in ODF's vocabulary.
struct ODSDialect: SpreadsheetDialect {
    static let maxRows = 1_048_576

    func header(_ titles: [String], into w: ByteWriter) {
        w.write("<table:table-header-rows><table:table-row>")
        for title in titles {
            w.write("<table:table-cell table:style-name=\"ceH\" office:value-type=\"string\"><text:p>")
            Self.paragraphText(title, into: w)
            w.write("</text:p></table:table-cell>")
        }
        w.write("</table:table-row></table:table-header-rows>")
    }

    func row(_ values: [Value], layouts: [TextLayout], number: Int, into w: ByteWriter) {
        w.write("<table:table-row>")
        for (i, value) in values.enumerated() {
            switch value {
            case .null:
                w.write("<table:table-cell/>")
            // Typed cells also carry their text, as LibreOffice writes them: readers that only
            // look at the text (odfpy-based tools) then see the values too.
            case .integer(let n), .year(let n):
                w.write("<table:table-cell office:value-type=\"float\" office:value=\"")
                w.write(integer: n)
                w.write("\"><text:p>")
                w.write(integer: n)
                w.write("</text:p></table:table-cell>")
            case .number(let d):
                let text = MachineFormat.number(d)
                w.write("<table:table-cell office:value-type=\"float\" office:value=\"\(text)\"><text:p>\(text)</text:p></table:table-cell>")
            case .boolean(let b):
                w.write("<table:table-cell office:value-type=\"boolean\" office:boolean-value=\"\(b)\"><text:p>\(b ? "TRUE" : "FALSE")</text:p></table:table-cell>")
            case .date:
                w.write("<table:table-cell table:style-name=\"ceD\" office:value-type=\"date\" office:date-value=\"")
                ValueEncoding.machine(value, into: w)
                w.write("\"><text:p>")
                ValueEncoding.machine(value, into: w)
                w.write("</text:p></table:table-cell>")
            case .datetime(let dt):
                // Spreadsheets have no time zones: the wall-clock time the value was written in.
                let (day, seconds) = dt.local
                w.write("<table:table-cell table:style-name=\"ceT\" office:value-type=\"date\" office:date-value=\"")
                ValueEncoding.machine(.date(day), into: w)
                w.write("T")
                ValueEncoding.machine(.time(seconds), into: w)
                w.write("\"><text:p>")
                ValueEncoding.machine(.date(day), into: w)
                w.write(" ")
                ValueEncoding.machine(.time(seconds), into: w)
                w.write("</text:p></table:table-cell>")
            case .time(let seconds):
                w.write("<table:table-cell table:style-name=\"ceH2\" office:value-type=\"time\" office:time-value=\"PT\(seconds / 3600)H\(seconds / 60 % 60)M\(seconds % 60)S\"><text:p>")
                ValueEncoding.machine(value, into: w)
                w.write("</text:p></table:table-cell>")
            case .string, .yearMonth, .geopoint, .list:
                w.write("<table:table-cell office:value-type=\"string\">")
                let text = layouts[i].text(value)
                // Most texts are one line: written whole, without splitting them into lines.
                if !text.utf8.contains(UInt8(ascii: "\n")) && text.utf8.last != UInt8(ascii: "\r") {
                    w.write("<text:p>")
                    Self.paragraphText(text, into: w)
                } else {
                    // A paragraph per line, split on the bytes: "\r\n" is one Character, so a
                    // split by Character left a CRLF line break (Windows' CSV) inside a paragraph.
                    for (n, line) in text.utf8.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false).enumerated() {
                        if n > 0 { w.write("</text:p>") }
                        w.write("<text:p>")
                        Self.paragraphText(String(Substring(line.last == UInt8(ascii: "\r") ? line.dropLast() : line)), into: w)
                    }
                }
                w.write("</text:p></table:table-cell>")
            }
        }
        w.write("</table:table-row>")
        w.flushIfNeeded()
    }

    /// ODF collapses runs of spaces in text: the second and following ones of a run, and a
    /// leading one, are written as `<text:s/>`; tabs as `<text:tab/>`.
    static func paragraphText(_ text: String, into w: ByteWriter) {
        // Most texts have no run of spaces, no edge space and no tab: escape them directly.
        var previous: UInt8 = 0
        let plain = text.utf8.first != UInt8(ascii: " ") && text.utf8.last != UInt8(ascii: " ")
            && !text.utf8.contains { byte in
                defer { previous = byte }
                return byte == UInt8(ascii: "\t") || (byte == UInt8(ascii: " ") && previous == UInt8(ascii: " "))
            }
        if plain { SpreadsheetXML.escape(text, into: w); return }
        var pending = ""
        var spaces = 0
        var atStart = true
        func flushSpaces() {
            guard spaces > 0 else { return }
            if atStart { w.write(spaces == 1 ? "<text:s/>" : "<text:s text:c=\"\(spaces)\"/>") }
            else {
                w.write(" ")
                if spaces > 1 { w.write(spaces == 2 ? "<text:s/>" : "<text:s text:c=\"\(spaces - 1)\"/>") }
            }
            spaces = 0
        }
        for character in text {
            if character == " " {
                if !pending.isEmpty { SpreadsheetXML.escape(pending, into: w); pending = ""; atStart = false }
                spaces += 1
            } else if character == "\t" {
                if !pending.isEmpty { SpreadsheetXML.escape(pending, into: w); pending = ""; atStart = false }
                flushSpaces()
                w.write("<text:tab/>")
                atStart = false
            } else {
                if spaces > 0 { flushSpaces(); atStart = false }
                pending.append(character)
            }
        }
        if !pending.isEmpty { SpreadsheetXML.escape(pending, into: w) }
        if spaces > 0 { flushSpaces() }
    }

    func parts(sheets: [(name: String, rows: ZipPackage.Segment, count: Int)], widths: [Int], fields: [Field],
               metadata: SpreadsheetMetadata) -> [ZipPackage.Part] {
        var prefix = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
        prefix += "<office:document-content \(Self.namespaces) office:version=\"1.2\">"
        prefix += "<office:automatic-styles>"
        for (c, width) in widths.enumerated() {
            // Spreadsheet "characters" are about 0.19 cm wide in the default font.
            let cm = MachineFormat.number((Double(width) * 0.19 * 100).rounded() / 100)
            prefix += "<style:style style:name=\"co\(c + 1)\" style:family=\"table-column\"><style:table-column-properties style:column-width=\"\(cm)cm\"/></style:style>"
        }
        prefix += "<number:date-style style:name=\"N1\"><number:day number:style=\"long\"/><number:text>/</number:text><number:month number:style=\"long\"/><number:text>/</number:text><number:year number:style=\"long\"/></number:date-style>"
        prefix += "<number:date-style style:name=\"N2\"><number:day number:style=\"long\"/><number:text>/</number:text><number:month number:style=\"long\"/><number:text>/</number:text><number:year number:style=\"long\"/><number:text> </number:text><number:hours number:style=\"long\"/><number:text>:</number:text><number:minutes number:style=\"long\"/></number:date-style>"
        prefix += "<number:time-style style:name=\"N3\"><number:hours number:style=\"long\"/><number:text>:</number:text><number:minutes number:style=\"long\"/><number:text>:</number:text><number:seconds number:style=\"long\"/></number:time-style>"
        prefix += "<style:style style:name=\"ceH\" style:family=\"table-cell\"><style:text-properties fo:font-weight=\"bold\"/></style:style>"
        prefix += "<style:style style:name=\"ceD\" style:family=\"table-cell\" style:data-style-name=\"N1\"/>"
        prefix += "<style:style style:name=\"ceT\" style:family=\"table-cell\" style:data-style-name=\"N2\"/>"
        prefix += "<style:style style:name=\"ceH2\" style:family=\"table-cell\" style:data-style-name=\"N3\"/>"
        prefix += "</office:automatic-styles><office:body><office:spreadsheet>"
        var segments: [ZipPackage.Segment] = [.bytes(Data(prefix.utf8))]
        for sheet in sheets {
            var open = "<table:table table:name=\"\(SpreadsheetXML.escaped(sheet.name))\">"
            for c in widths.indices { open += "<table:table-column table:style-name=\"co\(c + 1)\"/>" }
            segments += [.bytes(Data(open.utf8)), sheet.rows, .bytes(Data("</table:table>".utf8))]
        }
        segments.append(.bytes(Data("</office:spreadsheet></office:body></office:document-content>".utf8)))
        return [
            .init(path: "mimetype", segments: [.bytes(Data("application/vnd.oasis.opendocument.spreadsheet".utf8))], compressed: false),
            .init(path: "META-INF/manifest.xml", segments: [.bytes(Data(Self.manifest.utf8))]),
            .init(path: "meta.xml", segments: [.bytes(Data(meta(metadata).utf8))]),
            .init(path: "settings.xml", segments: [.bytes(Data(settings(sheets.map(\.name)).utf8))]),
            .init(path: "styles.xml", segments: [.bytes(Data(Self.styles.utf8))]),
            .init(path: "content.xml", segments: segments),
        ]
    }

    private static let namespaces = [
        "xmlns:office=\"urn:oasis:names:tc:opendocument:xmlns:office:1.0\"",
        "xmlns:style=\"urn:oasis:names:tc:opendocument:xmlns:style:1.0\"",
        "xmlns:text=\"urn:oasis:names:tc:opendocument:xmlns:text:1.0\"",
        "xmlns:table=\"urn:oasis:names:tc:opendocument:xmlns:table:1.0\"",
        "xmlns:number=\"urn:oasis:names:tc:opendocument:xmlns:datastyle:1.0\"",
        "xmlns:fo=\"urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0\"",
        "xmlns:meta=\"urn:oasis:names:tc:opendocument:xmlns:meta:1.0\"",
        "xmlns:dc=\"http://purl.org/dc/elements/1.1/\"",
        "xmlns:config=\"urn:oasis:names:tc:opendocument:xmlns:config:1.0\"",
    ].joined(separator: " ")

    private static let manifest = """
        <?xml version="1.0" encoding="UTF-8"?>
        <manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.2">\
        <manifest:file-entry manifest:full-path="/" manifest:version="1.2" manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/>\
        <manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/>\
        <manifest:file-entry manifest:full-path="styles.xml" manifest:media-type="text/xml"/>\
        <manifest:file-entry manifest:full-path="meta.xml" manifest:media-type="text/xml"/>\
        <manifest:file-entry manifest:full-path="settings.xml" manifest:media-type="text/xml"/>\
        </manifest:manifest>
        """

    private static let styles = """
        <?xml version="1.0" encoding="UTF-8"?>
        <office:document-styles \(namespaces) office:version="1.2"><office:styles/></office:document-styles>
        """

    private func meta(_ m: SpreadsheetMetadata) -> String {
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<office:document-meta \(Self.namespaces) office:version=\"1.2\"><office:meta>"
            + "<meta:generator>Portail</meta:generator><dc:title>\(SpreadsheetXML.escaped(m.title))</dc:title>"
            + "<dc:description>\(SpreadsheetXML.escaped(m.description))</dc:description>"
            + "<dc:creator>\(SpreadsheetXML.escaped(m.creator))</dc:creator><dc:date>\(m.modified)T00:00:00</dc:date>"
            + "<dc:language>\(m.language)</dc:language></office:meta></office:document-meta>"
    }

    /// Freezes the header row of each sheet, as LibreOffice stores it.
    private func settings(_ names: [String]) -> String {
        var out = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<office:document-settings \(Self.namespaces) office:version=\"1.2\"><office:settings>"
        out += "<config:config-item-set config:name=\"ooo:view-settings\"><config:config-item-map-indexed config:name=\"Views\"><config:config-item-map-entry>"
        out += "<config:config-item-map-named config:name=\"Tables\">"
        for name in names {
            out += "<config:config-item-map-entry config:name=\"\(SpreadsheetXML.escaped(name))\">"
            out += "<config:config-item config:name=\"VerticalSplitMode\" config:type=\"short\">2</config:config-item>"
            out += "<config:config-item config:name=\"VerticalSplitPosition\" config:type=\"int\">1</config:config-item>"
            out += "<config:config-item config:name=\"ActiveSplitRange\" config:type=\"short\">2</config:config-item>"
            out += "<config:config-item config:name=\"PositionBottom\" config:type=\"int\">1</config:config-item>"
            out += "</config:config-item-map-entry>"
        }
        out += "</config:config-item-map-named></config:config-item-map-entry></config:config-item-map-indexed></config:config-item-set>"
        return out + "</office:settings></office:document-settings>"
    }
}
