import Foundation

/// The keys of the cached units of work (``RenderCache``): a digest of every input a unit is
/// rendered from, so that a key changes whenever the unit's output could, and only then.
///
/// A unit reads the common part of the inputs (``InputParts``) and the metadata and data of
/// its dataset, of the dataset whose file it reads (`source.dataset`), and, for the agenda and
/// its places, of both. Pages also read the presentation: the theme's templates and
/// translations, the menu the pages make (their addresses, titles and order), and what every
/// page's header shows of the catalogue (whether there is an agenda, whether members have an
/// edition). A page's text is rendered into its own page only, which is not a unit; the
/// theme's assets are copied, never read by a page.
///
/// The files that describe the portal to machines (DCAT, the API's documents, feeds) read
/// every dataset, the pages' addresses and the translations; the sitemap, every dataset's
/// metadata but only the data of the datasets whose records or events have pages.
///
/// So, as one does in `portail serve`: editing a page's text or a theme asset renders no unit
/// again; a template, a translation or the menu, the page units, the metadata and the sitemap
/// but no export; one dataset's `dataset.yaml`, that dataset's units (and the agenda's, for
/// its datasets), the metadata and the sitemap; its data file, the same but the sitemap when
/// no page shows its records.
struct UnitKeys: Sendable {
    let parts: InputParts
    let presentation: String
    /// The agenda's dataset and its places' dataset.
    let agendaDatasets: [String]
    let datasetIDs: [String]
    /// Datasets whose records have pages (when their data allows).
    let recordPageDatasets: [String]

    init(parts: InputParts, theme: URL, datasets: [Dataset], pages: [Page], agenda: Agenda?, mapAvailable: Bool) {
        self.parts = parts
        var presentation = InputHasher("portail-units-presentation-v3")
        presentation.add("\(mapAvailable)")
        for file in SourceFiles.list(under: theme) where !file.relative.hasPrefix("/assets/") {
            presentation.add(file: "theme:" + file.relative, at: file.url)
        }
        // What `Chrome` reads of the pages; `CatalogBuilder` gives them in menu order.
        for page in pages { presentation.add("page:\(page.slug)|\(page.title)|\(page.menuOrder.map(String.init) ?? "-")") }
        // What the header of every page reads of the catalogue: the agenda's menu entry, and
        // the members' one (`catalog.members` follows from these, the options and site.yaml).
        presentation.add("agenda:" + (agenda.map { "\($0.datasetID)|\($0.venuesDatasetID)" } ?? "-"))
        presentation.add("restricted:" + datasets.filter(\.hasRestrictedData).map(\.id).sorted().joined(separator: ","))
        self.presentation = presentation.hex
        agendaDatasets = agenda.map { [$0.datasetID, $0.venuesDatasetID] } ?? []
        datasetIDs = datasets.map(\.id)
        recordPageDatasets = datasets.filter { $0.recordTitle != nil }.map(\.id)
    }

    /// The exports of a dataset: its data files, API, metadata files; no theme, no page.
    func exports(_ dataset: Dataset) -> String {
        key("exports", dataset.id, [parts.common], datasets: related(dataset.id))
    }

    /// The record pages of a dataset (a place's page lists its events).
    func records(_ dataset: Dataset) -> String {
        key("records", dataset.id, [parts.common, presentation], datasets: related(dataset.id))
    }

    /// The agenda's pages, event pages, widgets and feeds.
    func agenda() -> String { key("agenda", "", [parts.common, presentation], datasets: agendaDatasets) }

    /// DCAT, the API's documents, Frictionless and CSVW files, the feed, host configuration
    /// (``MetadataRenderer``): the pages' addresses are in the presentation.
    func metadata() -> String { key("metadata", "", [parts.common, presentation], datasets: datasetIDs) }

    /// The sitemap lists every page with the date of change its dataset's metadata gives; of
    /// the data, it reads only which records and events have pages. Kept through a change
    /// of any other data file: at S=10 it reads 250,000 events again.
    func sitemap() -> String {
        key("sitemap", "", [parts.common, presentation] + parts.metadata(of: datasetIDs), datasets: recordPageDatasets + agendaDatasets)
    }

    /// What every record page of a dataset reads but the data (``PageMemo``): each page's
    /// fingerprint stands for what it shows of the data.
    func recordPagesBase(_ dataset: Dataset) -> String {
        base("records", dataset.id, datasets: related(dataset.id))
    }

    /// The same for the agenda's event pages and widgets.
    func agendaPagesBase() -> String { base("agenda", "", datasets: agendaDatasets) }

    private func base(_ unit: String, _ id: String, datasets: [String]) -> String {
        (["pages-of-" + unit, id, parts.common, presentation] + parts.metadata(of: datasets)).joined(separator: "|")
    }

    /// The datasets whose metadata and data a dataset's units read.
    private func related(_ id: String) -> [String] {
        agendaDatasets.contains(id) ? agendaDatasets : [id]
    }

    private func key(_ unit: String, _ id: String, _ keyParts: [String], datasets: [String]) -> String {
        ([unit, id] + keyParts + parts.inputs(of: datasets)).joined(separator: "|")
    }
}
