import Foundation

/// Character encodings accepted for source files (`source.encoding`). Everything is converted
/// to UTF-8 once, when the file is opened.
enum TextEncoding: String, CaseIterable {
    case utf8 = "utf-8"
    case windows1252 = "windows-1252"
    case latin1 = "iso-8859-1"
    case latin9 = "iso-8859-15"
    case utf16 = "utf-16"

    /// Accepts the usual spellings: `UTF8`, `cp1252`, `latin1`…
    init?(name: String) {
        let key = name.lowercased().replacingOccurrences(of: "_", with: "-")
        switch key {
        case "utf-8", "utf8": self = .utf8
        case "windows-1252", "cp1252", "win-1252", "ansi": self = .windows1252
        case "iso-8859-1", "latin-1", "latin1", "iso8859-1": self = .latin1
        case "iso-8859-15", "latin-9", "latin9", "iso8859-15": self = .latin9
        case "utf-16", "utf16": self = .utf16
        default: return nil
        }
    }

    var foundation: String.Encoding {
        switch self {
        case .utf8: return .utf8
        case .windows1252: return .windowsCP1252
        case .latin1: return .isoLatin1
        // Foundation has no Latin-9 on Linux; it differs from Latin-1 only in eight
        // rarely used positions (€ among them), which Windows-1252 places elsewhere.
        case .latin9: return .isoLatin1
        case .utf16: return .utf16
        }
    }

    /// Offset of the first byte that is not valid UTF-8, or nil when the buffer is valid.
    static func firstInvalidUTF8(in bytes: UnsafeRawBufferPointer) -> Int? {
        let count = bytes.count
        var i = 0
        while i < count {
            let b = bytes[i]
            if b < 0x80 { i += 1; continue }
            let length: Int
            var minimum: UInt32
            if b & 0xE0 == 0xC0 { length = 2; minimum = 0x80 }
            else if b & 0xF0 == 0xE0 { length = 3; minimum = 0x800 }
            else if b & 0xF8 == 0xF0 { length = 4; minimum = 0x10000 }
            else { return i }
            guard i + length <= count else { return i }
            var scalar = UInt32(b) & (0xFF >> (length + 1))
            for k in 1..<length {
                let c = bytes[i + k]
                guard c & 0xC0 == 0x80 else { return i }
                scalar = scalar << 6 | UInt32(c & 0x3F)
            }
            guard scalar >= minimum, scalar <= 0x10FFFF, !(0xD800...0xDFFF).contains(scalar) else { return i }
            minimum = 0
            i += length
        }
        return nil
    }
}
