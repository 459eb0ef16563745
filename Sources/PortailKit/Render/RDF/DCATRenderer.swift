import Foundation

/// Writes the DCAT-AP catalogue (`catalog.ttl`, `.rdf`, `.jsonld`) and each dataset's own
/// description (`datasets/<id>/dataset.ttl`, `.rdf`, `.jsonld`): the same graph in the three
/// syntaxes data.gouv.fr and other harvesters read.
struct DCATRenderer {
    let builder: DCATBuilder

    func render() -> [(String, Data)] {
        var files = serialisations(of: builder.catalogGraph(), stem: "catalog")
        for dataset in builder.catalog.datasets {
            files += serialisations(of: builder.datasetGraph(dataset), stem: "datasets/\(dataset.id)/dataset")
        }
        return files
    }

    private func serialisations(of graph: RDFGraph, stem: String) -> [(String, Data)] {
        [
            (stem + ".ttl", Data(TurtleWriter.write(graph).utf8)),
            (stem + ".rdf", Data(RDFXMLWriter.write(graph).utf8)),
            (stem + ".jsonld", Data(JSONLDWriter.write(graph).utf8)),
        ]
    }
}
