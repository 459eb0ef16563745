/// Reads numbers as French spreadsheets and national open-data files write them:
/// `1533.0`, `1 533`, `1 533,5` (no-break or narrow no-break spaces), `-0,25`, `18,5 %`.
///
/// Works on UTF-8 bytes and produces a plain `[-]digits[.digits][e±digits]` string for
/// `Double`/`Int`, so that nothing depends on the process locale.
enum NumberSyntax {
    struct Parsed {
        var negative: Bool
        var integerDigits: [UInt8]
        var fractionDigits: [UInt8]
        var exponent: String?
        var percent: Bool
    }

    enum Failure: Error {
        case notANumber
        case ambiguousSeparators
        case wrongDecimalMark(found: Character)
    }

    static func parse(_ text: String, decimal: DecimalMark, allowExponent: Bool) -> Result<Parsed, Failure> {
        var bytes = Array(text.utf8)
        trimSpaces(&bytes)
        var parsed = Parsed(negative: false, integerDigits: [], fractionDigits: [], exponent: nil, percent: false)
        if bytes.last == UInt8(ascii: "%") {
            parsed.percent = true
            bytes.removeLast()
            trimSpaces(&bytes)
        }
        var i = 0
        if i < bytes.count, bytes[i] == UInt8(ascii: "-") || bytes[i] == UInt8(ascii: "+") {
            parsed.negative = bytes[i] == UInt8(ascii: "-")
            i += 1
        } else if bytes.count >= 3, bytes[0] == 0xE2, bytes[1] == 0x88, bytes[2] == 0x92 {  // U+2212 minus
            parsed.negative = true
            i = 3
        }
        var mark: UInt8?
        var sawPoint = false, sawComma = false
        var inFraction = false
        var lastWasDigit = false
        while i < bytes.count {
            let b = bytes[i]
            if b >= UInt8(ascii: "0") && b <= UInt8(ascii: "9") {
                if inFraction { parsed.fractionDigits.append(b) } else { parsed.integerDigits.append(b) }
                lastWasDigit = true
                i += 1
            } else if b == UInt8(ascii: ".") || b == UInt8(ascii: ",") {
                if b == UInt8(ascii: ".") { sawPoint = true } else { sawComma = true }
                guard !inFraction, mark == nil else {
                    return .failure(sawPoint && sawComma ? .ambiguousSeparators : .notANumber)
                }
                mark = b
                inFraction = true
                lastWasDigit = false
                i += 1
            } else if let width = groupingSpaceWidth(bytes, at: i) {
                // Thousands separators sit between digits of the integer part only.
                guard lastWasDigit, !inFraction, i + width < bytes.count,
                      bytes[i + width] >= UInt8(ascii: "0"), bytes[i + width] <= UInt8(ascii: "9") else {
                    return .failure(.notANumber)
                }
                lastWasDigit = false
                i += width
            } else if (b == UInt8(ascii: "e") || b == UInt8(ascii: "E")) && allowExponent
                        && !(parsed.integerDigits.isEmpty && parsed.fractionDigits.isEmpty) {
                let rest = bytes[(i + 1)...]
                var digits = Substring(decoding: rest, as: UTF8.self)
                var sign = ""
                if digits.first == "-" || digits.first == "+" { sign = String(digits.removeFirst()) }
                guard !digits.isEmpty, digits.allSatisfy(\.isASCIIDigit) else { return .failure(.notANumber) }
                parsed.exponent = sign + digits
                i = bytes.count
            } else {
                return .failure(.notANumber)
            }
        }
        guard !parsed.integerDigits.isEmpty || !parsed.fractionDigits.isEmpty else { return .failure(.notANumber) }
        if let mark {
            switch decimal {
            case .point where mark == UInt8(ascii: ","): return .failure(.wrongDecimalMark(found: ","))
            case .comma where mark == UInt8(ascii: "."): return .failure(.wrongDecimalMark(found: "."))
            default: break
            }
        }
        return .success(parsed)
    }

    /// Width in bytes of a thousands separator at `i`: space, no-break space (U+00A0),
    /// thin space (U+2009) or narrow no-break space (U+202F), as spreadsheets write them.
    private static func groupingSpaceWidth(_ bytes: [UInt8], at i: Int) -> Int? {
        if bytes[i] == 0x20 { return 1 }
        if bytes[i] == 0xC2, i + 1 < bytes.count, bytes[i + 1] == 0xA0 { return 2 }
        if bytes[i] == 0xE2, i + 2 < bytes.count, bytes[i + 1] == 0x80,
           bytes[i + 2] == 0xAF || bytes[i + 2] == 0x89 { return 3 }
        return nil
    }

    static func trimSpaces(_ bytes: inout [UInt8]) {
        while let first = bytes.first, first == 0x20 || first == 0x09 { bytes.removeFirst() }
        while let last = bytes.last, last == 0x20 || last == 0x09 { bytes.removeLast() }
        // no-break spaces at either end
        while bytes.count >= 2, bytes[bytes.count - 2] == 0xC2, bytes[bytes.count - 1] == 0xA0 { bytes.removeLast(2) }
        while bytes.count >= 2, bytes[0] == 0xC2, bytes[1] == 0xA0 { bytes.removeFirst(2) }
    }
}

extension Character {
    var isASCIIDigit: Bool { isASCII && isNumber }
}
