import Testing
@testable import PortailKit

/// The three RDF syntaxes escape the same literal so that it reads back identically
/// (the validator then checks in make test that the files hold isomorphic graphs).
@Suite("RDF serialisations")
struct RDFWritersTests {
    static let tricky = "Le \"Rex\" & <Lumière>\r\nligne 2\tfin \\ 🎬"

    var graph: RDFGraph {
        var g = RDFGraph()
        g.add("https://x.example/#d", type: NS.dcat + "Dataset")
        g.add("https://x.example/#d", NS.dct + "title", text: Self.tricky, language: "fr")
        g.add("https://x.example/#d", NS.dcat + "byteSize", value: "12", datatype: NS.xsd + "nonNegativeInteger")
        g.add("https://x.example/#d", NS.dct + "license", iri: "https://x.example/licence?a=1&b=2")
        g.add("https://x.example/#d", NS.dct + "title", text: Self.tricky, language: "fr")  // a repeat is dropped
        return g
    }

    @Test("Turtle: string escapes, prefixed names, `a` for rdf:type")
    func turtle() {
        let text = TurtleWriter.write(graph)
        #expect(text.hasSuffix("""

            <https://x.example/#d> a dcat:Dataset ;
                dct:title "Le \\"Rex\\" & <Lumière>\\r\\nligne 2\\tfin \\\\ 🎬"@fr ;
                dcat:byteSize "12"^^xsd:nonNegativeInteger ;
                dct:license <https://x.example/licence?a=1&b=2> .

            """))
    }

    @Test("RDF/XML: entities, a character reference for CR, rdf:resource for IRIs")
    func rdfXML() {
        let text = RDFXMLWriter.write(graph)
        #expect(text.contains("""
              <rdf:Description rdf:about="https://x.example/#d">
                <rdf:type rdf:resource="http://www.w3.org/ns/dcat#Dataset"/>
                <dct:title xml:lang="fr">Le "Rex" &amp; &lt;Lumière&gt;&#13;
            ligne 2\tfin \\ 🎬</dct:title>
                <dcat:byteSize rdf:datatype="http://www.w3.org/2001/XMLSchema#nonNegativeInteger">12</dcat:byteSize>
                <dct:license rdf:resource="https://x.example/licence?a=1&amp;b=2"/>
              </rdf:Description>
            """))
    }

    @Test("JSON-LD: inline context, typed and language-tagged values")
    func jsonLD() {
        let text = JSONLDWriter.write(graph)
        #expect(text.contains(#""dct:title": [\#n        {\#n          "@value": "Le \"Rex\" & \u003cLumière>\r\nligne 2\tfin \\ 🎬",\#n          "@language": "fr"\#n        }"#))
        #expect(text.contains(#""@type": [\#n        "dcat:Dataset"\#n      ]"#))
        #expect(text.contains(#""@value": "12",\#n          "@type": "xsd:nonNegativeInteger""#))
        #expect(!text.contains("\"@context\": \"http"))
    }
}
