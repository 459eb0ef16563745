import Foundation
import PortailKit

/// Output to the terminal. Everything goes to stderr, so stdout stays free for pipes.
enum Console {
    static func error(_ text: String) {
        FileHandle.standardError.write(Data((text + "\n").utf8))
    }

    static func diagnostics(_ diagnostics: [Diagnostic]) {
        guard !diagnostics.isEmpty else { return }
        FileHandle.standardError.write(Data(DiagnosticFormatter().format(diagnostics).utf8))
    }

    static func bytes(_ count: Int) -> String {
        let units = ["B", "kB", "MB", "GB"]
        var value = Double(count)
        var unit = 0
        while value >= 1000 && unit < units.count - 1 { value /= 1000; unit += 1 }
        return unit == 0 ? "\(count) B" : String(format: "%.1f %@", value, units[unit])
    }

    static func count(_ n: Int) -> String {
        let digits = String(n)
        var out = ""
        for (i, c) in digits.enumerated() {
            if i > 0 && (digits.count - i) % 3 == 0 { out += "," }
            out.append(c)
        }
        return out
    }

    /// What an incremental build kept, for the summaries of `build` and `serve`: "3 of 8 parts
    /// kept", "29199 pages of the others", each only when there is some; `word` says how the
    /// parts are named kept.
    static func kept(parts reused: Int, of total: Int, pages: Int, word: String = "kept") -> [String] {
        (reused > 0 ? ["\(reused) of \(total) parts \(word)"] : []) + (pages > 0 ? ["\(pages) pages of the others"] : [])
    }

    static let isTerminal = isatty(STDERR_FILENO) == 1
}
