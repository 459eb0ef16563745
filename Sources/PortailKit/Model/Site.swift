import Foundation

/// Portal-wide settings from `site.yaml`.
public struct Site: Sendable {
    public let title: String
    /// Markdown.
    public let description: String
    /// Absolute URL of the published portal, ending with `/`. Used only where a URL must be
    /// absolute (canonical links, harvested metadata); pages link relatively.
    public internal(set) var baseURL: String
    /// Default interface language (a translation file of the theme): the pages at the root.
    public let language: String
    /// Every interface language, the default first; pages in the others are under `<code>/`.
    public var languages: [String] = []
    public let publisher: Publisher
    /// Default licence of datasets.
    public let licence: Licence
    public let timeZone: TimeZone
    /// Where the portal's data lie, for the catalogue's `dct:spatial`.
    public let spatial: [SpatialCoverage]
    public var map: MapSettings = .openStreetMap
    /// How members-only data reaches members.
    public var members: MembersSettings = MembersSettings(mode: .encrypted, baseURL: nil)
}

/// `site.yaml`'s `members:`: how the members' edition is published (docs/members.md).
public struct MembersSettings: Sendable {
    public enum Mode: String, Sendable, CaseIterable {
        /// Restricted data published encrypted beside the public files, opened in the browser
        /// with the members' passphrase: works on any static host.
        case encrypted
        /// A complete second tree, public and restricted data, for a host that puts it behind
        /// its own authentication.
        case separate
    }

    public let mode: Mode
    /// Where the separate members' tree is published (ends with `/`).
    public let baseURL: String?
}
