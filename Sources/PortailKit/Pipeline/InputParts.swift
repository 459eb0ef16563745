import Crypto
import Foundation

/// The inputs of a build in the parts that cached work depends on (``UnitKeys``, and the
/// checks of data files that ``Pipeline`` keeps): read once, after the metadata is checked
/// and before any data file is.
///
/// - the common part, which everything reads: the options of the build, `site.yaml`, content
///   files outside the datasets' folders and the pages, and the languages the theme translates
///   (they decide which translations of the metadata are accepted);
/// - each dataset's metadata (its folder's files but its data file) and data (a digest of its
///   data file); a filtered view also reads the metadata of the dataset whose file it reads.
struct InputParts: Sendable {
    let common: String
    /// By dataset id: its metadata files, its data file.
    let metadata: [String: String]
    let data: [String: String]
    /// By dataset id: the dataset whose data file it reads (`source.dataset`), when another.
    let fileOwner: [String: String]

    init(options: BuildOptions, tables: [(id: String, table: TableSource?)]) {
        let tablePaths = Set(tables.compactMap { $0.table?.url.standardizedFileURL.path })
        var common = InputHasher("portail-inputs-common-v3")
        common.add(InputDigest.optionsText(options))
        var folders: [String: InputHasher] = [:]
        for file in SourceFiles.list(under: options.content) where !tablePaths.contains(file.path) && !Self.isPage(file.relative) {
            if let id = Self.datasetFolder(file.relative) {
                folders[id, default: InputHasher("portail-inputs-dataset-v3")].add(file: file.relative, at: file.url)
            } else {
                common.add(file: "content:" + file.relative, at: file.url)
            }
        }
        // The theme's translation files by name: `ThemeLoader` reads `i18n/<code>.yaml`.
        for file in SourceFiles.list(under: options.theme) where Self.isTranslation(file.relative) {
            common.add("language:" + file.relative)
        }
        self.common = common.hex
        metadata = folders.mapValues(\.hex)

        let contentRoot = options.content.standardizedFileURL.path
        var data: [String: String] = [:], fileOwner: [String: String] = [:]
        for (id, table) in tables {
            data[id] = table.map { InputHasher.hex(Self.digest($0)) } ?? "-"
            guard let path = table?.url.standardizedFileURL.path, path.hasPrefix(contentRoot),
                  let owner = Self.datasetFolder(String(path.dropFirst(contentRoot.count))), owner != id else { continue }
            fileOwner[id] = owner
        }
        self.data = data
        self.fileOwner = fileOwner
    }

    /// The metadata and data of these datasets and of those whose files they read, by id.
    func inputs(of ids: [String]) -> [String] {
        Set(ids + ids.compactMap { fileOwner[$0] }).sorted().map { "\($0)=\(metadata[$0] ?? "-"):\(data[$0] ?? "-")" }
    }

    /// The metadata alone of the same datasets.
    func metadata(of ids: [String]) -> [String] {
        Set(ids + ids.compactMap { fileOwner[$0] }).sorted().map { "\($0)=\(metadata[$0] ?? "-")" }
    }

    /// `pages/<name>.md`, as `ContentLoader` reads pages (relative paths start with `/`).
    static func isPage(_ relative: String) -> Bool {
        relative.hasPrefix("/pages/") && relative.hasSuffix(".md") && !relative.dropFirst("/pages/".count).contains("/")
    }

    static func isTranslation(_ relative: String) -> Bool {
        relative.hasPrefix("/i18n/") && relative.hasSuffix(".yaml") && !relative.dropFirst("/i18n/".count).contains("/")
    }

    /// `/datasets/<id>/…` → `id`: the files of a dataset's folder.
    static func datasetFolder(_ relative: String) -> String? {
        guard relative.hasPrefix("/datasets/") else { return nil }
        let rest = relative.dropFirst("/datasets/".count)
        guard let slash = rest.firstIndex(of: "/") else { return nil }
        return String(rest[..<slash])
    }

    /// SHA-256 of a data file; a mapped one is read piece by piece, releasing the pages behind.
    private static func digest(_ table: TableSource) -> SHA256.Digest {
        guard table.isMapped else { return SHA256.hash(data: table.bytes) }
        var hasher = SHA256()
        InputDigest.update(&hasher, withMapped: table.bytes)
        return hasher.finalize()
    }
}

/// A SHA-256 of texts and files, each text ended by a NUL so that two never run together.
struct InputHasher {
    private var hasher = SHA256()
    init(_ version: String) { add(version) }
    mutating func add(_ text: String) { hasher.update(data: Data((text + "\u{0}").utf8)) }
    mutating func add(file name: String, at url: URL) {
        add(name)
        InputDigest.update(&hasher, withFileAt: url)
    }
    var hex: String { Self.hex(hasher.finalize()) }

    static func hex(_ digest: SHA256.Digest) -> String {
        digest.map { String(format: "%02x", $0) }.joined()
    }
}
