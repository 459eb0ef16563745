import Foundation

/// The Load stage for content: reads `site.yaml`, every `datasets/<id>/dataset.yaml` with its
/// data file's header, and every `pages/*.md`. It reports every problem it meets and goes on,
/// so that one run shows them all.
struct ContentLoader {
    let root: URL
    /// The content folder as the user named it, prefixed to paths in diagnostics.
    let displayRoot: String

    func load() -> (RawContent, [Diagnostic]) {
        var diagnostics: [Diagnostic] = []
        var content = RawContent(site: nil, datasets: [], pages: [])
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: root.path, isDirectory: &isDirectory), isDirectory.boolValue else {
            diagnostics.append(Diagnostic(.missingFile, "the content folder does not exist", at: .file(displayRoot),
                                          hint: "run portail from the portal's folder, or pass --content DIR"))
            return (content, diagnostics)
        }
        content.site = loadSite(&diagnostics)
        content.datasets = loadDatasets(&diagnostics)
        let datasetsFolder = root.appendingPathComponent("datasets")
        content.datasetFolders = Set(Self.sortedEntries(of: datasetsFolder).filter { Self.isDirectory(datasetsFolder.appendingPathComponent($0)) })
        content.pages = loadPages(&diagnostics)
        return (content, diagnostics)
    }

    // MARK: - site.yaml

    private func loadSite(_ diagnostics: inout [Diagnostic]) -> SiteSpec? {
        guard let root = readMapping("site.yaml", &diagnostics) else { return nil }
        let spec = SiteSpec.read(root)
        diagnostics += root.finish()
        return spec
    }

    // MARK: - datasets/<id>/dataset.yaml

    private func loadDatasets(_ diagnostics: inout [Diagnostic]) -> [DatasetSpec] {
        let folder = root.appendingPathComponent("datasets")
        let specs = Self.sortedEntries(of: folder).compactMap { name -> DatasetSpec? in
            let url = folder.appendingPathComponent(name)
            guard Self.isDirectory(url) else { return nil }
            let relative = "datasets/\(name)/dataset.yaml"
            guard FileManager.default.fileExists(atPath: url.appendingPathComponent("dataset.yaml").path) else {
                diagnostics.append(Diagnostic(.missingFile, "the dataset folder '\(name)' has no dataset.yaml",
                                              at: .file(display("datasets/\(name)")),
                                              hint: "every folder under datasets/ describes one dataset in its dataset.yaml"))
                return nil
            }
            guard let mapping = readMapping(relative, &diagnostics) else { return nil }
            let id = Located(name, at: .file(display("datasets/\(name)")))
            let spec = DatasetSpec.read(mapping, id: id, folder: url, displayFolder: display("datasets/\(name)"))
            diagnostics += mapping.finish()
            return spec
        }
        // Data files are opened once every dataset.yaml is read: a filtered view names the
        // dataset whose file it reads (`source.dataset`), which may come later in the folder.
        return specs.map { spec in
            var spec = spec
            guard let source = spec.source else { return spec }
            let name = spec.id.value
            if let path = source.path {
                if source.dataset != nil {
                    diagnostics.append(source.dataset!.diagnostic(.invalidValue, "give source.path or source.dataset, not both"))
                    return spec
                }
                spec.table = openTable(path, source: source, in: folder.appendingPathComponent(name),
                                       datasetFolder: "datasets/\(name)", &diagnostics)
            } else if let other = source.dataset {
                guard let target = specs.first(where: { $0.id.value == other.value }), target.id.value != name else {
                    // A dataset whose dataset.yaml could not be read has its own error already.
                    if other.value != name && Self.isDirectory(folder.appendingPathComponent(other.value)) { return spec }
                    diagnostics.append(other.diagnostic(.invalidValue, "source.dataset names '\(other.value)', which is not another dataset",
                                                        hint: Suggestion.hint(for: other.value, in: specs.map(\.id.value).filter { $0 != name })))
                    return spec
                }
                guard let targetPath = target.source?.path else {
                    diagnostics.append(other.diagnostic(.invalidValue, "the dataset '\(other.value)' has no data file of its own (source.path) to read",
                                                        hint: "a view reads the file of a dataset that names it with source.path"))
                    return spec
                }
                // The other dataset's file, read with this dataset's settings where it gives them.
                var settings = source
                settings.encoding = source.encoding ?? target.source?.encoding
                settings.delimiter = source.delimiter ?? target.source?.delimiter
                spec.table = openTable(targetPath, source: settings, in: folder.appendingPathComponent(other.value),
                                       datasetFolder: "datasets/\(other.value)", &diagnostics)
            }
            return spec
        }
    }

    private func openTable(_ path: Located<String>, source: DatasetSpec.SourceSpec, in folder: URL,
                           datasetFolder: String, _ diagnostics: inout [Diagnostic]) -> CSVFile? {
        let url = folder.appendingPathComponent(path.value).standardizedFileURL
        // The data file stays in its dataset's folder, links resolved: a path cannot reach
        // another dataset's files (source.dataset does that, by id) or anything outside Content.
        let inside = folder.resolvingSymlinksInPath().standardizedFileURL.path + "/"
        guard url.path.hasPrefix(folder.standardizedFileURL.path + "/"), url.resolvingSymlinksInPath().path.hasPrefix(inside) else {
            diagnostics.append(path.diagnostic(.invalidValue, "the data file must be inside the dataset's folder",
                                               hint: "to read another dataset's file, write source.dataset: <its id> instead of a path"))
            return nil
        }
        let relative = String(url.path.dropFirst(root.standardizedFileURL.path.count + 1))
        guard FileManager.default.fileExists(atPath: url.path), !Self.isDirectory(url) else {
            let siblings = Self.sortedEntries(of: folder).filter { !$0.hasSuffix(".yaml") }
            diagnostics.append(path.diagnostic(.missingFile, "the data file '\(path.value)' does not exist",
                                               hint: Suggestion.hint(for: path.value, in: siblings, listing: false)
                                                   ?? "the path is relative to \(display(datasetFolder))/"))
            return nil
        }
        switch CSVFile.open(url, path: display(relative), encoding: source.encoding, delimiter: source.delimiter) {
        case .success(let file): return file
        case .failure(let diagnostic):
            diagnostics.append(diagnostic)
            return nil
        }
    }

    // MARK: - pages/*.md

    private func loadPages(_ diagnostics: inout [Diagnostic]) -> [PageSpec] {
        let folder = root.appendingPathComponent("pages")
        return Self.sortedEntries(of: folder).filter { $0.hasSuffix(".md") }.compactMap { name in
            let relative = "pages/\(name)"
            let file: SourceFile
            switch SourceFile.load(folder.appendingPathComponent(name), displayPath: display(relative)) {
            case .success(let loaded): file = loaded
            case .failure(let problem):
                diagnostics.append(problem)
                return nil
            }
            let slug = Located(String(name.dropLast(3)), at: .file(display(relative)))
            let (frontMatter, body) = FrontMatter.split(file)
            guard let frontMatter else {
                diagnostics.append(file.diagnostic(.frontMatter, "the page has no front matter", line: 1, column: 1,
                                                   hint: "start the file with '---', a line 'title: …', and '---'"))
                return nil
            }
            switch YAMLDocument.parse(frontMatter) {
            case .failure(let diagnostic):
                diagnostics.append(diagnostic)
                return nil
            case .success(let node):
                switch YAMLMapping.root(of: node, in: frontMatter) {
                case .failure(let diagnostic):
                    diagnostics.append(diagnostic)
                    return nil
                case .success(let mapping):
                    let spec = PageSpec.read(mapping, slug: slug, markdown: body, origin: .file(display(relative)))
                    diagnostics += mapping.finish()
                    return spec
                }
            }
        }
    }

    // MARK: - Helpers

    private func readMapping(_ relative: String, _ diagnostics: inout [Diagnostic]) -> YAMLMapping? {
        let url = root.appendingPathComponent(relative)
        guard FileManager.default.fileExists(atPath: url.path) else {
            diagnostics.append(Diagnostic(.missingFile, "\(relative) is missing", at: .file(display(relative)),
                                          hint: relative == "site.yaml" ? "create it with at least title, base_url, publisher and licence" : nil))
            return nil
        }
        let file: SourceFile
        switch SourceFile.load(url, displayPath: display(relative)) {
        case .success(let loaded): file = loaded
        case .failure(let problem):
            diagnostics.append(problem)
            return nil
        }
        switch YAMLDocument.parse(file).flatMap({ YAMLMapping.root(of: $0, in: file) }) {
        case .success(let mapping): return mapping
        case .failure(let diagnostic):
            diagnostics.append(diagnostic)
            return nil
        }
    }

    func display(_ relative: String) -> String {
        displayRoot.isEmpty || displayRoot == "." ? relative : (displayRoot.hasSuffix("/") ? displayRoot + relative : "\(displayRoot)/\(relative)")
    }

    /// Directory entries in byte order (FileManager's order is unspecified), hidden ones skipped.
    static func sortedEntries(of url: URL) -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: url.path)) ?? [])
            .filter { !$0.hasPrefix(".") }
            .sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
    }

    static func isDirectory(_ url: URL) -> Bool {
        var isDirectory: ObjCBool = false
        return FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory) && isDirectory.boolValue
    }
}
