import Yams

/// Parses a YAML file into Yams' node tree, which keeps the line and column of every value.
///
/// Decoding goes through ``YAMLMapping`` rather than `Codable`: Codable stops at the first
/// error and loses positions, while users need every problem with its `file:line:column`.
enum YAMLDocument {
    /// The root node, or a `yaml-syntax` diagnostic pointing at the fault.
    static func parse(_ file: SourceFile) -> Result<Node?, Diagnostic> {
        do {
            return .success(try Yams.compose(yaml: file.text))
        } catch let error as YamlError {
            return .failure(diagnostic(for: error, in: file))
        } catch {
            return .failure(file.diagnostic(.yamlSyntax, "cannot parse YAML: \(error)", line: 1, column: 1))
        }
    }

    private static func diagnostic(for error: YamlError, in file: SourceFile) -> Diagnostic {
        switch error {
        case let .scanner(context, problem, mark, _),
            let .parser(context, problem, mark, _),
            let .composer(context, problem, mark, _):
            // libyaml reports the point where it gave up; when that is the end of the file
            // (an unterminated quote or bracket), the construct's start is the useful place.
            var at = mark
            var message = problem
            // A quote left open swallows the following lines, and libyaml only notices where the
            // next quote closes it: point at the quote that opened the trouble instead.
            if let open = UnclosedQuote.find(in: file.text, before: mark.line) {
                return file.diagnostic(.yamlSyntax, "this quoted value is not closed on its line",
                                       line: open.line, column: open.column,
                                       hint: "close it with \(open.quote) on the same line (libyaml: \(problem) at line \(mark.line + file.lineOffset), column \(mark.column))")
            }
            if let context {
                message = "\(problem) (\(context.text) at line \(context.mark.line + file.lineOffset), column \(context.mark.column))"
                if file.line(mark.line) == nil || file.line(mark.line)?.isEmpty == true {
                    at = context.mark
                }
            }
            return file.diagnostic(.yamlSyntax, message, line: at.line, column: at.column,
                                   hint: hint(for: problem))
        case let .duplicatedKeysInMapping(duplicates, context):
            let keys = duplicates.map { "'\($0)'" }.joined(separator: ", ")
            return file.diagnostic(.duplicateName, "duplicate key \(keys) in this mapping",
                                   line: context.mark.line, column: context.mark.column,
                                   hint: "each key may appear only once")
        case let .reader(problem, offset, _, _):
            let (line, column) = position(ofByte: offset ?? 0, in: file.text)
            return file.diagnostic(.yamlSyntax, problem, line: line, column: column,
                                   hint: "save the file as UTF-8")
        default:
            return file.diagnostic(.yamlSyntax, "\(error)", line: 1, column: 1)
        }
    }

    private static func hint(for problem: String) -> String? {
        if problem.contains("found character that cannot start any token") {
            return "a value starting with a special character (@, `, %, |, >) must be quoted"
        }
        if problem.contains("mapping values are not allowed") {
            return "a value containing ': ' must be quoted, or the indentation is wrong"
        }
        if problem.contains("did not find expected key") || problem.contains("expected '-'") {
            return "check the indentation: items of one mapping or list start in the same column"
        }
        if problem.contains("end of stream") {
            return "a quote or bracket opened here is never closed"
        }
        if problem.contains("tab") {
            return "YAML indentation uses spaces, not tabs"
        }
        return nil
    }

    private static func position(ofByte offset: Int, in text: String) -> (Int, Int) {
        var line = 1, column = 1
        for byte in text.utf8.prefix(offset) {
            if byte == UInt8(ascii: "\n") { line += 1; column = 1 } else if byte & 0xC0 != 0x80 { column += 1 }
        }
        return (line, column)
    }
}
