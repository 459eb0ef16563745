/// The map view of a dataset: Leaflet over the rows table.js loads, or, without Leaflet, a
/// static list of the first places.
struct MapModel {
    struct Place {
        let title: String
        let detail: String
        let coordinates: String
    }

    let t: [String: String]
    /// Leaflet is available; otherwise `places` lists the first records.
    let interactive: Bool
    let places: [Place]
    let unavailableNote: String
    let caption: String
    /// JSON for map.js.
    let config: String

    init(dataset: Dataset, exports: DatasetExports, site: Site, locale: Localization, interactive: Bool) {
        let format = DisplayFormat(locale)
        t = locale.strings
        self.interactive = interactive
        caption = locale.format("map_caption", ["title": dataset.title])
        unavailableNote = locale["map_unavailable"]
        let publicIndexes = dataset.publicFieldIndexes
        let positions = Dictionary(uniqueKeysWithValues: publicIndexes.enumerated().map { ($1, $0) })
        let popup = dataset.popupFields.compactMap { positions[$0] }
        places = exports.preview.compactMap { values in
            guard let geometry = dataset.geometry, let point = geometry.point(in: values, positions: positions) else { return nil }
            let texts = popup.map { format.value(values[$0]) }.filter { !$0.isEmpty }
            return Place(title: texts.first ?? dataset.title, detail: texts.dropFirst().joined(separator: " · "),
                         coordinates: format.value(.geopoint(latitude: point.latitude, longitude: point.longitude)))
        }
        config = JSONValue.object([
            ("tiles", .string(site.map.tiles)),
            ("attribution", .string(site.map.attribution)),
            ("attributionURL", site.map.attributionURL.map(JSONValue.string) ?? .null),
            ("popup", .array(popup.map(JSONValue.int))),
            ("recordURL", .null),
        ]).serialized()
    }
}

/// The build-time chart of a dataset, with its data table.
struct ChartModel {
    struct Row {
        let label: String
        let cells: [String]
    }

    let t: [String: String]
    let title: String
    let svg: String
    let xTitle: String
    let seriesNames: [String]
    let rows: [Row]
    let tableCaption: String

    init(data: ChartData, dataset: Dataset, locale: Localization, id: String) {
        let format = DisplayFormat(locale)
        t = locale.strings
        title = data.spec.title
        let chart = ChartSVG(data: data, fields: dataset.fields, locale: locale, id: id)
        svg = chart.render()
        xTitle = dataset.fields[data.spec.x].title
        seriesNames = data.series.map(\.name)
        rows = data.x.indices.map { i in
            Row(label: format.value(data.x[i]), cells: data.series.map { $0.values[i].map(format.number) ?? "" })
        }
        tableCaption = locale.format("chart_table_caption", ["title": data.spec.title])
    }
}

/// An "Intégrer" panel: the iframe code of one view, kept up to date with the filters.
struct EmbedCode {
    let view: String
    let id: String
    let label: String
    let code: String
    let src: String

    init(dataset: Dataset, view: String, title: String, site: Site, locale: Localization) {
        self.view = view
        id = "integrer-\(view)"
        label = locale["embed_code_label"]
        src = site.baseURL + "embed/\(dataset.id)/\(view).html"
        let height = view == "chart" ? 520 : 560
        code = "<iframe src=\"\(src)\" title=\"\(title)\" width=\"100%\" height=\"\(height)\" style=\"border:0\" loading=\"lazy\" data-portail-embed></iframe>\n"
            + "<script src=\"\(site.baseURL)assets/embed.js\" async></script>"
    }
}
