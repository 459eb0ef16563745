/// A Markdown page as written: front matter values and the body.
struct PageSpec: Sendable {
    let slug: Located<String>
    let title: Located<String>?
    let menu: Located<Int>?
    let description: Located<String>?
    let markdown: String
    let origin: SourceLocation

    /// The front-matter keys of pages: a public contract documented in docs/content-format.md.
    static func read(_ root: YAMLMapping?, slug: Located<String>, markdown: String, origin: SourceLocation) -> PageSpec {
        PageSpec(slug: slug, title: root?.string("title", required: true), menu: root?.integer("menu"),
                 description: root?.string("description"), markdown: markdown, origin: origin)
    }
}
