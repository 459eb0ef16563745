import Crypto
import Foundation

/// The keys of the cached units of work (``RenderCache``): a digest of every input a unit is
/// rendered from, so that a key changes whenever the unit's output could, and only then.
///
/// Inputs fall in parts:
/// - the common part, which every unit reads: the options of the build, `site.yaml`, content
///   files outside the datasets' folders and the pages, and the languages the theme translates
///   (they decide which translations of the metadata are accepted);
/// - each dataset's metadata (its folder's files but its data file) and data (a digest of its
///   data file). A unit reads those of its dataset, of the dataset whose file it reads
///   (`source.dataset`), and, for the agenda and its places, of both;
/// - for pages only, the presentation: the theme's templates and translations, the menu the
///   pages make (their addresses, titles and order), and what every page's header shows of
///   the catalogue (whether there is an agenda, whether members have an edition). A page's
///   text is rendered into its own page only, which is not a unit; the theme's assets are
///   copied, never read by a page.
///
/// So, as one does in `portail serve`: editing a page's text or a theme asset renders no unit
/// again; a template, a translation or the menu, the page units but no export; one dataset's
/// `dataset.yaml` or data file, that dataset's units (and the agenda's, for its datasets).
struct UnitKeys: Sendable {
    let common: String
    let presentation: String
    /// By dataset id: its metadata files, its data file.
    let metadata: [String: String]
    let data: [String: String]
    /// By dataset id: the dataset whose data file it reads, when another.
    let fileOwner: [String: String]
    /// The agenda's dataset and its places' dataset.
    let agendaDatasets: [String]

    init(options: BuildOptions, datasets: [Dataset], pages: [Page], agenda: Agenda?, mapAvailable: Bool) {
        let tables = Set(datasets.compactMap { $0.table?.url.standardizedFileURL.path })
        let contentFiles = SourceFiles.list(under: options.content)
        let themeFiles = SourceFiles.list(under: options.theme)

        var common = Digest("portail-units-common-v3")
        common.add(InputDigest.optionsText(options))
        var folders: [String: Digest] = [:]
        for file in contentFiles where !tables.contains(file.path) && !Self.isPage(file.relative) {
            if let id = Self.datasetFolder(file.relative) {
                folders[id, default: Digest("portail-units-dataset-v3")].add(file: file.relative, at: file.url)
            } else {
                common.add(file: "content:" + file.relative, at: file.url)
            }
        }
        // The theme's translation files by name: `ThemeLoader` reads `i18n/<code>.yaml`.
        for file in themeFiles where Self.isTranslation(file.relative) { common.add("language:" + file.relative) }
        self.common = common.hex
        metadata = folders.mapValues(\.hex)
        let contentRoot = options.content.standardizedFileURL.path
        var fileOwner: [String: String] = [:]
        for dataset in datasets {
            guard let path = dataset.table?.url.standardizedFileURL.path, path.hasPrefix(contentRoot),
                  let owner = Self.datasetFolder(String(path.dropFirst(contentRoot.count))), owner != dataset.id else { continue }
            fileOwner[dataset.id] = owner
        }
        self.fileOwner = fileOwner

        var presentation = Digest("portail-units-presentation-v3")
        presentation.add("\(mapAvailable)")
        for file in themeFiles where !file.relative.hasPrefix("/assets/") {
            presentation.add(file: "theme:" + file.relative, at: file.url)
        }
        // What `Chrome` reads of the pages; `CatalogBuilder` gives them in menu order.
        for page in pages { presentation.add("page:\(page.slug)|\(page.title)|\(page.menuOrder.map(String.init) ?? "-")") }
        // What the header of every page reads of the catalogue: the agenda's menu entry, and
        // the members' one (`catalog.members` follows from these, the options and site.yaml).
        presentation.add("agenda:" + (agenda.map { "\($0.datasetID)|\($0.venuesDatasetID)" } ?? "-"))
        presentation.add("restricted:" + datasets.filter(\.hasRestrictedData).map(\.id).sorted().joined(separator: ","))
        self.presentation = presentation.hex

        var data: [String: String] = [:]
        for dataset in datasets {
            data[dataset.id] = dataset.table.map { Self.hex(Self.digest($0)) } ?? "-"
        }
        self.data = data
        agendaDatasets = agenda.map { [$0.datasetID, $0.venuesDatasetID] } ?? []
    }

    /// The exports of a dataset: its data files, API, metadata files; no theme, no page.
    func exports(_ dataset: Dataset) -> String {
        key("exports", dataset.id, [common], datasets: related(dataset.id))
    }

    /// The record pages of a dataset (a place's page lists its events).
    func records(_ dataset: Dataset) -> String {
        key("records", dataset.id, [common, presentation], datasets: related(dataset.id))
    }

    /// The agenda's pages, event pages, widgets and feeds.
    func agenda() -> String { key("agenda", "", [common, presentation], datasets: agendaDatasets.flatMap { related($0) }) }

    /// `/datasets/<id>/…` → `id`: the files of a dataset's folder.
    static func datasetFolder(_ relative: String) -> String? {
        guard relative.hasPrefix("/datasets/") else { return nil }
        let rest = relative.dropFirst("/datasets/".count)
        guard let slash = rest.firstIndex(of: "/") else { return nil }
        return String(rest[..<slash])
    }

    /// `pages/<name>.md`, as `ContentLoader` reads pages (relative paths start with `/`).
    static func isPage(_ relative: String) -> Bool {
        relative.hasPrefix("/pages/") && relative.hasSuffix(".md") && !relative.dropFirst("/pages/".count).contains("/")
    }

    static func isTranslation(_ relative: String) -> Bool {
        relative.hasPrefix("/i18n/") && relative.hasSuffix(".yaml") && !relative.dropFirst("/i18n/".count).contains("/")
    }

    /// The datasets whose metadata and data a dataset's units read.
    private func related(_ id: String) -> [String] {
        let own = agendaDatasets.contains(id) ? agendaDatasets : [id]
        return own + own.compactMap { fileOwner[$0] }
    }

    private func key(_ unit: String, _ id: String, _ parts: [String], datasets: [String]) -> String {
        let inputs = Set(datasets).sorted().map { "\($0)=\(metadata[$0] ?? "-"):\(data[$0] ?? "-")" }
        return ([unit, id] + parts + inputs).joined(separator: "|")
    }

    /// SHA-256 of a data file; a mapped one is read piece by piece, releasing the pages behind.
    private static func digest(_ table: TableSource) -> SHA256.Digest {
        guard table.isMapped else { return SHA256.hash(data: table.bytes) }
        var hasher = SHA256()
        MappedFile.forEachPiece(of: table.bytes) { _, piece in
            hasher.update(bufferPointer: piece)
            return true
        }
        return hasher.finalize()
    }

    static func hex(_ digest: SHA256.Digest) -> String {
        digest.map { String(format: "%02x", $0) }.joined()
    }

    /// A SHA-256 of texts and files, each text ended by a NUL so that two never run together.
    private struct Digest {
        var hasher = SHA256()
        init(_ version: String) { add(version) }
        mutating func add(_ text: String) { hasher.update(data: Data((text + "\u{0}").utf8)) }
        mutating func add(file name: String, at url: URL) {
            add(name)
            InputDigest.update(&hasher, withFileAt: url)
        }
        var hex: String { UnitKeys.hex(hasher.finalize()) }
    }
}
