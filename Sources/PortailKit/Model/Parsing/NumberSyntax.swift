/// Reads numbers as French spreadsheets and national open-data files write them:
/// `1533.0`, `1 533`, `1 533,5` (no-break or narrow no-break spaces), `-0,25`, `18,5 %`.
///
/// Works on UTF-8 bytes without allocating, and never depends on the process locale. Values
/// of up to 15 significant digits take Clinger's exact fast path (an integer mantissa divided
/// by a power of ten, both exact in a Double); longer ones go through `Double(String)`.
enum NumberSyntax {
    struct Parsed {
        var negative = false
        /// All digits, integer and fraction, as one integer (valid unless `overflow`).
        var mantissa: UInt64 = 0
        /// The integer part alone (valid unless `overflow`).
        var integerPart: UInt64 = 0
        var fractionDigits = 0
        var fractionIsZero = true
        var digitCount = 0
        var overflow = false
        var exponent: Int?
        var percent = false
    }

    enum Failure: Error {
        case notANumber
        case ambiguousSeparators
        case wrongDecimalMark(found: Character)
    }

    static func parse(_ input: UnsafeBufferPointer<UInt8>, decimal: DecimalMark, allowExponent: Bool) -> Result<Parsed, Failure> {
        var bytes = Trim.spaces(input)
        var n = Parsed()
        if let last = bytes.last, last == UInt8(ascii: "%") {
            n.percent = true
            bytes = Trim.spaces(UnsafeBufferPointer(rebasing: bytes.dropLast()))
        }
        var i = 0
        let count = bytes.count
        if i < count, bytes[i] == UInt8(ascii: "-") || bytes[i] == UInt8(ascii: "+") {
            n.negative = bytes[i] == UInt8(ascii: "-")
            i += 1
        } else if count >= 3, bytes[0] == 0xE2, bytes[1] == 0x88, bytes[2] == 0x92 {  // U+2212 minus
            n.negative = true
            i = 3
        }
        var mark: UInt8?
        var sawPoint = false, sawComma = false
        var lastWasDigit = false
        while i < count {
            let b = bytes[i]
            if b &- UInt8(ascii: "0") < 10 {
                let digit = UInt64(b &- UInt8(ascii: "0"))
                let (m, o1) = n.mantissa.multipliedReportingOverflow(by: 10)
                let (m2, o2) = m.addingReportingOverflow(digit)
                if o1 || o2 { n.overflow = true } else { n.mantissa = m2 }
                if mark == nil {
                    n.integerPart = n.mantissa
                } else {
                    n.fractionDigits += 1
                    if digit != 0 { n.fractionIsZero = false }
                }
                n.digitCount += 1
                lastWasDigit = true
                i += 1
            } else if b == UInt8(ascii: ".") || b == UInt8(ascii: ",") {
                if b == UInt8(ascii: ".") { sawPoint = true } else { sawComma = true }
                guard mark == nil else { return .failure(sawPoint && sawComma ? .ambiguousSeparators : .notANumber) }
                mark = b
                lastWasDigit = false
                i += 1
            } else if let width = groupingSpaceWidth(bytes, at: i) {
                // Thousands separators sit between digits of the integer part only.
                guard lastWasDigit, mark == nil, i + width < count, bytes[i + width] &- UInt8(ascii: "0") < 10 else {
                    return .failure(.notANumber)
                }
                lastWasDigit = false
                i += width
            } else if (b == UInt8(ascii: "e") || b == UInt8(ascii: "E")) && allowExponent && n.digitCount > 0 {
                var j = i + 1
                var negativeExponent = false
                if j < count, bytes[j] == UInt8(ascii: "-") || bytes[j] == UInt8(ascii: "+") {
                    negativeExponent = bytes[j] == UInt8(ascii: "-")
                    j += 1
                }
                guard j < count, count - j <= 4 else { return .failure(.notANumber) }
                var e = 0
                while j < count {
                    guard bytes[j] &- UInt8(ascii: "0") < 10 else { return .failure(.notANumber) }
                    e = e * 10 + Int(bytes[j] &- UInt8(ascii: "0"))
                    j += 1
                }
                n.exponent = negativeExponent ? -e : e
                i = count
            } else {
                return .failure(.notANumber)
            }
        }
        guard n.digitCount > 0 else { return .failure(.notANumber) }
        if let mark {
            switch decimal {
            case .point where mark == UInt8(ascii: ","): return .failure(.wrongDecimalMark(found: ","))
            case .comma where mark == UInt8(ascii: "."): return .failure(.wrongDecimalMark(found: "."))
            default: break
            }
        }
        return .success(n)
    }

