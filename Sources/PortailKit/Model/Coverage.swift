/// Where a dataset's data lie: a place of a vocabulary (the EU's countries, GeoNames…).
public struct SpatialCoverage: Sendable, Hashable {
    public let uri: String
    /// A readable name, when the place comes from the known table.
    public let label: String?

    /// ISO 3166 countries French portals use, by alpha-2 and alpha-3 code and French name.
    static let countries: [(alpha2: String, alpha3: String, name: String)] = [
        ("FR", "FRA", "France"), ("BE", "BEL", "Belgique"), ("CH", "CHE", "Suisse"),
        ("LU", "LUX", "Luxembourg"), ("MC", "MCO", "Monaco"), ("DE", "DEU", "Allemagne"),
        ("ES", "ESP", "Espagne"), ("IT", "ITA", "Italie"), ("GB", "GBR", "Royaume-Uni"), ("CA", "CAN", "Canada"),
    ]

    /// An absolute URI, or a country by code or French name.
    public static func named(_ text: String) -> SpatialCoverage? {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        if trimmed.hasPrefix("http://") || trimmed.hasPrefix("https://") {
            return SpatialCoverage(uri: trimmed, label: nil)
        }
        let key = EUTheme.fold(trimmed)
        guard let country = countries.first(where: {
            $0.alpha2.lowercased() == key || $0.alpha3.lowercased() == key || EUTheme.fold($0.name) == key
        }) else { return nil }
        return SpatialCoverage(uri: "http://publications.europa.eu/resource/authority/country/\(country.alpha3)",
                               label: country.name)
    }
}

/// The period a dataset's data cover (DCAT `dct:temporal`).
public struct TemporalCoverage: Sendable, Hashable {
    public let start: Day
    public let end: Day
}

/// The extent of a dataset's points, computed from its public geographic fields.
public struct BoundingBox: Sendable, Hashable, Codable {
    public var minLatitude: Double
    public var minLongitude: Double
    public var maxLatitude: Double
    public var maxLongitude: Double

    public init(latitude: Double, longitude: Double) {
        minLatitude = latitude
        maxLatitude = latitude
        minLongitude = longitude
        maxLongitude = longitude
    }

    public mutating func include(latitude: Double, longitude: Double) {
        minLatitude = min(minLatitude, latitude)
        maxLatitude = max(maxLatitude, latitude)
        minLongitude = min(minLongitude, longitude)
        maxLongitude = max(maxLongitude, longitude)
    }

    public var centre: (latitude: Double, longitude: Double) {
        ((minLatitude + maxLatitude) / 2, (minLongitude + maxLongitude) / 2)
    }
}

/// Who answers questions about a dataset (DCAT `dcat:contactPoint`).
public struct Contact: Sendable, Hashable {
    public let name: String
    public let email: String
}

import Foundation
