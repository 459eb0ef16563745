/// Builds the DCAT-AP 3.0.1 graph of the catalogue, or of one dataset, from the model and the
/// exported files. Every IRI is absolute and under `base_url`; every node is typed, so that
/// the range shapes hold too.
struct DCATBuilder {
    let catalog: Catalog
    let exports: [String: DatasetExports]
    let locale: Localization

    private var base: String { catalog.site.baseURL }
    private var language: String { catalog.site.language }

    var catalogIRI: String { base + "#catalog" }
    var publisherIRI: String { base + "#publisher" }
    var serviceIRI: String { base + "#api" }
    func datasetIRI(_ d: Dataset) -> String { base + "datasets/\(d.id)/#dataset" }
    func landingPage(_ d: Dataset) -> String { base + "datasets/\(d.id)/" }

    // MARK: - Catalogue

    func catalogGraph() -> RDFGraph {
        var g = RDFGraph()
        let site = catalog.site
        let c = catalogIRI
        g.add(c, type: NS.dcat + "Catalog")
        g.add(c, NS.dct + "title", text: site.title, language: language)
        g.add(c, NS.dct + "description", text: site.description.isEmpty ? site.title : site.description, language: language)
        g.add(c, NS.dct + "publisher", iri: publisherIRI)
        g.add(c, NS.foaf + "homepage", iri: base)
        g.add(base, type: NS.foaf + "Document")
        addLanguage(&g, c)
        addLicence(&g, c, site.licence)
        let days = catalog.datasets.map(\.modified) + catalog.datasets.compactMap(\.issued)
        if let first = days.min(), let last = catalog.datasets.map(\.modified).max() {
            g.add(c, NS.dct + "issued", value: first.description, datatype: NS.xsd + "date")
            g.add(c, NS.dct + "modified", value: last.description, datatype: NS.xsd + "date")
        }
        for place in site.spatial { g.add(c, NS.dct + "spatial", iri: place.uri) }
        g.add(c, NS.dcat + "themeTaxonomy", iri: EUTheme.schemeURI)
        g.add(EUTheme.schemeURI, type: NS.skos + "ConceptScheme")
        g.add(EUTheme.schemeURI, NS.dct + "title", text: "Data theme", language: "en")
        for dataset in catalog.datasets { g.add(c, NS.dcat + "dataset", iri: datasetIRI(dataset)) }
        addPublisher(&g)
        addService(&g)
        g.add(c, NS.dcat + "service", iri: serviceIRI)
        for dataset in catalog.datasets { g.add(datasetGraph(dataset)) }
        return g
    }

    /// The static API, described as a data service so that harvesters find its OpenAPI document.
    private func addService(_ g: inout RDFGraph) {
        let s = serviceIRI
        let served = catalog.datasets.filter(\.publishesRecords)
        g.add(s, type: NS.dcat + "DataService")
        g.add(s, NS.dct + "title", text: locale["api_title"], language: language)
        g.add(s, NS.dct + "description", text: locale["api_description"], language: language)
        g.add(s, NS.dcat + "endpointURL", iri: base + "api/catalog.json")
        g.add(base + "api/catalog.json", type: NS.rdfs + "Resource")
        g.add(s, NS.dcat + "endpointDescription", iri: base + "api/openapi.json")
        g.add(base + "api/openapi.json", type: NS.rdfs + "Resource")
        g.add(s, NS.dct + "conformsTo", iri: "https://spec.openapis.org/oas/v3.1.0")
        g.add("https://spec.openapis.org/oas/v3.1.0", type: NS.dct + "Standard")
        g.add(s, NS.dct + "publisher", iri: publisherIRI)
        addLicence(&g, s, catalog.site.licence)
        g.add(s, NS.dct + "accessRights", iri: EUVocabularies.accessRight(.public))
        g.add(EUVocabularies.accessRight(.public), type: NS.dct + "RightsStatement")
        for keyword in ["API", "open data", "données ouvertes"] { g.add(s, NS.dcat + "keyword", text: keyword, language: keyword == "données ouvertes" ? "fr" : "en") }
        var themes: [EUTheme] = []
        for dataset in served { for theme in dataset.euThemes where !themes.contains(theme) { themes.append(theme) } }
        for theme in themes { addTheme(&g, s, theme) }
        if let email = catalog.site.publisher.email {
            let contact = base + "#contact"
            g.add(s, NS.dcat + "contactPoint", iri: contact)
            addContact(&g, contact, Contact(name: catalog.site.publisher.name, email: email))
        }
        for dataset in served { g.add(s, NS.dcat + "servesDataset", iri: datasetIRI(dataset)) }
    }

    // MARK: - Dataset

