/// A JSON document whose every value knows its line and column, so that problems in an
/// imported file are reported at their place (`events.json:12:17`). Foundation's parser keeps
/// no positions; this one is small and strict (RFC 8259).
indirect enum PositionedJSON: Sendable {
    case object([(key: String, keyPosition: Position, value: PositionedJSON)], Position)
    case array([PositionedJSON], Position)
    case string(String, Position)
    /// The number as written.
    case number(String, Position)
    case bool(Bool, Position)
    case null(Position)

    struct Position: Sendable, Hashable {
        let line: Int
        let column: Int
    }

    var position: Position {
        switch self {
        case .object(_, let p), .array(_, let p), .string(_, let p), .number(_, let p), .bool(_, let p), .null(let p): return p
        }
    }

    subscript(key: String) -> PositionedJSON? {
        if case .object(let members, _) = self { return members.first { $0.key == key }?.value }
        return nil
    }

    var string: String? {
        if case .string(let s, _) = self { return s }
        return nil
    }

    var int: Int? {
        if case .number(let n, _) = self { return Int(n) ?? Double(n).flatMap { $0 == $0.rounded() ? Int($0) : nil } }
        return nil
    }

    var array: [PositionedJSON]? {
        if case .array(let items, _) = self { return items }
        return nil
    }

    var isNull: Bool {
        if case .null = self { return true }
        return false
    }

    /// The text of a scalar as a CSV cell would hold it.
    var scalarText: String? {
        switch self {
        case .string(let s, _): return s
        case .number(let n, _): return n
        case .bool(let b, _): return b ? "true" : "false"
        default: return nil
        }
    }

    struct SyntaxError: Error {
        let message: String
        let position: Position
    }

    static func parse(_ text: String) throws -> PositionedJSON {
        var parser = Parser(bytes: Array(text.utf8))
        parser.skipSpace()
        let value = try parser.value()
        parser.skipSpace()
        guard parser.index == parser.bytes.count else { throw SyntaxError(message: "unexpected text after the JSON value", position: parser.position) }
        return value
    }

    private struct Parser {
        let bytes: [UInt8]
        var index = 0
        var line = 1
        var lineStart = 0

        init(bytes: [UInt8]) {
            self.bytes = bytes
            if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { index = 3; lineStart = 3 }
        }

        var position: Position {
            // Columns count characters, as editors do.
            Position(line: line, column: bytes[lineStart..<min(index, bytes.count)].filter { $0 & 0xC0 != 0x80 }.count + 1)
        }

        mutating func skipSpace() {
            while index < bytes.count {
                switch bytes[index] {
                case 0x20, 0x09, 0x0D: index += 1
                case 0x0A: index += 1; line += 1; lineStart = index
                default: return
                }
            }
        }

        mutating func expect(_ byte: UInt8, _ what: String) throws {
            guard index < bytes.count, bytes[index] == byte else { throw SyntaxError(message: "expected \(what)", position: position) }
            index += 1
        }

        mutating func value() throws -> PositionedJSON {
            guard index < bytes.count else { throw SyntaxError(message: "unexpected end of file", position: position) }
            let start = position
            switch bytes[index] {
            case UInt8(ascii: "{"):
                index += 1
                var members: [(key: String, keyPosition: Position, value: PositionedJSON)] = []
                skipSpace()
                if index < bytes.count, bytes[index] == UInt8(ascii: "}") { index += 1; return .object(members, start) }
                while true {
                    skipSpace()
                    guard index < bytes.count, bytes[index] == UInt8(ascii: "\"") else { throw SyntaxError(message: "expected a key in quotes", position: position) }
                    let keyPosition = position
                    let key = try string()
                    skipSpace()
                    try expect(UInt8(ascii: ":"), "':' after the key")
                    skipSpace()
                    members.append((key, keyPosition, try value()))
                    skipSpace()
                    if index < bytes.count, bytes[index] == UInt8(ascii: ",") { index += 1; continue }
                    try expect(UInt8(ascii: "}"), "',' or '}'")
                    return .object(members, start)
                }
            case UInt8(ascii: "["):
                index += 1
                var items: [PositionedJSON] = []
                skipSpace()
                if index < bytes.count, bytes[index] == UInt8(ascii: "]") { index += 1; return .array(items, start) }
                while true {
                    skipSpace()
                    items.append(try value())
                    skipSpace()
                    if index < bytes.count, bytes[index] == UInt8(ascii: ",") { index += 1; continue }
                    try expect(UInt8(ascii: "]"), "',' or ']'")
                    return .array(items, start)
                }
            case UInt8(ascii: "\""):
                return .string(try string(), start)
            case UInt8(ascii: "t"):
                try word("true")
                return .bool(true, start)
            case UInt8(ascii: "f"):
                try word("false")
                return .bool(false, start)
            case UInt8(ascii: "n"):
                try word("null")
                return .null(start)
            default:
                let from = index
                while index < bytes.count, "-+.eE0123456789".utf8.contains(bytes[index]) { index += 1 }
                let text = String(decoding: bytes[from..<index], as: UTF8.self)
                guard !text.isEmpty, Double(text) != nil else { throw SyntaxError(message: "unexpected character", position: start) }
                return .number(text, start)
            }
        }

        mutating func word(_ w: String) throws {
            for b in w.utf8 { try expect(b, "'\(w)'") }
        }

        mutating func string() throws -> String {
            let start = position
            index += 1
            var out: [UInt8] = []
            while index < bytes.count {
                let b = bytes[index]
                if b == UInt8(ascii: "\"") { index += 1; return String(decoding: out, as: UTF8.self) }
                if b == 0x0A || b < 0x20 { throw SyntaxError(message: "unescaped control character in a string", position: position) }
                if b == UInt8(ascii: "\\") {
                    index += 1
                    guard index < bytes.count else { break }
                    let e = bytes[index]
                    switch e {
                    case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): out.append(e)
                    case UInt8(ascii: "b"): out.append(0x08)
                    case UInt8(ascii: "f"): out.append(0x0C)
                    case UInt8(ascii: "n"): out.append(0x0A)
                    case UInt8(ascii: "r"): out.append(0x0D)
                    case UInt8(ascii: "t"): out.append(0x09)
                    case UInt8(ascii: "u"):
                        var code = try hex4()
                        if (0xD800...0xDBFF).contains(code), index + 2 < bytes.count, bytes[index + 1] == UInt8(ascii: "\\"), bytes[index + 2] == UInt8(ascii: "u") {
                            index += 2
                            let low = try hex4()
                            code = 0x10000 + ((code - 0xD800) << 10) + (low - 0xDC00)
                        }
                        guard let scalar = Unicode.Scalar(code) else { throw SyntaxError(message: "invalid \\u escape", position: position) }
                        out.append(contentsOf: Array(String(Character(scalar)).utf8))
                    default: throw SyntaxError(message: "invalid escape", position: position)
                    }
                    index += 1
                    continue
                }
                out.append(b)
                index += 1
            }
            throw SyntaxError(message: "this string is never closed", position: start)
        }

        mutating func hex4() throws -> UInt32 {
            guard index + 4 < bytes.count, let code = UInt32(String(decoding: bytes[(index + 1)...(index + 4)], as: UTF8.self), radix: 16) else {
                throw SyntaxError(message: "invalid \\u escape", position: position)
            }
            index += 4
            return code
        }
    }
}
