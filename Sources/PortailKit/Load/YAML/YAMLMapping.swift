import Yams

/// Reads one YAML mapping against a closed set of keys, collecting every problem.
///
/// Each accessor records the key as known; ``finish()`` then rejects the keys nobody asked for,
/// with a "did you mean" hint. Wrong shapes (a list where text is expected) are reported at the
/// value and read as absent, so one mistake does not hide the next.
final class YAMLMapping {
    let file: SourceFile
    let mapping: Node.Mapping
    let location: SourceLocation
    /// Dotted path of this mapping inside the document ("source", "fields[2]"), for messages.
    let path: String
    private(set) var diagnostics: [Diagnostic] = []
    private var known: [String] = []
    private var children: [YAMLMapping] = []

    init(file: SourceFile, mapping: Node.Mapping, path: String) {
        self.file = file
        self.mapping = mapping
        self.path = path
        let mark = mapping.mark
        self.location = file.location(line: mark?.line ?? 1, column: mark?.column ?? 1)
    }

    /// The document root as a mapping, or a diagnostic when it is something else.
    static func root(of node: Node?, in file: SourceFile) -> Result<YAMLMapping, Diagnostic> {
        switch node {
        case .mapping(let mapping)?:
            return .success(YAMLMapping(file: file, mapping: mapping, path: ""))
        case nil:
            return .failure(file.diagnostic(.missingKey, "the file is empty", line: 1, column: 1,
                                            hint: "it must hold a mapping of keys such as 'title: …'"))
        case let other?:
            let mark = other.mark
            return .failure(file.diagnostic(.wrongYAMLType, "expected a mapping of keys, found \(other.kindName)",
                                            line: mark?.line ?? 1, column: mark?.column ?? 1))
        }
    }

    // MARK: - Accessors

    /// The raw node under `key`, marking the key as known.
    func node(_ key: String) -> Node? {
        known.append(key)
        guard let value = mapping[key] else { return nil }
        if case .scalar(let scalar) = value, scalar.style == .plain && ["", "~", "null", "Null", "NULL"].contains(scalar.string) {
            return nil  // `key:` with nothing after it reads as absent
        }
        return value
    }

    /// A text value. Numbers and booleans are accepted as written (`version: 1.10` stays "1.10").
    func string(_ key: String, required: Bool = false) -> Located<String>? {
        guard let value = node(key) else {
            if required { reportMissing(key) }
            return nil
        }
        guard case .scalar(let scalar) = value else {
            report(.wrongYAMLType, "'\(qualified(key))' must be text, found \(value.kindName)", at: value)
            return nil
        }
        return located(scalar.string, at: value)
    }

    /// A list of text values; a single text value is accepted as a list of one.
    func strings(_ key: String) -> [Located<String>] {
        guard let value = node(key) else { return [] }
        switch value {
        case .scalar(let scalar):
            return [located(scalar.string, at: value)]
        case .sequence(let sequence):
            return sequence.compactMap { item in
                guard case .scalar(let scalar) = item else {
                    report(.wrongYAMLType, "items of '\(qualified(key))' must be text, found \(item.kindName)", at: item)
                    return nil
                }
                return located(scalar.string, at: item)
            }
        default:
            report(.wrongYAMLType, "'\(qualified(key))' must be a list of text, found \(value.kindName)", at: value)
            return []
        }
    }

    func bool(_ key: String) -> Located<Bool>? {
        guard let text = string(key) else { return nil }
        switch text.value.lowercased() {
        case "true", "yes", "on": return text.map { _ in true }
        case "false", "no", "off": return text.map { _ in false }
        default:
            diagnostics.append(text.diagnostic(.invalidValue, "'\(qualified(key))' must be true or false, found '\(text.value)'"))
            return nil
        }
    }

    func integer(_ key: String) -> Located<Int>? {
        guard let text = string(key) else { return nil }
        guard let number = Int(text.value) else {
            diagnostics.append(text.diagnostic(.invalidValue, "'\(qualified(key))' must be a whole number, found '\(text.value)'"))
            return nil
        }
        return text.map { _ in number }
    }

    /// A nested mapping, read with its own closed set of keys.
    func mapping(_ key: String, required: Bool = false) -> YAMLMapping? {
        guard let value = node(key) else {
            if required { reportMissing(key) }
            return nil
        }
        guard case .mapping(let nested) = value else {
            report(.wrongYAMLType, "'\(qualified(key))' must be a mapping of keys, found \(value.kindName)", at: value)
            return nil
        }
        let child = YAMLMapping(file: file, mapping: nested, path: qualified(key))
        children.append(child)
        return child
    }

