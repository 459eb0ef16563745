import Foundation
import Synchronization

/// What a build leaves for the next one: the costly units of work — a dataset's exports, its
/// record pages, the agenda's pages and widgets — each under a key made of every input it is
/// rendered from (``UnitKeys``), with the files it wrote. A unit whose key did not change is
/// not rendered again: its files are kept from the previous output as they are.
///
/// `portail serve` keeps one in memory across its rebuilds; `portail build` saves it beside the
/// output folder (``save(to:outputIdentity:)``) and reads it back at the next build. The output
/// is the same bytes either way: `IncrementalBuildTests` compares incremental and clean trees
/// after changes, additions and deletions.
public final class RenderCache: Sendable {
    /// Read with Codable; written by ``write(output:inputs:report:into:)``, in the JSON
    /// Codable's synthesized form would have.
    enum Entry: Sendable, Decodable {
        /// The exports' description, and every file the exporter wrote, with their size.
        case exports(DatasetExports, paths: PathList, bytes: Int)
        /// The pages of a unit, with their size.
        case pages(PathList, bytes: Int)
    }

    struct Saved: Decodable {
        static let format = 6
        var format = Saved.format
        /// The output folder this cache describes (see ``outputIdentity(of:)``).
        var output: String
        /// Every input of the build (``InputDigest``), and what the build reported, so that a
        /// build with nothing changed can stop at once and say the same. The inputs are also
        /// the folder's ``BuildStamp``.
        var inputs: String?
        var report: String?
        var entries: [String: Unit]
        var tables: [String: CheckedTable]?
    }

    /// What checking a data file found, for a dataset whose check gives nothing more (no
    /// record pages, events or places) and reported nothing: checking it again after an edit
    /// elsewhere would read the whole file (60,000 rows of schools at the benchmark's S=1) to
    /// find the same.
    struct CheckedTable: Sendable, Codable, Equatable {
        var key: String
        var rowCount: Int
        var extent: BoundingBox?
    }

    struct Unit: Decodable {
        var key: String
        var entry: Entry
        /// The unit's pages by fingerprint, for a unit rendered page by page (``PageMemo``).
        var memo: PageMemo.Pages?
    }

    private let entries: Mutex<[String: Unit]>
    /// By dataset id.
    private let tables: Mutex<[String: CheckedTable]>
    private let tablesReused = Mutex(0)
    /// Units served from the cache and units rendered, in the last build (for the console).
    private let counts = Mutex<(reused: Int, rendered: Int)>((0, 0))
    private let pagesKeptCount = Mutex(0)
    /// The previous build's input digest and report, when read from a file describing the
    /// folder in place (not when the folder was recognised by its stamp only: see ``load(for:)``).
    public let previousInputs: String?
    public let previousReport: String?

    public init() {
        entries = Mutex([:])
        tables = Mutex([:])
        previousInputs = nil
        previousReport = nil
    }

    private init(saved: Saved, inPlace: Bool) {
        entries = Mutex(saved.entries)
        tables = Mutex(saved.tables ?? [:])
        previousInputs = inPlace ? saved.inputs : nil
        previousReport = inPlace ? saved.report : nil
    }

    // MARK: - Units

    /// What the cache holds for a unit under `key` (the build goes through ``keep(_:key:in:)``).
    func exports(_ unit: String, key: String) -> (exports: DatasetExports, paths: PathList, bytes: Int)? {
        guard case .exports(let exports, let paths, let bytes)? = lookup(unit, key: key) else { return nil }
        return (exports, paths, bytes)
    }

    func pages(_ unit: String, key: String) -> (paths: PathList, bytes: Int)? {
        guard case .pages(let paths, let bytes)? = lookup(unit, key: key) else { return nil }
        return (paths, bytes)
    }