    func datasetGraph(_ dataset: Dataset) -> RDFGraph {
        var g = RDFGraph()
        let d = datasetIRI(dataset)
        g.add(d, type: NS.dcat + "Dataset")
        g.add(d, NS.dct + "identifier", text: dataset.id)
        g.add(d, NS.dct + "title", text: dataset.title, language: language)
        g.add(d, NS.dct + "description", text: dataset.description, language: language)
        for keyword in dataset.keywords { g.add(d, NS.dcat + "keyword", text: keyword, language: language) }
        for theme in dataset.euThemes { addTheme(&g, d, theme) }
        addLicence(&g, d, dataset.licence)
        g.add(d, NS.dct + "publisher", iri: publisherIRI)
        addPublisher(&g)
        if let contact = dataset.contact {
            let iri = landingPage(dataset) + "#contact"
            g.add(d, NS.dcat + "contactPoint", iri: iri)
            addContact(&g, iri, contact)
        }
        if let issued = dataset.issued { g.add(d, NS.dct + "issued", value: issued.description, datatype: NS.xsd + "date") }
        g.add(d, NS.dct + "modified", value: dataset.modified.description, datatype: NS.xsd + "date")
        if let frequency = dataset.frequency {
            let iri = EUVocabularies.frequency(frequency)
            g.add(d, NS.dct + "accrualPeriodicity", iri: iri)
            g.add(iri, type: NS.dct + "Frequency")
        }
        g.add(d, NS.dcat + "landingPage", iri: landingPage(dataset))
        g.add(landingPage(dataset), type: NS.foaf + "Document")
        addLanguage(&g, d)
        for place in dataset.spatial { g.add(d, NS.dct + "spatial", iri: place.uri) }
        if let extent = dataset.extent {
            let iri = landingPage(dataset) + "#extent"
            g.add(d, NS.dct + "spatial", iri: iri)
            g.add(iri, type: NS.dct + "Location")
            g.add(iri, NS.dcat + "bbox", value: Self.wktPolygon(extent), datatype: NS.gsp + "wktLiteral")
            let centre = extent.centre
            g.add(iri, NS.dcat + "centroid", value: "POINT(\(Self.coordinate(centre.longitude)) \(Self.coordinate(centre.latitude)))",
                  datatype: NS.gsp + "wktLiteral")
        }
        if let temporal = dataset.temporal {
            let iri = landingPage(dataset) + "#temporal"
            g.add(d, NS.dct + "temporal", iri: iri)
            g.add(iri, type: NS.dct + "PeriodOfTime")
            g.add(iri, NS.dcat + "startDate", value: temporal.start.description, datatype: NS.xsd + "date")
            g.add(iri, NS.dcat + "endDate", value: temporal.end.description, datatype: NS.xsd + "date")
        }
        let rights = EUVocabularies.accessRight(dataset.access)
        g.add(d, NS.dct + "accessRights", iri: rights)
        g.add(rights, type: NS.dct + "RightsStatement")
        if dataset.publishesRecords {
            for file in exports[dataset.id]?.files ?? [] { addDistribution(&g, dataset, file) }
        } else {
            addLandingPageDistribution(&g, dataset)
        }
        return g
    }

    private func addDistribution(_ g: inout RDFGraph, _ dataset: Dataset, _ file: DatasetExports.File) {
        let d = landingPage(dataset) + "#distribution-\(file.format.id)"
        let url = base + file.path
        g.add(datasetIRI(dataset), NS.dcat + "distribution", iri: d)
        g.add(d, type: NS.dcat + "Distribution")
        g.add(d, NS.dct + "title", text: "\(dataset.title) (\(file.format.label))", language: language)
        g.add(d, NS.dct + "description", text: locale[file.format.descriptionKey], language: language)
        g.add(d, NS.dcat + "accessURL", iri: url)
        g.add(d, NS.dcat + "downloadURL", iri: url)
        g.add(url, type: NS.rdfs + "Resource")
        g.add(d, NS.dct + "format", iri: file.format.euFileTypeURI)
        g.add(file.format.euFileTypeURI, type: NS.dct + "MediaTypeOrExtent")
        g.add(d, NS.dcat + "mediaType", iri: file.format.mediaTypeURI)
        g.add(file.format.mediaTypeURI, type: NS.dct + "MediaType")
        g.add(d, NS.dcat + "byteSize", value: String(file.byteSize), datatype: NS.xsd + "nonNegativeInteger")
        let checksum = d + "-sha256"
        g.add(d, NS.spdx + "checksum", iri: checksum)
        g.add(checksum, type: NS.spdx + "Checksum")
        g.add(checksum, NS.spdx + "algorithm", iri: NS.spdx + "checksumAlgorithm_sha256")
        g.add(checksum, NS.spdx + "checksumValue", value: file.sha256, datatype: NS.xsd + "hexBinary")
        addLicence(&g, d, dataset.licence)
        g.add(d, NS.dcatap + "availability", iri: EUVocabularies.stable)
        g.add(EUVocabularies.stable, type: NS.skos + "Concept")
        g.add(EUVocabularies.stable, NS.skos + "prefLabel", text: "stable", language: "en")
        g.add(d, NS.dct + "modified", value: dataset.modified.description, datatype: NS.xsd + "date")
        if file.format == .csv {
            let schema = base + "datasets/\(dataset.id)/schema.json"
            g.add(d, NS.dct + "conformsTo", iri: schema)
            g.add(schema, type: NS.dct + "Standard")
        }
    }

