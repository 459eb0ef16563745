/// View model of an embeddable view, `embed/<id>/<view>.html`: the view alone, with a credit
/// line back to the portal, sized by embed.js in the host page.
struct EmbedPageModel {
    let lang: String
    let csp: String
    let t: [String: String]
    let root: String
    let pageTitle: String
    let title: String
    let datasetURL: String
    let credit: String
    let licenceTitle: String
    let licenceURL: String
    let table: TableModel?
    let map: MapModel?
    let chart: ChartModel?
    /// The rows' configuration for map.js when the map is shown alone.
    let mapData: TableModel?
    let view: String

    init(dataset: Dataset, view: String, exports: DatasetExports, catalog: Catalog, locale: Localization, mapAvailable: Bool) {
        csp = ContentSecurityPolicy.policy(catalog)
        lang = locale.tag
        t = locale.strings
        root = "../../"
        self.view = view
        title = dataset.title
        pageTitle = locale.format("embed_title_\(view)", ["title": dataset.title])
        datasetURL = "../../datasets/\(dataset.id)/"
        credit = catalog.site.title
        licenceTitle = dataset.licence.title
        licenceURL = dataset.licence.url
        table = view == "table" ? TableModel(dataset: dataset, exports: exports, locale: locale, dataPrefix: "../../datasets/\(dataset.id)/") : nil
        map = view == "map" ? MapModel(dataset: dataset, exports: exports, site: catalog.site, locale: locale, interactive: mapAvailable) : nil
        mapData = view == "map" ? TableModel(dataset: dataset, exports: exports, locale: locale, dataPrefix: "../../datasets/\(dataset.id)/") : nil
        chart = view == "chart" ? exports.chart.map { ChartModel(data: $0, dataset: dataset, locale: locale, id: "graphique-svg") } : nil
    }
}
