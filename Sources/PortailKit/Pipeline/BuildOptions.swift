import Foundation

/// Inputs of one run of the pipeline.
public struct BuildOptions: Sendable {
    public var content: URL
    /// The content folder as the user named it, used in diagnostics (`Content/site.yaml:3:1`).
    public var contentDisplay: String
    public var theme: URL
    public var themeDisplay: String
    /// Overrides `base_url` of `site.yaml`.
    public var baseURL: String?
    /// The day the build describes. Comes from `SOURCE_DATE_EPOCH` (or the caller's clock),
    /// never from a clock inside the pipeline, so that the same inputs give the same bytes.
    public var buildDate: Day
    /// Debian's Leaflet (`libjs-leaflet`), copied into `assets/leaflet/` for the map views.
    public var leaflet: URL? = URL(fileURLWithPath: "/usr/share/javascript/leaflet")
    /// The members' passphrase (`PORTAIL_MEMBERS_PASSPHRASE` or `--members-passphrase-file`):
    /// with it, the encrypted members' edition is written.
    public var membersPassphrase: String?
    /// This build is the separate members' tree: restricted data is published as public.
    public var revealMembers = false
    /// A separate members' tree is written too (`--members-output`): public pages point to it.
    public var writesMembersTree = false
    /// Outputs of the previous build in this process, reused where their inputs did not change
    /// (`portail serve`). Without it, everything is rendered.
    public var cache: RenderCache?
    /// What identifies the generator (its version and executable), part of every cache key: a
    /// new generator renders everything again.
    public var generator = "portail"

    public init(content: URL, contentDisplay: String, theme: URL, themeDisplay: String,
                baseURL: String? = nil, buildDate: Day) {
        self.content = content
        self.contentDisplay = contentDisplay
        self.theme = theme
        self.themeDisplay = themeDisplay
        self.baseURL = baseURL
        self.buildDate = buildDate
    }

    /// The build date from `SOURCE_DATE_EPOCH` (seconds since 1970, the reproducible-builds
    /// convention), or nil when it is not set. Malformed values are an error, not ignored.
    public static func sourceDateEpoch(_ environment: [String: String]) throws -> Day? {
        guard let text = environment["SOURCE_DATE_EPOCH"] else { return nil }
        guard let seconds = Int(text.trimmingCharacters(in: .whitespaces)), seconds >= 0 else {
            throw OutputError("SOURCE_DATE_EPOCH must be a number of seconds since 1970, not '\(text)'")
        }
        return Day(daysSinceEpoch: seconds / 86_400)
    }
}
