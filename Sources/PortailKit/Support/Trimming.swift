import Foundation

extension StringProtocol where UTF8View: BidirectionalCollection {
    /// `trimmingCharacters(in: .whitespacesAndNewlines)`, the same result, without Foundation's
    /// round trip through UTF-16 for the usual text: ASCII spaces and line ends are dropped
    /// from the bytes, and Foundation is asked only when a non-ASCII character is left at an
    /// end (a no-break space could be one to trim). Event descriptions are trimmed several
    /// times per event; this was 2 % of a benchmark build.
    func trimmingWhitespaceAndNewlines() -> String {
        trimming(ascii: { $0 == 0x20 || (0x09...0x0D).contains($0) }, else: .whitespacesAndNewlines)
    }

    /// `trimmingCharacters(in: .whitespaces)` the same way: spaces and tabs.
    func trimmingWhitespace() -> String {
        trimming(ascii: { $0 == 0x20 || $0 == 0x09 }, else: .whitespaces)
    }

    private func trimming(ascii isTrimmed: (UInt8) -> Bool, else set: CharacterSet) -> String {
        let bytes = utf8
        var start = bytes.startIndex, end = bytes.endIndex
        while start < end, isTrimmed(bytes[start]) { bytes.formIndex(after: &start) }
        while start < end, isTrimmed(bytes[bytes.index(before: end)]) { bytes.formIndex(before: &end) }
        guard start < end else { return "" }
        // An ASCII byte is a whole character: cutting there is cutting between characters.
        guard bytes[start] < 0x80, bytes[bytes.index(before: end)] < 0x80 else { return trimmingCharacters(in: set) }
        return String(self[start..<end])
    }
}