    /// The unit's entry when its key did not change and `destination` keeps its files from the
    /// previous output; nil, the unit to be rendered, otherwise.
    func keep(_ unit: String, key: String, in destination: any OutputDestination) throws -> Entry? {
        guard let entry = lookup(unit, key: key) else { return nil }
        let (paths, bytes) = switch entry {
        case .exports(_, let paths, let bytes), .pages(let paths, let bytes): (paths, bytes)
        }
        if try destination.keep(paths, bytes: bytes) { return entry }
        missed()
        return nil
    }

    func store(_ unit: String, key: String, _ entry: Entry, memo: PageMemo.Pages? = nil) {
        entries.withLock { $0[unit] = Unit(key: key, entry: entry, memo: memo) }
        counts.withLock { $0.rendered += 1 }
    }

    /// The pages of the unit's last rendering by fingerprint, whatever its key: a unit rendered
    /// again keeps those of its pages whose fingerprint did not change.
    func memo(_ unit: String) -> PageMemo.Pages? {
        entries.withLock { $0[unit]?.memo }
    }

    /// A unit found in the cache could not be used (its files are gone): it is rendered.
    private func missed() {
        counts.withLock { $0.reused -= 1 }
    }

    /// Forgets the units that the last build did not have (a deleted dataset), so that the
    /// cache follows the content.
    func retain(only units: Set<String>) {
        entries.withLock { entries in entries = entries.filter { units.contains($0.key) } }
    }

    // MARK: - Checked data files

    /// The previous check of a dataset's data file, when its inputs did not change.
    func checkedTable(_ id: String, key: String) -> CheckedTable? {
        let found = tables.withLock { $0[id].flatMap { $0.key == key ? $0 : nil } }
        if found != nil { tablesReused.withLock { $0 += 1 } }
        return found
    }

    /// How many data files were not read again since the last call.
    func takeTablesReused() -> Int {
        tablesReused.withLock { count in defer { count = 0 }; return count }
    }

    /// Remembers a check, or forgets the dataset's (nil: its check is not one to keep).
    func storeTable(_ id: String, _ table: CheckedTable?) {
        tables.withLock { $0[id] = table }
    }

    /// Forgets the checks of datasets the build did not have.
    func retainTables(only ids: Set<String>) {
        tables.withLock { tables in tables = tables.filter { ids.contains($0.key) } }
    }

    /// The names of the units held, sorted.
    var units: [String] { entries.withLock { $0.keys.sorted() } }

    /// Pages of units rendered again that were kept one by one (``PageMemo``).
    func pagesKept(_ count: Int) {
        pagesKeptCount.withLock { $0 += count }
    }

    /// How many pages were kept one by one since the last call.
    public func takePagesKept() -> Int {
        pagesKeptCount.withLock { count in defer { count = 0 }; return count }
    }

    /// (units reused, units rendered) since the last call.
    public func takeCounts() -> (reused: Int, rendered: Int) {
        counts.withLock { counts in defer { counts = (0, 0) }; return counts }
    }

    private func lookup(_ unit: String, key: String) -> Entry? {
        let found = entries.withLock { entries -> Entry? in
            guard let cached = entries[unit], cached.key == key else { return nil }
            return cached.entry
        }
        if found != nil { counts.withLock { $0.reused += 1 } }
        return found
    }

    // MARK: - Saving

    /// Where `portail build` keeps the cache of an output folder: beside it, hidden, so that
    /// it is never published.
    public static func file(for output: URL) -> URL { OutputSibling.url(of: output, "cache.json") }

    /// What identifies one output folder: its inode, and the last change of its entries; a
    /// folder replaced or restored by other means does not match its cache.
    public static func outputIdentity(of output: URL) -> String? {
        var info = stat()
        guard stat(output.standardizedFileURL.path, &info) == 0 else { return nil }
        return "\(info.st_dev):\(info.st_ino):\(info.st_ctim.tv_sec).\(info.st_ctim.tv_nsec)"
    }

