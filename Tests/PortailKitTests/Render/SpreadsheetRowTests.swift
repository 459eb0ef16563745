import Foundation
import Testing
@testable import PortailKit

/// The cells of one row, as XLSX and ODS write them: typed values, text escaped, spaces kept
/// where the format would drop them, and line breaks as each format has them.
@Suite("Spreadsheet rows")
struct SpreadsheetRowTests {
    static let texts: [Value] = [
        .string(" lead"), .string("trail\u{A0}"), .string("a_x0041_b"), .string("l1\r\nl2"), .string("a  b"),
        .string("x\r"), .string("<&>"), .boolean(true), .null, .integer(42),
    ]
    static let layouts = texts.map { _ in
        TextLayout(Field(name: "f", title: "f", type: .string, description: nil, access: .public, required: false,
                         format: nil, column: "f", parser: ValueParser(type: .string)))
    }

    @Test("XLSX: inline strings, space preserved at the edges, _x escaped, typed cells, nulls left out")
    func xlsx() {
        let xml = String(decoding: ByteWriter.collect {
            XLSXDialect(columnCount: Self.texts.count).row(Self.texts, layouts: Self.layouts, number: 3, into: $0)
        }, as: UTF8.self)
        let text = { (ref: String, t: String) in "<c r=\"\(ref)\" t=\"inlineStr\" s=\"5\"><is>\(t)</is></c>" }
        #expect(xml == "<row r=\"3\">"
            + text("A3", "<t xml:space=\"preserve\"> lead</t>") + text("B3", "<t xml:space=\"preserve\">trail\u{A0}</t>")
            + text("C3", "<t>a_x005F_x0041_b</t>") + text("D3", "<t>l1_x000D_\nl2</t>") + text("E3", "<t>a  b</t>")
            + text("F3", "<t xml:space=\"preserve\">x_x000D_</t>") + text("G3", "<t>&lt;&amp;&gt;</t>")
            + "<c r=\"H3\" t=\"b\"><v>1</v></c><c r=\"J3\"><v>42</v></c></row>")
    }

    @Test("ODS: a paragraph per line (LF or CRLF), runs of spaces kept, typed cells")
    func ods() {
        let xml = String(decoding: ByteWriter.collect {
            ODSDialect().row(Self.texts, layouts: Self.layouts, number: 3, into: $0)
        }, as: UTF8.self)
        let text = { (p: String) in "<table:table-cell office:value-type=\"string\">\(p)</table:table-cell>" }
        #expect(xml == "<table:table-row>"
            + text("<text:p><text:s/>lead</text:p>") + text("<text:p>trail\u{A0}</text:p>") + text("<text:p>a_x0041_b</text:p>")
            + text("<text:p>l1</text:p><text:p>l2</text:p>") + text("<text:p>a <text:s/>b</text:p>") + text("<text:p>x</text:p>")
            + text("<text:p>&lt;&amp;&gt;</text:p>")
            + "<table:table-cell office:value-type=\"boolean\" office:boolean-value=\"true\"><text:p>TRUE</text:p></table:table-cell>"
            + "<table:table-cell/>"
            + "<table:table-cell office:value-type=\"float\" office:value=\"42\"><text:p>42</text:p></table:table-cell>"
            + "</table:table-row>")
    }
}
