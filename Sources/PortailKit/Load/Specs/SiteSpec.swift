/// `site.yaml` as written: every value with its location, nothing cross-checked yet.
struct SiteSpec: Sendable {
    var title: Located<String>?
    var description: Located<String>?
    var baseURL: Located<String>?
    /// The default interface language: `language`, or else the first of `languages`.
    var language: Located<String>?
    /// `language` is written (rather than taken from `languages`).
    var languageIsWritten = false
    /// Every interface language, the default first (`languages`); empty when not written.
    var languages: [Located<String>] = []
    var publisher: PublisherSpec?
    var licence: Located<String>?
    var timezone: Located<String>?
    var spatial: [Located<String>] = []
    /// The portal's own theme words → EU theme codes.
    var themes: [(column: Located<String>, values: [Located<String>])] = []
    var mapTiles: Located<String>?
    var mapAttribution: Located<String>?
    var mapAttributionURL: Located<String>?
    var contributionEndpoint: Located<String>?
    var membersMode: Located<String>?
    var membersBaseURL: Located<String>?
    let origin: SourceLocation

    struct PublisherSpec: Sendable {
        var name: Located<String>?
        var url: Located<String>?
        var email: Located<String>?
        var type: Located<String>?
        let origin: SourceLocation
    }

    /// The keys of `site.yaml`: a public contract documented in docs/content-format.md.
    static func read(_ root: YAMLMapping) -> SiteSpec {
        var spec = SiteSpec(origin: root.location)
        spec.title = root.string("title", required: true)
        spec.description = root.string("description")
        spec.baseURL = root.string("base_url")
        spec.language = root.string("language")
        spec.languageIsWritten = spec.language != nil
        spec.languages = root.strings("languages")
        if spec.language == nil { spec.language = spec.languages.first }
        if let publisher = root.mapping("publisher", required: true) {
            spec.publisher = PublisherSpec(name: publisher.string("name", required: true),
                                           url: publisher.string("url"),
                                           email: publisher.string("email"),
                                           type: publisher.string("type"),
                                           origin: publisher.location)
        }
        spec.licence = root.string("licence", required: true)
        spec.timezone = root.string("timezone")
        spec.spatial = root.strings("spatial")
        spec.themes = root.stringMap("themes")
        if let agenda = root.mapping("agenda") {
            spec.contributionEndpoint = agenda.string("contribution_endpoint")
        }
        if let members = root.mapping("members") {
            spec.membersMode = members.string("mode")
            spec.membersBaseURL = members.string("base_url")
        }
        if let map = root.mapping("map") {
            spec.mapTiles = map.string("tiles")
            spec.mapAttribution = map.string("attribution")
            spec.mapAttributionURL = map.string("attribution_url")
        }
        return spec
    }
}
