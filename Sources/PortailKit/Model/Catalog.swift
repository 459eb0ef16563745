/// The whole portal as one immutable, typed value: the single input of every renderer.
public struct Catalog: Sendable {
    public let site: Site
    /// Sorted by title (accents and case ignored), then id.
    public let datasets: [Dataset]
    /// Sorted by menu order, then slug.
    public let pages: [Page]
    /// The day the build describes: from `SOURCE_DATE_EPOCH`, never from the clock inside the
    /// pipeline, so that builds are reproducible.
    public let buildDate: Day
    /// The agenda, when a dataset has an `agenda:` section.
    public let agenda: Agenda?
    /// Where contributions to the agenda are sent (`site.yaml` `agenda.contribution_endpoint`).
    public var contributionEndpoint: String?
    /// How members reach what the public files leave out; set once the edition is written.
    public var members: MembersPublication = .none
}

/// Where the members' edition is, as public pages point to it.
public enum MembersPublication: Sendable {
    /// Not published (no passphrase, no members' tree, or nothing restricted).
    case none
    /// Sealed under `members/`, opened by the members' page.
    case encrypted(MembersEdition)
    /// A separate tree at this address, behind the host's authentication.
    case separate(String)
    /// This is the members' tree itself.
    case revealed

    public var isRevealed: Bool { if case .revealed = self { true } else { false } }

    /// The encrypted edition, when that is how members get their data.
    public var edition: MembersEdition? { if case .encrypted(let edition) = self { edition } else { nil } }
}
