import Crypto
import Foundation

/// The keys of the cached units of work (``RenderCache``): a digest of every input a unit is
/// rendered from, so that a key changes whenever the unit's output could, and only then.
///
/// Inputs fall in three parts:
/// - the content part, which every unit reads: the options of the build, `site.yaml`, every
///   `dataset.yaml` and any other content file, and the languages the theme translates (they
///   decide which translations of the metadata are accepted);
/// - the presentation part, which pages read and exports do not: the theme's templates and
///   translations, and the menu the pages make (their addresses, titles and order). A page's
///   text is rendered into its own page only, which is not a unit; the theme's assets are
///   copied, never read by a page. Editing either, as one does in `portail serve`, renders no
///   unit again;
/// - the data part: one digest per dataset's data file. A dataset's units depend on its own
///   data; the agenda's units, and the exports and record pages of the agenda and of its
///   places, depend on the data of both. No other output reads another dataset's records,
///   which is what lets a change in one CSV file leave the others' units alone.
struct UnitKeys: Sendable {
    let content: String
    let presentation: String
    let data: [String: String]
    /// The agenda's dataset and its places' dataset.
    let agendaDatasets: [String]

    init(options: BuildOptions, datasets: [Dataset], pages: [Page], agenda: Agenda?, mapAvailable: Bool) {
        let tables = Set(datasets.compactMap { $0.table?.url.standardizedFileURL.path })
        let contentFiles = SourceFiles.list(under: options.content)
        let themeFiles = SourceFiles.list(under: options.theme)

        var content = Digest("portail-units-content-v2")
        content.add(InputDigest.optionsText(options))
        for file in contentFiles where !tables.contains(file.path) && !Self.isPage(file.relative) {
            content.add(file: "content:" + file.relative, at: file.url)
        }
        // The theme's translation files by name: `ThemeLoader` reads `i18n/<code>.yaml`.
        for file in themeFiles where Self.isTranslation(file.relative) { content.add("language:" + file.relative) }
        self.content = content.hex

        var presentation = Digest("portail-units-presentation-v2")
        presentation.add("\(mapAvailable)")
        for file in themeFiles where !file.relative.hasPrefix("/assets/") {
            presentation.add(file: "theme:" + file.relative, at: file.url)
        }
        // What `Chrome` reads of the pages; `CatalogBuilder` gives them in menu order.
        for page in pages { presentation.add("page:\(page.slug)|\(page.title)|\(page.menuOrder.map(String.init) ?? "-")") }
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
        key("exports", dataset.id, [content], datasets: related(dataset.id))
    }

    /// The record pages of a dataset (a place's page lists its events).
    func records(_ dataset: Dataset) -> String {
        key("records", dataset.id, [content, presentation], datasets: related(dataset.id))
    }

    /// The agenda's pages, event pages, widgets and feeds.
    func agenda() -> String { key("agenda", "", [content, presentation], datasets: agendaDatasets) }

    /// `pages/<name>.md`, as `ContentLoader` reads pages (relative paths start with `/`).
    static func isPage(_ relative: String) -> Bool {
        relative.hasPrefix("/pages/") && relative.hasSuffix(".md") && !relative.dropFirst("/pages/".count).contains("/")
    }

    static func isTranslation(_ relative: String) -> Bool {
        relative.hasPrefix("/i18n/") && relative.hasSuffix(".yaml") && !relative.dropFirst("/i18n/".count).contains("/")
    }

    private func related(_ id: String) -> [String] {
        agendaDatasets.contains(id) ? agendaDatasets : [id]
    }

    private func key(_ unit: String, _ id: String, _ parts: [String], datasets: [String]) -> String {
        ([unit, id] + parts + datasets.sorted().map { "\($0)=\(data[$0] ?? "-")" }).joined(separator: "|")
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
