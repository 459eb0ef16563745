import Foundation
import Testing
@testable import PortailKit

/// The byte-level trimming gives Foundation's result on every kind of edge: ASCII spaces and
/// line ends, Unicode spaces (no-break, narrow, ideographic, line separator, NEL), combining
/// marks beside a trimmed space, and texts with nothing to trim or nothing else.
@Suite("Trimming spaces like Foundation")
struct TrimmingTests {
    static let samples = [
        "", " ", "\n", "\r\n", " \t\n\u{0B}\u{0C}\r ", "x", " x ", "Séance\n", "\n\n  Ciné-débat  \n",
        "\u{A0}x\u{A0}", " \u{A0} x \u{202F}", "x\u{2028}", "\u{85}x\u{85}", "\u{3000}écran\u{3000}",
        " \u{301}x", "e\u{301} ", " e\u{301}", "\u{1C}x\u{1F}", "a b\tc", "\t«\u{A0}film\u{A0}»\t", "🎬 \n",
    ]

    @Test("whitespace and newlines, on strings and substrings")
    func whitespaceAndNewlines() {
        for text in Self.samples {
            #expect(text.trimmingWhitespaceAndNewlines() == text.trimmingCharacters(in: .whitespacesAndNewlines), "\(Array(text.unicodeScalars))")
            let inner = ("[" + text + "]").dropFirst().dropLast()
            #expect(inner.trimmingWhitespaceAndNewlines() == inner.trimmingCharacters(in: .whitespacesAndNewlines), "\(Array(text.unicodeScalars))")
        }
    }

    @Test("whitespace only, line ends kept")
    func whitespace() {
        for text in Self.samples {
            #expect(text.trimmingWhitespace() == text.trimmingCharacters(in: .whitespaces), "\(Array(text.unicodeScalars))")
        }
    }
}
