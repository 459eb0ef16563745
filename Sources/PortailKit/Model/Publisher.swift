/// The organisation that publishes the portal (DCAT `dct:publisher`).
public struct Publisher: Sendable, Hashable {
    public let name: String
    public let url: String?
    public let email: String?
    public let type: PublisherType?
}

/// The kind of publisher, from the ADMS publisher-type vocabulary (DCAT-AP's `dct:type` of an agent).
public enum PublisherType: String, Sendable, Hashable, CaseIterable {
    case academia = "academia-scientific-organisation"
    case company
    case industryConsortium = "industry-consortium"
    case localAuthority = "local-authority"
    case nationalAuthority = "national-authority"
    case nonGovernmentalOrganisation = "non-governmental-organisation"
    case nonProfitOrganisation = "non-profit-organisation"
    case privateIndividual = "private-individual"
    case regionalAuthority = "regional-authority"
    case standardisationBody = "standardisation-body"
    case supraNationalAuthority = "supra-national-authority"

    /// The vocabulary's English label ("Non-Profit Organisation").
    public var label: String {
        rawValue.split(separator: "-").map { $0.prefix(1).uppercased() + $0.dropFirst() }.joined(separator: " ")
    }

    public var uri: String {
        let names: [PublisherType: String] = [
            .academia: "Academia-ScientificOrganisation", .company: "Company", .industryConsortium: "IndustryConsortium",
            .localAuthority: "LocalAuthority", .nationalAuthority: "NationalAuthority",
            .nonGovernmentalOrganisation: "NonGovernmentalOrganisation", .nonProfitOrganisation: "NonProfitOrganisation",
            .privateIndividual: "PrivateIndividual(s)", .regionalAuthority: "RegionalAuthority",
            .standardisationBody: "StandardisationBody", .supraNationalAuthority: "SupraNationalAuthority",
        ]
        return "http://purl.org/adms/publishertype/\(names[self]!)"
    }
}
