/// A Markdown page of the portal ("À propos", "Contribuer").
public struct Page: Sendable {
    /// File name without `.md`; the page is published at `pages/<slug>.html`.
    public let slug: String
    public let title: String
    /// Position in the site menu; pages without one are not in the menu.
    public let menuOrder: Int?
    public let description: String?
    /// Markdown body, front matter removed.
    public let markdown: String
    public let origin: SourceLocation
}
