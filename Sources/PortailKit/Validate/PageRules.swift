/// Checks Markdown pages' front matter and file names.
enum PageRules {
    static func resolve(_ spec: PageSpec, into diagnostics: inout [Diagnostic]) -> Page? {
        var ok = true
        if !Identifier.isSlug(spec.slug.value) {
            diagnostics.append(spec.slug.diagnostic(.invalidIdentifier,
                "the file name '\(spec.slug.value).md' cannot be a page address",
                hint: "rename it with lower-case letters, digits and hyphens, such as '\(Identifier.slug(from: spec.slug.value)).md'"))
            ok = false
        }
        guard ok, let title = SiteRules.nonEmpty(spec.title, "title", &diagnostics) else { return nil }
        return Page(slug: spec.slug.value, title: title, menuOrder: spec.menu?.value,
                    description: spec.description?.value, markdown: spec.markdown, origin: spec.origin)
    }
}