    /// A members-only dataset is described, not distributed: its only distribution is the page
    /// that explains how members get access, never a file of restricted data.
    private func addLandingPageDistribution(_ g: inout RDFGraph, _ dataset: Dataset) {
        let d = landingPage(dataset) + "#distribution-page"
        g.add(datasetIRI(dataset), NS.dcat + "distribution", iri: d)
        g.add(d, type: NS.dcat + "Distribution")
        g.add(d, NS.dct + "title", text: locale["members_only_title"], language: language)
        g.add(d, NS.dct + "description", text: locale.format("members_only_text", ["publisher": catalog.site.publisher.name]), language: language)
        g.add(d, NS.dcat + "accessURL", iri: landingPage(dataset))
        g.add(d, NS.dct + "format", iri: EUVocabularies.htmlFileType)
        g.add(EUVocabularies.htmlFileType, type: NS.dct + "MediaTypeOrExtent")
        addLicence(&g, d, dataset.licence)
        g.add(d, NS.dcatap + "availability", iri: EUVocabularies.stable)
        g.add(EUVocabularies.stable, type: NS.skos + "Concept")
        g.add(EUVocabularies.stable, NS.skos + "prefLabel", text: "stable", language: "en")
    }

    // MARK: - Shared nodes

    private func addPublisher(_ g: inout RDFGraph) {
        let p = publisherIRI
        let publisher = catalog.site.publisher
        g.add(p, type: NS.foaf + "Agent")
        g.add(p, NS.foaf + "name", text: publisher.name)
        if let type = publisher.type {
            g.add(p, NS.dct + "type", iri: type.uri)
            g.add(type.uri, type: NS.skos + "Concept")
            g.add(type.uri, NS.skos + "prefLabel", text: type.label, language: "en")
        }
        if let url = publisher.url { g.add(p, NS.foaf + "homepage", iri: url) }
        if let email = publisher.email { g.add(p, NS.foaf + "mbox", iri: "mailto:" + email) }
    }

    private func addContact(_ g: inout RDFGraph, _ iri: String, _ contact: Contact) {
        g.add(iri, type: NS.vcard + "Kind")
        g.add(iri, NS.vcard + "fn", text: contact.name)
        g.add(iri, NS.vcard + "hasEmail", iri: "mailto:" + contact.email)
    }

    private func addLicence(_ g: inout RDFGraph, _ subject: String, _ licence: Licence) {
        g.add(subject, NS.dct + "license", iri: licence.url)
        g.add(licence.url, type: NS.dct + "LicenseDocument")
        g.add(licence.url, NS.dct + "type", iri: licence.kindURI)
        g.add(licence.url, NS.dct + "title", text: licence.title)
        g.add(licence.kindURI, type: NS.skos + "Concept")
        g.add(licence.kindURI, NS.skos + "prefLabel", text: licence.kind, language: "en")
    }

    private func addTheme(_ g: inout RDFGraph, _ subject: String, _ theme: EUTheme) {
        g.add(subject, NS.dcat + "theme", iri: theme.uri)
        g.add(theme.uri, type: NS.skos + "Concept")
        g.add(theme.uri, NS.skos + "prefLabel", text: theme.labels.fr, language: "fr")
        g.add(theme.uri, NS.skos + "prefLabel", text: theme.labels.en, language: "en")
        g.add(theme.uri, NS.skos + "inScheme", iri: EUTheme.schemeURI)
    }

    private func addLanguage(_ g: inout RDFGraph, _ subject: String) {
        guard let iri = EUVocabularies.language(language) else { return }
        g.add(subject, NS.dct + "language", iri: iri)
        g.add(iri, type: NS.dct + "LinguisticSystem")
    }

    // MARK: - Geometry

    /// WKT polygon of a box, longitude first as WKT wants: `POLYGON((w s, e s, e n, w n, w s))`.
    static func wktPolygon(_ b: BoundingBox) -> String {
        let (w, s, e, n) = (coordinate(b.minLongitude), coordinate(b.minLatitude), coordinate(b.maxLongitude), coordinate(b.maxLatitude))
        return "POLYGON((\(w) \(s), \(e) \(s), \(e) \(n), \(w) \(n), \(w) \(s)))"
    }

    /// Six decimals (about 10 cm), as GeoJSON exports use.
    static func coordinate(_ value: Double) -> String {
        MachineFormat.number((value * 1_000_000).rounded() / 1_000_000)
    }
}
