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
}
