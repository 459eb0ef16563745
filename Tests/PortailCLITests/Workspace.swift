import Foundation

/// A scratch copy of the example portal (Content and theme), removed afterwards.
final class Workspace {
    let root: URL

    init() throws {
        root = FileManager.default.temporaryDirectory.appendingPathComponent("portail-e2e-\(UUID().uuidString)")
        let fm = FileManager.default
        try fm.createDirectory(at: root.appendingPathComponent("Themes"), withIntermediateDirectories: true)
        try fm.copyItem(at: PortailBinary.packageRoot.appendingPathComponent("Content"), to: root.appendingPathComponent("Content"))
        try fm.copyItem(at: PortailBinary.packageRoot.appendingPathComponent("Themes/default"),
                        to: root.appendingPathComponent("Themes/default"))
    }

    deinit { try? FileManager.default.removeItem(at: root) }

    func url(_ path: String) -> URL { root.appendingPathComponent(path) }

    func build(_ extra: [String] = [], environment: [String: String] = [:]) throws -> PortailBinary.Run {
        var env = ["SOURCE_DATE_EPOCH": "1795996800"]
        env.merge(environment) { $1 }
        return try PortailBinary.run(["build", "--quiet"] + extra, in: root, environment: env)
    }

    /// Every file under `folder` with its bytes.
    func tree(_ folder: String) throws -> [String: Data] {
        let base = url(folder)
        var files: [String: Data] = [:]
        let walker = FileManager.default.enumerator(at: base, includingPropertiesForKeys: [.isRegularFileKey])
        while let file = walker?.nextObject() as? URL {
            guard (try file.resourceValues(forKeys: [.isRegularFileKey])).isRegularFile == true else { continue }
            files[String(file.standardizedFileURL.path.dropFirst(base.standardizedFileURL.path.count + 1))] = try Data(contentsOf: file)
        }
        return files
    }

    func modificationDate(_ path: String) throws -> Date {
        try FileManager.default.attributesOfItem(atPath: url(path).path)[.modificationDate] as! Date
    }

    /// Replaces the text of one cell of the cinemas file (0-based row after the header).
    func setCinemaCell(row: Int, column: Int, to value: String) throws {
        let file = url("Content/datasets/cinemas-actifs/cinemas-cnc-2022.csv")
        var lines = String(decoding: try Data(contentsOf: file), as: UTF8.self).components(separatedBy: "\r\n")
        var cells = lines[row + 1].components(separatedBy: ";")
        cells[column] = value
        lines[row + 1] = cells.joined(separator: ";")
        try Data(lines.joined(separator: "\r\n").utf8).write(to: file)
    }
}
