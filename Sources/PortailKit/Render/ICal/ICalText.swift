/// iCalendar (RFC 5545) syntax: content lines folded at 75 octets without splitting a UTF-8
/// character (§3.1), CRLF line ends, and TEXT values escaped (§3.3.11).
struct ICalText {
    /// Lines go to the writer as they are made: a calendar of every upcoming event is tens of
    /// megabytes, and the small ones are collected in memory (``ByteWriter/collect(_:)``).
    private let writer: ByteWriter

    init(writer: ByteWriter) {
        self.writer = writer
    }

    /// Appends a content line `NAME;PARAMS:value`, folded.
    func line(_ name: String, _ value: String) {
        var line = name + ":" + value
        line.withUTF8 { bytes in
            var start = 0
            while start < bytes.count {
                // 75 octets on the first line; continuation lines start with a space.
                var cut = min(start + (start == 0 ? 75 : 74), bytes.count)
                // Never cut inside a UTF-8 sequence: back up to the start of a character.
                while cut < bytes.count && cut > start && bytes[cut] & 0xC0 == 0x80 { cut -= 1 }
                if start > 0 { writer.write(byte: UInt8(ascii: " ")) }
                writer.write(bytes: UnsafeBufferPointer(rebasing: bytes[start..<cut]))
                writer.write(byte: UInt8(ascii: "\r"))
                writer.write(byte: UInt8(ascii: "\n"))
                start = cut
            }
        }
    }

    /// Appends content lines made before, already folded (a time zone's definition, the same
    /// in many files).
    func lines(_ bytes: [UInt8]) {
        writer.write(bytes: bytes)
    }

    /// A TEXT value: backslash, semicolon, comma and line breaks escaped.
    static func escape(_ text: String) -> String {
        ByteEscaping.escape(text) { byte in
            switch byte {
            case UInt8(ascii: "\\"): "\\\\"
            case UInt8(ascii: ";"): "\\;"
            case UInt8(ascii: ","): "\\,"
            case UInt8(ascii: "\n"): "\\n"
            // Control characters other than tab are not allowed in TEXT; the \r of a \r\n goes.
            case ..<0x20 where byte != UInt8(ascii: "\t"): ""
            default: nil
            }
        }
    }

    /// `20261205T203000` (local) or `20261205T193000Z` (UTC).
    static func stamp(day: Day, seconds: Int, utc: Bool = false) -> String {
        "\(Day.pad(day.year, 4))\(Day.pad(day.month, 2))\(Day.pad(day.day, 2))T\(Day.pad(seconds / 3600, 2))\(Day.pad(seconds / 60 % 60, 2))\(Day.pad(seconds % 60, 2))" + (utc ? "Z" : "")
    }

    static func utc(_ dt: DateTime) -> String {
        let shifted = DateTime(epochSeconds: dt.epochSeconds, offsetSeconds: 0).local
        return stamp(day: shifted.day, seconds: shifted.secondOfDay, utc: true)
    }

    /// `+0100`, as TZOFFSETFROM and TZOFFSETTO write offsets.
    static func offset(_ seconds: Int) -> String {
        let magnitude = abs(seconds)
        return (seconds < 0 ? "-" : "+") + Day.pad(magnitude / 3600, 2) + Day.pad(magnitude / 60 % 60, 2)
    }
}