    /// The cache saved for `output`, or an empty one when there is none, it cannot be read, or
    /// it describes another folder than the one there now.
    ///
    /// The folder is the one the cache describes when it is the same folder, untouched since
    /// (its inode and last change), or when it carries the same ``BuildStamp``: a folder moved,
    /// copied or restored from a CI cache with the cache file. In the second case the cache's
    /// units are used (each is kept only if its files are there), but the build does not stop
    /// at "nothing changed": the folder may have lost files on the way, and only a build puts
    /// them back.
    ///
    /// Its units are decoded only when it describes the folder there: decoding the 8 MB cache
    /// of an S=10 build whose folder had been removed raised that build's peak memory from 82
    /// to 94–106 MiB, for a cache then thrown away.
    public static func load(for output: URL) -> RenderCache {
        guard let data = try? Data(contentsOf: file(for: output), options: .alwaysMapped),
              let header = try? JSONDecoder.cache.decode(Header.self, from: data),
              header.format == Saved.format else {
            return RenderCache()
        }
        let inPlace = outputIdentity(of: output) == header.output
        guard inPlace || (header.inputs != nil && BuildStamp.read(in: output) == header.inputs),
              let saved = try? JSONDecoder.cache.decode(Saved.self, from: data) else {
            return RenderCache()
        }
        return RenderCache(saved: saved, inPlace: inPlace)
    }

    /// The beginning of ``Saved``: which format, for which folder (its identity, its stamp).
    private struct Header: Decodable {
        var format: Int
        var output: String
        var inputs: String?
    }

    /// Saves the cache of the output folder just committed, and stamps the folder with
    /// `inputs` (``BuildStamp``). A cache that cannot be written only makes the next build a
    /// full one.
    ///
    /// The file is the JSON of ``Saved`` (what `load` decodes), written as it is made, path
    /// list by path list, through a temporary file renamed over the old one.
    public func save(for output: URL, inputs: String?, report: String?) {
        // The stamp first: writing it changes the folder's last change, part of its identity.
        // (The build removed the old one with the cache before its commit: `remove(for:)`.)
        if let inputs {
            guard (try? BuildStamp.write(inputs, in: output)) != nil else { return }
        }
        guard let identity = Self.outputIdentity(of: output) else { return }
        let target = Self.file(for: output).path
        let partial = target + ".partial"
        do {
            let w = ByteWriter(path: partial, target: .file(try PlainFile.handle(partial))) { _, _ in }
            try write(output: identity, inputs: inputs, report: report, into: w)
            try w.close()
            guard rename(partial, target) == 0 else { throw OutputError("cannot rename \(partial): \(String(cString: strerror(errno)))") }
        } catch {
            unlink(partial)
        }
    }

