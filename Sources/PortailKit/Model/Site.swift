import Foundation

/// Portal-wide settings from `site.yaml`.
public struct Site: Sendable {
    public let title: String
    /// Markdown.
    public let description: String
    /// Absolute URL of the published portal, ending with `/`. Used only where a URL must be
    /// absolute (canonical links, harvested metadata); pages link relatively.
    public let baseURL: String
    /// Interface language (a translation file of the theme).
    public let language: String
    public let publisher: Publisher
    /// Default licence of datasets.
    public let licence: Licence
    public let timeZone: TimeZone
    /// Where the portal's data lie, for the catalogue's `dct:spatial`.
    public let spatial: [SpatialCoverage]
    public var map: MapSettings = .openStreetMap
}
