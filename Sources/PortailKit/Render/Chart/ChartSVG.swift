import Foundation

/// Draws a chart as a self-contained, accessible SVG at build time: it needs no script, looks
/// the same in every browser and prints as vectors. A `<title>` and `<desc>` describe it, axes
/// are labelled with the portal's number formatting, and a legend names the series; the page
/// puts the data table beside it.
struct ChartSVG {
    let data: ChartData
    let fields: [Field]
    let locale: Localization
    /// Prefix of the SVG's element ids, unique within the page.
    let id: String

    static let width = 800.0
    static let height = 420.0
    /// Okabe–Ito colours: told apart by people with colour-vision deficiencies.
    static let palette = ["#0072B2", "#D55E00", "#009E73", "#CC79A7", "#56B4E9", "#E69F00", "#000000", "#F0E442"]
    /// Dash patterns, so that line series differ without colour too.
    static let dashes = ["", "8 4", "2 3", "10 3 2 3", "1 6", "12 6"]

    private var format: DisplayFormat { DisplayFormat(locale) }

    func render() -> String {
        let spec = data.spec
        let margin = (left: 104.0, right: 16.0, top: 16.0, bottom: 64.0 + legendHeight)
        let plot = (x: margin.left, y: margin.top, w: Self.width - margin.left - margin.right,
                    h: Self.height - margin.top - margin.bottom)
        let (low, high, ticks) = scale()
        func y(_ v: Double) -> Double { plot.y + plot.h - (v - low) / (high - low) * plot.h }

        var svg = "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 \(Int(Self.width)) \(Int(Self.height))\" "
        svg += "role=\"img\" aria-labelledby=\"\(id)-title \(id)-desc\" class=\"chart\" font-family=\"system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif\" font-size=\"13\">\n"
        svg += "<title id=\"\(id)-title\">\(xml(spec.title))</title>\n"
        svg += "<desc id=\"\(id)-desc\">\(xml(description()))</desc>\n"
        svg += "<rect width=\"100%\" height=\"100%\" fill=\"#ffffff\"/>\n"

        // Grid and y axis.
        svg += "<g class=\"chart__axis chart__axis--y\" fill=\"#1b1b1f\">\n"
        for tick in ticks {
            let ty = n(y(tick))
            svg += "<line x1=\"\(n(plot.x))\" x2=\"\(n(plot.x + plot.w))\" y1=\"\(ty)\" y2=\"\(ty)\" stroke=\"#d5d8de\" stroke-width=\"1\"/>"
            svg += "<text x=\"\(n(plot.x - 8))\" y=\"\(ty)\" text-anchor=\"end\" dominant-baseline=\"middle\">\(xml(format.number(tick)))</text>\n"
        }
        let unit = spec.unit.map { " (\($0))" } ?? ""
        let yTitle = (spec.by != nil || spec.y.count == 1 ? fields[spec.y[0]].title : locale["chart_values"]) + unit
        svg += "<text transform=\"translate(16 \(n(plot.y + plot.h / 2))) rotate(-90)\" text-anchor=\"middle\" font-weight=\"600\">\(xml(yTitle))</text>\n"
        svg += "</g>\n"

        // Marks.
        let count = max(1, data.x.count)
        let step = plot.w / Double(count)
        svg += "<g class=\"chart__marks\">\n"
        switch spec.kind {
        case .line:
            for (s, series) in data.series.enumerated() {
                let colour = Self.palette[s % Self.palette.count]
                var path = ""
                for (i, value) in series.values.enumerated() {
                    guard let value else { continue }
                    path += (path.isEmpty ? "M" : " L") + "\(n(plot.x + step * (Double(i) + 0.5))) \(n(y(value)))"
                }
                let dash = Self.dashes[s % Self.dashes.count]
                svg += "<path d=\"\(path)\" fill=\"none\" stroke=\"\(colour)\" stroke-width=\"2.5\"\(dash.isEmpty ? "" : " stroke-dasharray=\"\(dash)\"")/>\n"
                if count <= 60 {
                    for (i, value) in series.values.enumerated() {
                        guard let value else { continue }
                        svg += "<circle cx=\"\(n(plot.x + step * (Double(i) + 0.5)))\" cy=\"\(n(y(value)))\" r=\"3\" fill=\"\(colour)\"><title>\(xml(pointLabel(series.name, i, value)))</title></circle>\n"
                    }
                }
            }
        case .bar:
            let groups = Double(data.series.count)
            let barWidth = step * 0.8 / groups
            for (s, series) in data.series.enumerated() {
                let colour = Self.palette[s % Self.palette.count]
                for (i, value) in series.values.enumerated() {
                    guard let value else { continue }
                    let x = plot.x + step * Double(i) + step * 0.1 + barWidth * Double(s)
                    let top = y(max(value, 0)), bottom = y(min(value, 0))
                    svg += "<rect x=\"\(n(x))\" y=\"\(n(top))\" width=\"\(n(barWidth))\" height=\"\(n(bottom - top))\" fill=\"\(colour)\"><title>\(xml(pointLabel(series.name, i, value)))</title></rect>\n"
                }
            }
        case .stackedBar:
            var bases = [Double](repeating: 0, count: count)
            for (s, series) in data.series.enumerated() {
                let colour = Self.palette[s % Self.palette.count]
                for (i, value) in series.values.enumerated() {
                    guard let value, value > 0 else { continue }
                    let top = y(bases[i] + value), bottom = y(bases[i])
                    bases[i] += value
                    svg += "<rect x=\"\(n(plot.x + step * Double(i) + step * 0.1))\" y=\"\(n(top))\" width=\"\(n(step * 0.8))\" height=\"\(n(bottom - top))\" fill=\"\(colour)\" stroke=\"#ffffff\" stroke-width=\"0.5\"><title>\(xml(pointLabel(series.name, i, value)))</title></rect>\n"
                }
            }
        }
        svg += "</g>\n"

