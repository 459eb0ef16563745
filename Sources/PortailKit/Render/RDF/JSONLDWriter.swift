/// Writes an ``RDFGraph`` as JSON-LD 1.1 in flattened form: an inline `@context` of prefixes
/// (never a remote one, which harvesters may not be able to fetch) and a `@graph` of nodes.
enum JSONLDWriter {
    static func write(_ graph: RDFGraph) -> String {
        let context = JSONValue.object(NS.prefixes.map { ($0.0, .string($0.1)) })
        let nodes: [JSONValue] = graph.subjects.map { subject, properties in
            var members: [(String, JSONValue)] = [("@id", .string(subject))]
            for (predicate, objects) in properties {
                if predicate == NS.rdf + "type" {
                    members.append(("@type", .array(objects.compactMap {
                        if case .iri(let iri) = $0 { return .string(NS.compact(iri) ?? iri) }
                        return nil
                    })))
                    continue
                }
                members.append((NS.compact(predicate) ?? predicate, .array(objects.map(value))))
            }
            return .object(members)
        }
        return JSONValue.object([("@context", context), ("@graph", .array(nodes))]).serialized(pretty: true) + "\n"
    }

    private static func value(_ object: RDFGraph.Object) -> JSONValue {
        switch object {
        case .iri(let iri):
            return .object([("@id", .string(iri))])
        case .literal(let text, let datatype, let language):
            var members: [(String, JSONValue)] = [("@value", .string(text))]
            if let language { members.append(("@language", .string(language))) }
            else if let datatype { members.append(("@type", .string(NS.compact(datatype) ?? datatype))) }
            return .object(members)
        }
    }
}