    /// The Double a parsed number denotes, correctly rounded.
    static func double(_ n: Parsed, source: UnsafeBufferPointer<UInt8>) -> Double? {
        if !n.overflow, n.mantissa < (1 << 53), n.exponent == nil, n.fractionDigits < powersOfTen.count {
            let value = Double(n.mantissa) / powersOfTen[n.fractionDigits]
            return n.negative ? -value : value
        }
        // Slow path: rebuild a plain ASCII number and let the standard library round it.
        var text = n.negative ? "-" : ""
        var sawMark = false
        for b in source {
            if b == UInt8(ascii: "e") || b == UInt8(ascii: "E") { break }
            guard b &- UInt8(ascii: "0") < 10 || b == UInt8(ascii: ".") || b == UInt8(ascii: ",") else { continue }
            if b == UInt8(ascii: ".") || b == UInt8(ascii: ",") {
                if sawMark { break }
                sawMark = true
                text += "."
            } else {
                text.unicodeScalars.append(Unicode.Scalar(b))
            }
        }
        if let e = n.exponent { text += "e\(e)" }
        return Double(text)
    }

    private static let powersOfTen: [Double] = (0...22).map { pow10($0) }

    private static func pow10(_ k: Int) -> Double {
        var value = 1.0
        for _ in 0..<k { value *= 10 }
        return value
    }

    /// Width in bytes of a thousands separator at `i`: space, no-break space (U+00A0),
    /// thin space (U+2009) or narrow no-break space (U+202F), as spreadsheets write them.
    @inline(__always)
    private static func groupingSpaceWidth(_ bytes: UnsafeBufferPointer<UInt8>, at i: Int) -> Int? {
        let b = bytes[i]
        if b == 0x20 { return 1 }
        if b == 0xC2, i + 1 < bytes.count, bytes[i + 1] == 0xA0 { return 2 }
        if b == 0xE2, i + 2 < bytes.count, bytes[i + 1] == 0x80, bytes[i + 2] == 0xAF || bytes[i + 2] == 0x89 { return 3 }
        return nil
    }
}

/// Trimming of UTF-8 byte buffers, without going through Foundation.
enum Trim {
    /// Drops spaces, tabs and no-break spaces (U+00A0, U+202F) at both ends.
    static func spaces(_ bytes: UnsafeBufferPointer<UInt8>) -> UnsafeBufferPointer<UInt8> {
        var start = 0, end = bytes.count
        while start < end {
            if bytes[start] == 0x20 || bytes[start] == 0x09 { start += 1 }
            else if bytes[start] == 0xC2, start + 1 < end, bytes[start + 1] == 0xA0 { start += 2 }
            else if bytes[start] == 0xE2, start + 2 < end, bytes[start + 1] == 0x80, bytes[start + 2] == 0xAF { start += 3 }
            else { break }
        }
        while end > start {
            if bytes[end - 1] == 0x20 || bytes[end - 1] == 0x09 { end -= 1 }
            else if end - start >= 2, bytes[end - 2] == 0xC2, bytes[end - 1] == 0xA0 { end -= 2 }
            else if end - start >= 3, bytes[end - 3] == 0xE2, bytes[end - 2] == 0x80, bytes[end - 1] == 0xAF { end -= 3 }
            else { break }
        }
        return UnsafeBufferPointer(rebasing: bytes[start..<end])
    }

    /// True when the buffer holds only spaces of the kinds above.
    static func isBlank(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        spaces(bytes).isEmpty
    }
}
