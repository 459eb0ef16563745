/// The portal's public addresses, in one place: pages link relatively, but metadata for
/// harvesters, feeds, sitemaps and the API need absolute URLs under `base_url`.
struct SiteURLs {
    let base: String

    init(_ site: Site) {
        base = site.baseURL
    }

    func absolute(_ path: String) -> String { base + path }

    func datasetPage(_ dataset: Dataset) -> String { base + "datasets/\(dataset.id)/" }
    func page(_ page: Page) -> String { base + "pages/\(page.slug).html" }
    func apiDataset(_ dataset: Dataset) -> String { base + "api/datasets/\(dataset.id).json" }
    func apiRecords(_ dataset: Dataset, page: Int) -> String { base + RecordsPageSink.path(for: dataset, page: page) }
}
