/// Writes an ``RDFGraph`` as Turtle (RDF 1.1), one block per subject.
enum TurtleWriter {
    static func write(_ graph: RDFGraph) -> String {
        var out = ""
        for (prefix, namespace) in NS.prefixes { out += "@prefix \(prefix): <\(namespace)> .\n" }
        for (subject, properties) in graph.subjects {
            out += "\n" + term(subject)
            for (i, (predicate, objects)) in properties.enumerated() {
                out += (i == 0 ? " " : " ;\n    ") + (predicate == NS.rdf + "type" ? "a" : term(predicate)) + " "
                out += objects.map(object).joined(separator: ", ")
            }
            out += " .\n"
        }
        return out
    }

    private static func term(_ iri: String) -> String {
        NS.compact(iri) ?? "<\(escapeIRI(iri))>"
    }

    private static func object(_ object: RDFGraph.Object) -> String {
        switch object {
        case .iri(let iri): return term(iri)
        case .literal(let text, let datatype, let language):
            var out = "\"" + escape(text) + "\""
            if let language { out += "@" + language } else if let datatype { out += "^^" + term(datatype) }
            return out
        }
    }

    /// Turtle string escapes (ECHAR); everything else is written as UTF-8.
    static func escape(_ text: String) -> String {
        var out = ""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\\": out += "\\\\"
            case "\"": out += "\\\""
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            default:
                if scalar.value < 0x20 || scalar.value == 0x7F {
                    out += "\\u" + String(repeating: "0", count: 4 - String(scalar.value, radix: 16).count) + String(scalar.value, radix: 16, uppercase: true)
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out
    }

    /// Characters an IRIREF may not hold are percent-encoded.
    private static func escapeIRI(_ iri: String) -> String {
        var out = ""
        for scalar in iri.unicodeScalars {
            if scalar.value <= 0x20 || "<>\"{}|^`\\".unicodeScalars.contains(scalar) {
                for byte in String(scalar).utf8 { out += "%" + (byte < 16 ? "0" : "") + String(byte, radix: 16, uppercase: true) }
            } else {
                out.unicodeScalars.append(scalar)
            }
        }
        return out
    }
}