    /// A list of mappings (such as `fields`), each read with its own closed set of keys.
    func mappings(_ key: String, required: Bool = false) -> [YAMLMapping] {
        guard let value = node(key) else {
            if required { reportMissing(key) }
            return []
        }
        guard case .sequence(let sequence) = value else {
            report(.wrongYAMLType, "'\(qualified(key))' must be a list, found \(value.kindName)", at: value)
            return []
        }
        return sequence.enumerated().compactMap { index, item in
            guard case .mapping(let nested) = item else {
                report(.wrongYAMLType, "items of '\(qualified(key))' must be mappings of keys, found \(item.kindName)", at: item)
                return nil
            }
            let child = YAMLMapping(file: file, mapping: nested, path: "\(qualified(key))[\(index)]")
            children.append(child)
            return child
        }
    }

    /// A mapping of text to text, or to a list of text (such as `source.filter`), in file order.
    func stringMap(_ key: String) -> [(column: Located<String>, values: [Located<String>])] {
        guard let value = node(key) else { return [] }
        guard case .mapping(let nested) = value else {
            report(.wrongYAMLType, "'\(qualified(key))' must be a mapping, found \(value.kindName)", at: value)
            return []
        }
        var result: [(column: Located<String>, values: [Located<String>])] = []
        for (keyNode, valueNode) in nested {
            guard case .scalar(let keyScalar) = keyNode else { continue }
            let name = located(keyScalar.string, at: keyNode)
            switch valueNode {
            case .scalar(let scalar):
                result.append((name, [located(scalar.string, at: valueNode)]))
            case .sequence(let items):
                let values = items.compactMap { item -> Located<String>? in
                    guard case .scalar(let scalar) = item else { return nil }
                    return located(scalar.string, at: item)
                }
                result.append((name, values))
            default:
                report(.wrongYAMLType, "values of '\(qualified(key))' must be text or lists of text", at: valueNode)
            }
        }
        return result
    }

    // MARK: - Finishing

    /// Reports unknown keys here and in every nested mapping read, and returns all diagnostics.
    func finish() -> [Diagnostic] {
        var all = diagnostics
        for (keyNode, _) in mapping {
            guard case .scalar(let scalar) = keyNode else {
                all.append(diagnostic(.wrongYAMLType, "keys must be plain text", at: keyNode))
                continue
            }
            let key = scalar.string
            guard !known.contains(key) else { continue }
            let where_ = path.isEmpty ? "" : " in '\(path)'"
            all.append(diagnostic(.unknownKey, "unknown key '\(key)'\(where_)", at: keyNode,
                                  hint: Suggestion.hint(for: key, in: Array(Set(known)))))
        }
        for child in children { all += child.finish() }
        return all
    }

    // MARK: - Helpers

    func qualified(_ key: String) -> String { path.isEmpty ? key : "\(path).\(key)" }

    func located(_ value: String, at node: Node) -> Located<String> {
        let mark = node.mark
        let line = mark?.line ?? 1
        return Located(value, at: file.location(line: line, column: mark?.column ?? 1),
                       sourceLine: file.line(line))
    }

    func report(_ code: DiagnosticCode, _ message: String, at node: Node, hint: String? = nil) {
        diagnostics.append(diagnostic(code, message, at: node, hint: hint))
    }

    /// Lets readers report a problem they found in a value (a bad type name, a bad date).
    func report(_ diagnostic: Diagnostic) {
        diagnostics.append(diagnostic)
    }

    private func diagnostic(_ code: DiagnosticCode, _ message: String, at node: Node, hint: String? = nil) -> Diagnostic {
        let mark = node.mark
        return file.diagnostic(code, message, line: mark?.line ?? 1, column: mark?.column ?? 1, hint: hint)
    }

    /// Reported where the mapping starts: the top of the file for top-level keys, the first
    /// key of a nested mapping otherwise (whose line is then quoted).
    func reportMissing(_ key: String) {
        let line = mapping.mark?.line ?? 1
        let column = mapping.mark?.column ?? 1
        let hint = "add a line '\(key): …'" + (path.isEmpty ? "" : " under '\(path)'")
        if path.isEmpty {
            diagnostics.append(Diagnostic(.missingKey, "missing required key '\(key)'",
                                          at: file.location(line: line, column: column), hint: hint))
        } else {
            diagnostics.append(file.diagnostic(.missingKey, "missing required key '\(qualified(key))'",
                                               line: line, column: column, hint: hint))
        }
    }
}

extension Node {
    var kindName: String {
        switch self {
        case .scalar: return "a single value"
        case .mapping: return "a mapping"
        case .sequence: return "a list"
        case .alias: return "an alias"
        }
    }
}
