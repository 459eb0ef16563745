import Foundation
import PortailKit
import Synchronization

/// Shows the pipeline's progress on stderr: stages, datasets done out of the total, and rows
/// per second on big files. On a terminal, a live line updates in place; in CI logs, one line
/// per dataset is printed when it is done.
final class ConsoleProgress: BuildProgress {
    private struct Pass {
        let start: Date
        let bytes: Int
        let label: String
        var lastShown: Date
    }

    private let passes = Mutex<[String: Pass]>([:])

    func stage(_ name: String, detail: String) {
        Console.error("portail: \(name) \(detail)")
    }

    func datasetStarted(_ id: String, index: Int, of total: Int, stage: String, bytes: Int) {
        let now = Date()
        passes.withLock { $0["\(stage)/\(id)"] = Pass(start: now, bytes: bytes, label: "  \(stage) \(id) (\(index)/\(total))", lastShown: now) }
    }

    func datasetRows(_ id: String, rows: Int, bytesRead: Int) {
        guard Console.isTerminal else { return }
        let now = Date()
        let line: String? = passes.withLock { passes in
            guard let key = passes.keys.first(where: { $0.hasSuffix("/\(id)") }), var pass = passes[key],
                  now.timeIntervalSince(pass.lastShown) > 0.25 else { return nil }
            pass.lastShown = now
            passes[key] = pass
            let rate = Double(rows) / max(0.001, now.timeIntervalSince(pass.start))
            let percent = pass.bytes > 0 ? " \(Int(Double(bytesRead) * 100 / Double(pass.bytes)))%" : ""
            return "\(pass.label):\(percent) \(Console.count(rows)) rows, \(Console.count(Int(rate))) rows/s"
        }
        if let line { FileHandle.standardError.write(Data("\r\u{1B}[K\(line)".utf8)) }
    }

    func datasetFinished(_ id: String, rows: Int, stage: String) {
        guard let pass = passes.withLock({ $0.removeValue(forKey: "\(stage)/\(id)") }) else { return }
        let seconds = Date().timeIntervalSince(pass.start)
        var line = "\(pass.label): \(Console.count(rows)) \(rows == 1 ? "row" : "rows") in \(String(format: "%.2f", seconds)) s"
        if rows >= 10_000 { line += " (\(Console.count(Int(Double(rows) / max(seconds, 0.001)))) rows/s)" }
        FileHandle.standardError.write(Data(((Console.isTerminal ? "\r\u{1B}[K" : "") + line + "\n").utf8))
    }
}
