/// Where a dataset's points come from, for the GeoJSON export and the map view.
public enum GeometrySource: Sendable, Hashable {
    /// A `geopoint` field (index into ``Dataset/fields``).
    case point(field: Int)
    /// Two `number` fields holding latitude and longitude.
    case latitudeLongitude(latitude: Int, longitude: Int)

    /// The point of a record, from its values in ``Dataset/fields`` order; nil when missing.
    public func point(in values: [Value], positions: [Int: Int]) -> (latitude: Double, longitude: Double)? {
        switch self {
        case .point(let field):
            guard let i = positions[field], case .geopoint(let lat, let lon) = values[i] else { return nil }
            return (lat, lon)
        case .latitudeLongitude(let latitude, let longitude):
            guard let i = positions[latitude], let j = positions[longitude] else { return nil }
            switch (values[i], values[j]) {
            case (.number(let lat), .number(let lon)): return (lat, lon)
            case (.integer(let lat), .integer(let lon)): return (Double(lat), Double(lon))
            case (.number(let lat), .integer(let lon)): return (lat, Double(lon))
            case (.integer(let lat), .number(let lon)): return (Double(lat), lon)
            default: return nil
            }
        }
    }
}

/// A build-time chart of a dataset (`chart:` in dataset.yaml).
public struct ChartSpec: Sendable, Hashable, Codable {
    public enum Kind: String, Sendable, Hashable, CaseIterable, Codable {
        case line, bar
        case stackedBar = "stacked-bar"
    }

    public enum Aggregate: String, Sendable, Hashable, CaseIterable, Codable {
        case sum, mean, count, min, max
    }

    public let kind: Kind
    /// Field index of the x axis.
    public let x: Int
    /// Field indexes of the measured values, one series each.
    public let y: [Int]
    /// Field index that splits each y into one series per value.
    public let by: Int?
    public let aggregate: Aggregate
    public let title: String
    public let unit: String?
}

/// Portal-wide map settings (`map:` in site.yaml).
public struct MapSettings: Sendable, Hashable {
    public let tiles: String
    public let attribution: String
    public let attributionURL: String?

    public static let openStreetMap = MapSettings(
        tiles: "https://tile.openstreetmap.org/{z}/{x}/{y}.png",
        attribution: "© OpenStreetMap", attributionURL: "https://www.openstreetmap.org/copyright")
}