        // x axis: at most about 12 labels, so that they never overlap.
        svg += "<g class=\"chart__axis chart__axis--x\" fill=\"#1b1b1f\">\n"
        svg += "<line x1=\"\(n(plot.x))\" x2=\"\(n(plot.x + plot.w))\" y1=\"\(n(y(max(low, 0))))\" y2=\"\(n(y(max(low, 0))))\" stroke=\"#53565e\" stroke-width=\"1.5\"/>\n"
        let every = max(1, Int((Double(count) / 12).rounded(.up)))
        for i in stride(from: 0, to: data.x.count, by: every) {
            let x = n(plot.x + step * (Double(i) + 0.5))
            svg += "<line x1=\"\(x)\" x2=\"\(x)\" y1=\"\(n(plot.y + plot.h))\" y2=\"\(n(plot.y + plot.h + 5))\" stroke=\"#53565e\"/>"
            svg += "<text x=\"\(x)\" y=\"\(n(plot.y + plot.h + 20))\" text-anchor=\"middle\">\(xml(label(data.x[i])))</text>\n"
        }
        svg += "<text x=\"\(n(plot.x + plot.w / 2))\" y=\"\(n(plot.y + plot.h + 44))\" text-anchor=\"middle\" font-weight=\"600\">\(xml(fields[spec.x].title))</text>\n"
        svg += "</g>\n"

        // Legend, in rows under the axis title.
        svg += "<g class=\"chart__legend\" fill=\"#1b1b1f\">\n"
        var lx = plot.x, ly = Self.height - legendHeight + 8
        for (s, series) in data.series.enumerated() {
            let colour = Self.palette[s % Self.palette.count]
            let width = 28 + Double(series.name.count) * 7.5 + 16
            if lx + width > Self.width - margin.right, lx > plot.x { lx = plot.x; ly += 20 }
            if spec.kind == .line {
                let dash = Self.dashes[s % Self.dashes.count]
                svg += "<line x1=\"\(n(lx))\" x2=\"\(n(lx + 20))\" y1=\"\(n(ly))\" y2=\"\(n(ly))\" stroke=\"\(colour)\" stroke-width=\"2.5\"\(dash.isEmpty ? "" : " stroke-dasharray=\"\(dash)\"")/>"
            } else {
                svg += "<rect x=\"\(n(lx))\" y=\"\(n(ly - 6))\" width=\"14\" height=\"12\" fill=\"\(colour)\"/>"
            }
            svg += "<text x=\"\(n(lx + 26))\" y=\"\(n(ly))\" dominant-baseline=\"middle\">\(xml(series.name))</text>\n"
            lx += width
        }
        svg += "</g>\n</svg>\n"
        return svg
    }

    /// Room for the legend: one row per five series, roughly.
    private var legendHeight: Double { 24 + Double((data.series.count - 1) / 5) * 20 }

    /// A zero-based scale (negative values extend it below zero), with 1-2-5 ticks.
    private func scale() -> (Double, Double, [Double]) {
        var values: [Double] = []
        if data.spec.kind == .stackedBar {
            for i in data.x.indices { values.append(data.series.reduce(0) { $0 + max(0, $1.values[i] ?? 0) }) }
        } else {
            values = data.series.flatMap { $0.values.compactMap { $0 } }
        }
        let low0 = min(0, values.min() ?? 0), high0 = max(values.max() ?? 1, low0 + 1)
        let raw = (high0 - low0) / 5
        let magnitude = pow(10, floor(log10(raw)))
        let step = [1.0, 2, 2.5, 5, 10].map { $0 * magnitude }.first { $0 >= raw } ?? 10 * magnitude
        let low = floor(low0 / step) * step, high = ceil(high0 / step) * step
        let ticks = stride(from: low, through: high + step / 2, by: step).map { ($0 / step).rounded() * step }
        return (low, high, ticks)
    }

    func label(_ value: Value) -> String {
        switch value {
        case .date(let day): return "\(day.day == 1 ? locale.firstDay : String(day.day)) \(locale.monthsShort[day.month - 1])"
        default: return format.value(value)
        }
    }

    private func pointLabel(_ series: String, _ i: Int, _ value: Double) -> String {
        "\(series), \(format.value(data.x[i])) : \(format.number(value))\(data.spec.unit.map { " \($0)" } ?? "")"
    }

    /// What the chart shows, in a sentence or two, for screen readers and search.
    func description() -> String {
        let spec = data.spec
        let kind = locale["chart_kind_\(spec.kind.rawValue)"]
        let names = data.series.map(\.name).joined(separator: ", ")
        var text = locale.format("chart_desc", [
            "kind": kind, "series": names, "x": fields[spec.x].title,
            "from": data.x.first.map { format.value($0) } ?? "", "to": data.x.last.map { format.value($0) } ?? "",
        ])
        var best: (String, Int, Double)?
        for series in data.series {
            for (i, value) in series.values.enumerated() {
                if let value, best == nil || value > best!.2 { best = (series.name, i, value) }
            }
        }
        if let (name, i, value) = best {
            text += " " + locale.format("chart_desc_max", [
                "value": format.number(value) + (spec.unit.map { " \($0)" } ?? ""), "series": name, "x": format.value(data.x[i]),
            ])
        }
        return text
    }

    private func n(_ v: Double) -> String { MachineFormat.number((v * 10).rounded() / 10) }

    private func xml(_ text: String) -> String { AtomFeedBuilder.xml(text) }
}
