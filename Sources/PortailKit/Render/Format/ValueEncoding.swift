/// Writes typed values straight into a ``ByteWriter`` as JSON or as CSV cells, without making a
/// String per value: exports of hundreds of thousands of rows spend their time here.
enum ValueEncoding {
    private static let quote = UInt8(ascii: "\"")
    private static let backslash = UInt8(ascii: "\\")

    // MARK: - JSON

    /// A JSON string literal: `"`, `\\` and control characters escaped, and `<` too, so that
    /// JSON embedded in HTML can never close its script element.
    static func jsonString(_ text: String, into w: ByteWriter) {
        w.write(byte: quote)
        var text = text
        text.withUTF8 { jsonStringContent($0, into: w) }
        w.write(byte: quote)
    }

    /// The inside of a JSON string literal for UTF-8 `bytes` (the caller writes the quotes,
    /// and may write a long string in pieces that end between characters).
    static func jsonStringContent(_ bytes: UnsafeBufferPointer<UInt8>, into w: ByteWriter) {
        var start = 0
        var i = 0
        let n = bytes.count
        while i < n {
            let b = bytes[i]
            let escape: String?
            switch b {
            case quote: escape = "\\\""
            case backslash: escape = "\\\\"
            case UInt8(ascii: "\n"): escape = "\\n"
            case UInt8(ascii: "\r"): escape = "\\r"
            case UInt8(ascii: "\t"): escape = "\\t"
            case UInt8(ascii: "<"): escape = "\\u003c"
            case 0..<0x20: escape = "\\u00" + (b < 0x10 ? "0" : "") + String(b, radix: 16)
            case 0xE2 where i + 2 < n && bytes[i + 1] == 0x80 && (bytes[i + 2] == 0xA8 || bytes[i + 2] == 0xA9):
                escape = bytes[i + 2] == 0xA8 ? "\\u2028" : "\\u2029"
            default: escape = nil
            }
            if let escape {
                if i > start { w.write(bytes: UnsafeBufferPointer(rebasing: bytes[start..<i])) }
                w.write(escape)
                i += b == 0xE2 ? 3 : 1
                start = i
            } else {
                i += 1
            }
        }
        if n > start { w.write(bytes: UnsafeBufferPointer(rebasing: bytes[start..<n])) }
    }

    /// A value as JSON: numbers and booleans as such, dates as ISO 8601 strings, geopoints as
    /// `{"lat": …, "lon": …}`.
    static func json(_ value: Value, into w: ByteWriter) {
        switch value {
        case .null: w.write("null")
        case .string(let s): jsonString(s, into: w)
        case .integer(let i): w.write(integer: i)
        case .number(let d): w.write(MachineFormat.number(d))
        case .boolean(let b): w.write(b ? "true" : "false")
        case .year(let y): w.write(integer: y)
        case .geopoint(let lat, let lon):
            w.write("{\"lat\":")
            w.write(MachineFormat.number(lat))
            w.write(",\"lon\":")
            w.write(MachineFormat.number(lon))
            w.write(byte: UInt8(ascii: "}"))
        case .list(let items):
            w.write(byte: UInt8(ascii: "["))
            for (i, item) in items.enumerated() {
                if i > 0 { w.write(byte: UInt8(ascii: ",")) }
                jsonString(item, into: w)
            }
            w.write(byte: UInt8(ascii: "]"))
        case .date, .datetime, .time, .yearMonth:
            w.write(byte: quote)
            machine(value, into: w)
            w.write(byte: quote)
        }
    }

    /// Dates and times in their ISO 8601 forms, written digit by digit.
    static func machine(_ value: Value, into w: ByteWriter) {
        switch value {
        case .date(let d): day(d, into: w)
        case .datetime(let dt):
            let (d, seconds) = dt.local
            day(d, into: w)
            w.write(byte: UInt8(ascii: "T"))
            clock(seconds, into: w)
            if dt.offsetSeconds == 0 {
                w.write(byte: UInt8(ascii: "Z"))
            } else {
                let m = abs(dt.offsetSeconds)
                w.write(byte: dt.offsetSeconds < 0 ? UInt8(ascii: "-") : UInt8(ascii: "+"))
                w.write(integer: m / 3600, width: 2)
                w.write(byte: UInt8(ascii: ":"))
                w.write(integer: m / 60 % 60, width: 2)
            }
        case .time(let t): clock(t, into: w)
        case .yearMonth(let y, let m):
            w.write(integer: y, width: 4)
            w.write(byte: UInt8(ascii: "-"))
            w.write(integer: m, width: 2)
        default: break  // only dates and times come here
        }
    }

    private static func day(_ d: Day, into w: ByteWriter) {
        w.write(integer: d.year, width: 4)
        w.write(byte: UInt8(ascii: "-"))
        w.write(integer: d.month, width: 2)
        w.write(byte: UInt8(ascii: "-"))
        w.write(integer: d.day, width: 2)
    }

    private static func clock(_ seconds: Int, into w: ByteWriter) {
        w.write(integer: seconds / 3600, width: 2)
        w.write(byte: UInt8(ascii: ":"))
        w.write(integer: seconds / 60 % 60, width: 2)
        w.write(byte: UInt8(ascii: ":"))
        w.write(integer: seconds % 60, width: 2)
    }

    // MARK: - CSV

    /// A cell of the French-Excel CSV export (see ``CSVExportSink``): `,` decimal mark, RFC 4180
    /// quoting when the text holds the separator, a quote or a line break.
    static func csv(_ value: Value, layout: TextLayout, separator: UInt8, into w: ByteWriter) {
        switch value {
        case .null: break
        case .string(let s): csvText(FormulaGuard.neutralized(s), separator: separator, into: w)
        case .integer(let i): w.write(integer: i)
        case .year(let y): w.write(integer: y, width: 4)
        case .number(let d):
            var text = MachineFormat.number(d)
            text.withUTF8 { bytes in
                for b in bytes { w.write(byte: b == UInt8(ascii: ".") ? UInt8(ascii: ",") : b) }
            }
        case .boolean(let b): w.write(b ? "true" : "false")
        case .geopoint:
            csvText(layout.text(value), separator: separator, into: w)
        case .list:
            csvText(FormulaGuard.neutralized(layout.text(value)), separator: separator, into: w)
        case .date, .datetime, .time, .yearMonth: machine(value, into: w)
        }
    }

    static func csvText(_ text: String, separator: UInt8, into w: ByteWriter) {
        var text = text
        text.withUTF8 { bytes in
            let needsQuotes = bytes.contains { $0 == separator || $0 == quote || $0 == UInt8(ascii: "\n") || $0 == UInt8(ascii: "\r") }
            guard needsQuotes else { w.write(bytes: bytes); return }
            w.write(byte: quote)
            for b in bytes {
                if b == quote { w.write(byte: quote) }
                w.write(byte: b)
            }
            w.write(byte: quote)
        }
    }
}
