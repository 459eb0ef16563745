/// An RDF graph built in code, serialised three ways (Turtle, RDF/XML, JSON-LD) from the same
/// triples, so that the files hold the same graph by construction. Every node is an IRI (no
/// blank nodes): harvesters can then refer to each one, and the serialisations stay
/// comparable.
struct RDFGraph {
    enum Object: Hashable {
        case iri(String)
        case literal(String, datatype: String? = nil, language: String? = nil)
    }

    struct Triple: Hashable {
        let subject: String
        let predicate: String
        let object: Object
    }

    private(set) var triples: [Triple] = []
    private var seen: Set<Triple> = []

    /// Adds a triple once; the first addition fixes its place in the output.
    mutating func add(_ subject: String, _ predicate: String, _ object: Object) {
        let triple = Triple(subject: subject, predicate: predicate, object: object)
        if seen.insert(triple).inserted { triples.append(triple) }
    }

    mutating func add(_ subject: String, _ predicate: String, iri: String) {
        add(subject, predicate, .iri(iri))
    }

    mutating func add(_ subject: String, type: String) {
        add(subject, NS.rdf + "type", .iri(type))
    }

    mutating func add(_ subject: String, _ predicate: String, text: String, language: String? = nil) {
        add(subject, predicate, .literal(text, language: language))
    }

    mutating func add(_ subject: String, _ predicate: String, value: String, datatype: String) {
        add(subject, predicate, .literal(value, datatype: datatype))
    }

    mutating func add(_ other: RDFGraph) {
        for t in other.triples { add(t.subject, t.predicate, t.object) }
    }

    /// Triples grouped by subject, subjects and predicates in order of first appearance.
    var subjects: [(subject: String, properties: [(predicate: String, objects: [Object])])] {
        var order: [String] = []
        var bySubject: [String: [(String, [Object])]] = [:]
        for t in triples {
            if bySubject[t.subject] == nil { order.append(t.subject); bySubject[t.subject] = [] }
            if let i = bySubject[t.subject]!.firstIndex(where: { $0.0 == t.predicate }) {
                bySubject[t.subject]![i].1.append(t.object)
            } else {
                bySubject[t.subject]!.append((t.predicate, [t.object]))
            }
        }
        return order.map { ($0, bySubject[$0]!.map { (predicate: $0.0, objects: $0.1) }) }
    }
}

/// Namespaces of the vocabularies the portal's metadata use.
enum NS {
    static let rdf = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
    static let rdfs = "http://www.w3.org/2000/01/rdf-schema#"
    static let xsd = "http://www.w3.org/2001/XMLSchema#"
    static let dcat = "http://www.w3.org/ns/dcat#"
    static let dct = "http://purl.org/dc/terms/"
    static let dcatap = "http://data.europa.eu/r5r/"
    static let foaf = "http://xmlns.com/foaf/0.1/"
    static let vcard = "http://www.w3.org/2006/vcard/ns#"
    static let spdx = "http://spdx.org/rdf/terms#"
    static let skos = "http://www.w3.org/2004/02/skos/core#"
    static let adms = "http://www.w3.org/ns/adms#"
    static let gsp = "http://www.opengis.net/ont/geosparql#"

    /// Prefixes written in every serialisation, in this order.
    static let prefixes: [(String, String)] = [
        ("rdf", rdf), ("rdfs", rdfs), ("xsd", xsd), ("dcat", dcat), ("dct", dct), ("dcatap", dcatap),
        ("foaf", foaf), ("vcard", vcard), ("spdx", spdx), ("skos", skos), ("adms", adms), ("gsp", gsp),
    ]

    /// `prefix:local` for an IRI in a known namespace whose local part is a plain name.
    static func compact(_ iri: String) -> String? {
        for (prefix, namespace) in prefixes where iri.hasPrefix(namespace) {
            let local = iri.dropFirst(namespace.count)
            guard let first = local.first, first.isLetter,
                  local.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "_" || $0 == "-") }) else { return nil }
            return "\(prefix):\(local)"
        }
        return nil
    }
}
