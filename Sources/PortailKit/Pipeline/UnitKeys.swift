import Crypto
import Foundation

/// The keys of the cached units of work (``RenderCache``): a digest of every input a unit is
/// rendered from, so that a key changes whenever the unit's output could.
///
/// Inputs fall in two parts. The shared part is everything but the data files: the options of
/// the build, the theme, `site.yaml`, the pages and every `dataset.yaml` — a change there
/// renders every unit again. The data part is one digest per dataset's data file. A dataset's
/// units depend on its own data; the agenda's units, and the exports and record pages of the
/// agenda and of its places, depend on the data of both. No other output reads another
/// dataset's records, which is what lets a change in one CSV file leave the others' units alone.
struct UnitKeys: Sendable {
    let shared: String
    let data: [String: String]
    /// The agenda's dataset and its places' dataset.
    let agendaDatasets: [String]

    init(options: BuildOptions, datasets: [Dataset], agenda: Agenda?, mapAvailable: Bool) {
        var hasher = SHA256()
        func add(_ text: String) { hasher.update(data: Data((text + "\u{0}").utf8)) }
        add("portail-units-v1")
        add(InputDigest.optionsText(options))
        add("\(mapAvailable)")
        let tables = Set(datasets.compactMap { $0.table?.url.standardizedFileURL.path })
        for (name, root) in [("theme", options.theme), ("content", options.content)] {
            for file in SourceFiles.list(under: root) where !tables.contains(file.path) {
                add(name + ":" + file.relative)
                InputDigest.update(&hasher, withFileAt: file.url)
            }
        }
        shared = Self.hex(hasher.finalize())
        var data: [String: String] = [:]
        for dataset in datasets {
            data[dataset.id] = dataset.table.map { Self.hex(Self.digest($0)) } ?? "-"
        }
        self.data = data
        agendaDatasets = agenda.map { [$0.datasetID, $0.venuesDatasetID] } ?? []
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

    /// The exports of a dataset.
    func exports(_ dataset: Dataset) -> String { key("exports", dataset.id, datasets: related(dataset.id)) }

    /// The record pages of a dataset (a place's page lists its events).
    func records(_ dataset: Dataset) -> String { key("records", dataset.id, datasets: related(dataset.id)) }

    /// The agenda's pages, event pages, widgets and feeds.
    func agenda() -> String { key("agenda", "", datasets: agendaDatasets) }

    private func related(_ id: String) -> [String] {
        agendaDatasets.contains(id) ? agendaDatasets : [id]
    }

    private func key(_ unit: String, _ id: String, datasets: [String]) -> String {
        ([unit, id, shared] + datasets.sorted().map { "\($0)=\(data[$0] ?? "-")" }).joined(separator: "|")
    }

    private static func hex(_ digest: SHA256.Digest) -> String {
        digest.map { String(format: "%02x", $0) }.joined()
    }
}
