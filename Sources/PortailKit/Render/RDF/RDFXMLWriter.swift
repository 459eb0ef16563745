/// Writes an ``RDFGraph`` as RDF/XML, one `rdf:Description` per subject.
enum RDFXMLWriter {
    static func write(_ graph: RDFGraph) -> String {
        var out = "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<rdf:RDF"
        for (prefix, namespace) in NS.prefixes { out += "\n    xmlns:\(prefix)=\"\(namespace)\"" }
        out += ">\n"
        for (subject, properties) in graph.subjects {
            out += "  <rdf:Description rdf:about=\"\(attribute(subject))\">\n"
            for (predicate, objects) in properties {
                // Every predicate of the portal's graphs is in a declared namespace.
                let name = NS.compact(predicate)!
                for object in objects {
                    switch object {
                    case .iri(let iri):
                        out += "    <\(name) rdf:resource=\"\(attribute(iri))\"/>\n"
                    case .literal(let text, let datatype, let language):
                        var attributes = ""
                        if let language { attributes = " xml:lang=\"\(language)\"" } else if let datatype { attributes = " rdf:datatype=\"\(attribute(datatype))\"" }
                        out += "    <\(name)\(attributes)>\(content(text))</\(name)>\n"
                    }
                }
            }
            out += "  </rdf:Description>\n"
        }
        return out + "</rdf:RDF>\n"
    }

    private static func content(_ text: String) -> String {
        var out = ""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            // An XML parser turns CR and CR LF into LF: a character reference keeps CR.
            case "\r": out += "&#13;"
            case "\n", "\t": out.unicodeScalars.append(scalar)
            default:
                // Other control characters are not allowed in XML 1.0 at all.
                if scalar.value >= 0x20 && !(0xFFFE...0xFFFF).contains(scalar.value) { out.unicodeScalars.append(scalar) }
            }
        }
        return out
    }

    private static func attribute(_ text: String) -> String {
        content(text).replacingOccurrences(of: "\"", with: "&quot;")
            .replacingOccurrences(of: "\n", with: "&#10;").replacingOccurrences(of: "\t", with: "&#9;")
    }
}

import Foundation