    /// This cache's units as the JSON of ``Saved`` that Codable reads
    /// (`{"format":…,"output":…,"inputs":…,"report":…,"entries":{"<unit>":{"key":…,"entry":
    /// {"pages":{"_0":"<paths>","bytes":…}},"memo":{"base":…,"pages":…}}},"tables":{"<dataset>":{"key":…,"rowCount":…}}}`,
    /// an export's entry as `{"exports":{"_0":{…},"paths":…,"bytes":…}}`); units and datasets
    /// in the order of their names.
    private func write(output: String, inputs: String?, report: String?, into w: ByteWriter) throws {
        let units = entries.withLock { $0 }
        let tables = tables.withLock { $0 }
        func string(_ text: String) { ValueEncoding.jsonString(text, into: w) }
        w.write("{\"format\":\(Saved.format),\"output\":")
        string(output)
        if let inputs { w.write(",\"inputs\":"); string(inputs) }
        if let report { w.write(",\"report\":"); string(report) }
        w.write(",\"entries\":{")
        for (index, name) in units.keys.sorted().enumerated() {
            let unit = units[name]!
            if index > 0 { w.write(byte: UInt8(ascii: ",")) }
            string(name)
            w.write(":{\"key\":")
            string(unit.key)
            switch unit.entry {
            case .exports(let exports, let paths, let bytes):
                w.write(",\"entry\":{\"exports\":{\"_0\":")
                w.write(bytes: try JSONEncoder.cache.encode(exports))
                w.write(",\"paths\":")
                paths.writeJSON(into: w)
                w.write(",\"bytes\":")
                w.write(integer: bytes)
                w.write("}}")
            case .pages(let paths, let bytes):
                w.write(",\"entry\":{\"pages\":{\"_0\":")
                paths.writeJSON(into: w)
                w.write(",\"bytes\":")
                w.write(integer: bytes)
                w.write("}}")
            }
            if let memo = unit.memo {
                w.write(",\"memo\":")
                memo.write(into: w)
            }
            w.write("}")
        }
        w.write("},\"tables\":{")
        for (index, id) in tables.keys.sorted().enumerated() {
            if index > 0 { w.write(byte: UInt8(ascii: ",")) }
            string(id)
            w.write(byte: UInt8(ascii: ":"))
            w.write(bytes: try JSONEncoder.cache.encode(tables[id]!))
        }
        w.write("}}\n")
    }

    /// Removes the saved cache of `output` and the folder's stamp (a build that does not use
    /// them, or is about to change the folder, must not leave them to match what it changes).
    public static func remove(for output: URL) {
        try? FileManager.default.removeItem(at: file(for: output))
        BuildStamp.remove(in: output)
    }
}

extension JSONEncoder {
    static var cache: JSONEncoder {
        let encoder = JSONEncoder()
        encoder.nonConformingFloatEncodingStrategy = .convertToString(positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
        return encoder
    }
}

extension JSONDecoder {
    static var cache: JSONDecoder {
        let decoder = JSONDecoder()
        decoder.nonConformingFloatDecodingStrategy = .convertFromString(positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
        return decoder
    }
}

/// Passes every write on, and remembers the paths and their size: what an exporter wrote,
/// for the cache.
final class RecordingOutput: OutputDestination {
    let base: any OutputDestination
    private let written = Mutex(Written())

    private struct Written {
        var paths = PathList()
        var bytes = 0
    }

    init(_ base: any OutputDestination) { self.base = base }

    var paths: PathList { written.withLock { $0.paths } }
    var count: Int { written.withLock { $0.paths.count } }
    /// The size of the files written (those written in pieces, once closed).
    var bytes: Int { written.withLock { $0.bytes } }

    func write(_ path: String, _ data: Data) throws {
        try base.write(path, data)
        let count = written.withLock { $0.paths.append(path); $0.bytes += data.count; return $0.paths.count }
        // Rendering a page leaves freed blocks in the arena of the thread that made it; over
        // hundreds of thousands of pages they added 12 MB to the S=10 build's peak. Giving
        // them back every 2,048 pages costs no time that the S=1 benchmark can tell from noise.
        if count % 2_048 == 0 { FreedMemory.giveBack() }
    }

    func open(_ path: String) throws -> ByteWriter {
        let writer = try base.open(path)
        written.withLock { $0.paths.append(path) }
        writer.whenClosed = { [self] size in written.withLock { $0.bytes += size } }
        return writer
    }

    /// Pages kept by a ``PageMemo`` are the unit's as much as those it renders.
    func keep(_ paths: PathList, bytes: Int) throws -> Bool {
        guard try base.keep(paths, bytes: bytes) else { return false }
        written.withLock { $0.paths.append(contentsOf: paths); $0.bytes += bytes }
        return true
    }

    func copy(_ path: String, from source: URL) throws {
        try base.copy(path, from: source)
        var info = stat()
        let size = stat(source.path, &info) == 0 ? Int(info.st_size) : 0
        written.withLock { $0.paths.append(path); $0.bytes += size }
    }
}
