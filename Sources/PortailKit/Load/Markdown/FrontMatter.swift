/// Splits a Markdown file into its YAML front matter (between `---` lines) and its body.
enum FrontMatter {
    /// The front matter as its own source file (positions map back to the page's lines), and
    /// the body; nil front matter when the file does not start with `---`.
    static func split(_ file: SourceFile) -> (SourceFile?, String) {
        var lines = file.text.split(separator: "\n", omittingEmptySubsequences: false).map {
            $0.hasSuffix("\r") ? $0.dropLast() : $0
        }
        guard lines.first == "---" else { return (nil, file.text) }
        guard let end = lines.dropFirst().firstIndex(where: { $0 == "---" || $0 == "..." }) else {
            return (nil, file.text)
        }
        let yaml = lines[1..<end].joined(separator: "\n")
        lines.removeSubrange(0...end)
        let front = SourceFile(path: file.path, text: yaml, lineOffset: 1)
        return (front, lines.joined(separator: "\n"))
    }
}
