/// A chart's aggregated values: one row per x value, one column per series. Computed from
/// the public records only, during the export pass.
public struct ChartData: Sendable {
    public let spec: ChartSpec
    /// The x values, in axis order.
    public let x: [Value]
    public let series: [(name: String, values: [Double?])]
}

/// Kept in the build cache (``RenderCache``) with the exports' description.
extension ChartData: Codable {
    private struct Series: Codable {
        let name: String
        let values: [Double?]
    }

    private enum CodingKeys: String, CodingKey { case spec, x, series }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        spec = try container.decode(ChartSpec.self, forKey: .spec)
        x = try container.decode([Value].self, forKey: .x)
        series = try container.decode([Series].self, forKey: .series).map { ($0.name, $0.values) }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(spec, forKey: .spec)
        try container.encode(x, forKey: .x)
        try container.encode(series.map { Series(name: $0.name, values: $0.values) }, forKey: .series)
    }
}

/// Aggregates records into ``ChartData`` as they stream by.
struct ChartSink: RecordSink {
    private let spec: ChartSpec
    private let fields: [Field]
    /// Position of each dataset field among the written (public) values.
    private let positions: [Int: Int]
    private var xOrder: [Value] = []
    private var xIndex: [Value: Int] = [:]
    private var seriesOrder: [String] = []
    /// Per series, per x: (sum, count, min, max).
    private var cells: [String: [Int: (sum: Double, count: Int, min: Double, max: Double)]] = [:]
    private(set) var result: ChartData?

    init(spec: ChartSpec, dataset: Dataset) {
        self.spec = spec
        self.fields = dataset.fields
        self.positions = Dictionary(uniqueKeysWithValues: dataset.publicFieldIndexes.enumerated().map { ($1, $0) })
        if spec.by == nil { seriesOrder = spec.y.map { dataset.fields[$0].title } }
    }

    mutating func write(_ values: [Value]) throws {
        let x = values[positions[spec.x]!]
        guard !x.isNull else { return }
        let xi: Int
        if let known = xIndex[x] { xi = known } else { xi = xOrder.count; xOrder.append(x); xIndex[x] = xi }
        for y in spec.y {
            let name: String
            if let by = spec.by {
                let group = values[positions[by]!]
                guard !group.isNull else { continue }
                name = MachineFormat.text(group)
                if cells[name] == nil && !seriesOrder.contains(name) { seriesOrder.append(name) }
            } else {
                name = fields[y].title
            }
            let measure: Double?
            switch values[positions[y]!] {
            case .integer(let i): measure = Double(i)
            case .number(let d): measure = d
            case .null: measure = spec.aggregate == .count ? nil : nil
            default: measure = spec.aggregate == .count ? 1 : nil
            }
            if measure == nil && spec.aggregate != .count { continue }
            if spec.aggregate == .count && values[positions[y]!].isNull { continue }
            let v = measure ?? 1
            var column = cells[name, default: [:]]
            if let cell = column[xi] {
                column[xi] = (cell.sum + v, cell.count + 1, Swift.min(cell.min, v), Swift.max(cell.max, v))
            } else {
                column[xi] = (v, 1, v, v)
            }
            cells[name] = column
        }
    }

    mutating func finish() throws {
        // Ordered x axes (numbers, dates) are sorted; categories keep the file's order.
        var order = Array(xOrder.indices)
        if xOrder.allSatisfy(Self.isOrdered) { order.sort { Self.less(xOrder[$0], xOrder[$1]) } }
        let names = spec.by == nil ? seriesOrder : seriesOrder.sorted { CatalogBuilder.sortKey($0) < CatalogBuilder.sortKey($1) }
        let series = names.map { name -> (String, [Double?]) in
            let column = cells[name] ?? [:]
            return (name, order.map { xi in
                guard let cell = column[xi] else { return nil }
                switch spec.aggregate {
                case .sum: return cell.sum
                case .mean: return cell.sum / Double(cell.count)
                case .count: return Double(cell.count)
                case .min: return cell.min
                case .max: return cell.max
                }
            })
        }
        result = ChartData(spec: spec, x: order.map { xOrder[$0] }, series: series)
    }

    private static func isOrdered(_ v: Value) -> Bool {
        switch v {
        case .integer, .number, .date, .datetime, .year, .yearMonth, .time: return true
        default: return false
        }
    }

    private static func less(_ a: Value, _ b: Value) -> Bool {
        switch (a, b) {
        case (.integer(let x), .integer(let y)), (.year(let x), .year(let y)), (.time(let x), .time(let y)): return x < y
        case (.number(let x), .number(let y)): return x < y
        case (.date(let x), .date(let y)): return x < y
        case (.datetime(let x), .datetime(let y)): return x < y
        case (.yearMonth(let y1, let m1), .yearMonth(let y2, let m2)): return (y1, m1) < (y2, m2)
        default: return MachineFormat.text(a) < MachineFormat.text(b)
        }
    }
}
