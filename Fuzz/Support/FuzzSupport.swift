import Foundation
@testable import PortailKit

// Shared by the three libFuzzer targets (see Fuzz/README.md). Everything here runs once per
// input, on libFuzzer's single thread.

/// A private folder for the files a target writes for each input: the loaders under test read
/// files, as they do in a real build. In /dev/shm when there is one, so nothing reaches the disk.
/// Removed when the process exits normally; a crashed run leaves it behind (a few KiB).
package enum Scratch {
    package static let root: URL = {
        let base = FileManager.default.fileExists(atPath: "/dev/shm") ? "/dev/shm" : NSTemporaryDirectory()
        let url = URL(fileURLWithPath: base).appendingPathComponent("portail-fuzz-\(getpid())", isDirectory: true)
        try? FileManager.default.removeItem(at: url)
        try! FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        atexit { try? FileManager.default.removeItem(at: Scratch.root) }
        return url
    }()

    /// A folder under the scratch root, made if needed.
    package static func folder(_ relative: String) -> URL {
        let url = root.appendingPathComponent(relative, isDirectory: true)
        try! FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    /// Writes the input's bytes to `url`, replacing what the previous input left there.
    package static func write(_ bytes: UnsafeRawBufferPointer, to url: URL) {
        try! Data(bytes).write(to: url)
    }
}

/// The repository's root, found from this file's compile-time path: the targets copy a few small
/// data files from the fixtures into their scratch content folder.
package let repositoryRoot = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

/// The first `lines` lines of a text file (the real data files are large).
package func head(of url: URL, lines: Int) -> Data? {
    guard let data = try? Data(contentsOf: url) else { return nil }
    var seen = 0
    for (offset, byte) in data.enumerated() where byte == UInt8(ascii: "\n") {
        seen += 1
        if seen == lines { return data.prefix(offset + 1) }
    }
    return data
}

/// What the CLI does with diagnostics: sorts them and prints them with their source excerpts.
/// Printing is part of what must never crash (caret columns, long-line cutting, counts).
package func consume(_ diagnostics: [Diagnostic]) {
    let sorted = diagnostics.sorted()
    var length = DiagnosticFormatter().format(sorted).utf8.count
    // A narrow excerpt exercises the cutting of long lines around the caret.
    length += DiagnosticFormatter(limit: 20, excerptWidth: 12).format(sorted).utf8.count
    if ProcessInfo.processInfo.environment["FUZZ_PRINT"] != nil {
        print(DiagnosticFormatter(limit: 1_000).format(sorted), terminator: "")
    }
    _ = length
}

/// A site as the metadata rules resolve it from a valid site.yaml, for the checks that need one.
package let fuzzSite = Site(
    title: "Fuzz", description: "", baseURL: "https://fuzz.example/", language: "fr",
    publisher: Publisher(name: "Fuzz", url: nil, email: nil, type: nil), licence: Licence.known[0],
    timeZone: TimeZone(identifier: "Europe/Paris")!, spatial: [])

/// The build date of every run: fixed, so that a result never depends on the day.
package let fuzzBuildDate = Day(year: 2026, month: 12, day: 31)!

/// libFuzzer's entry point for programs that have a main of their own (compiler-rt's
/// FuzzerInterface.h). SwiftPM links a debug executable target with `main` redirected to
/// `<Target>_main` (so that tests can link the target); each target defines that function and
/// hands over to libFuzzer here. Without the redirection libFuzzer's own main runs instead: the same.
@_silgen_name("LLVMFuzzerRunDriver")
func LLVMFuzzerRunDriver(
    _ argc: UnsafeMutablePointer<CInt>,
    _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>,
    _ callback: @convention(c) (UnsafePointer<UInt8>?, Int) -> CInt
) -> CInt

package func runFuzzer(
    _ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?,
    _ callback: @convention(c) (UnsafePointer<UInt8>?, Int) -> CInt
) -> CInt {
    var argc = argc
    var argv = argv
    return LLVMFuzzerRunDriver(&argc, &argv, callback)
}
