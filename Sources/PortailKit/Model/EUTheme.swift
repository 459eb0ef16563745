/// The EU Data Theme vocabulary (DCAT-AP's `dcat:theme`): the 13 themes harvesters group
/// datasets by. Content names themes in words ("Culture", "Territoires"); ``named(_:)`` maps
/// them, and `site.yaml`'s `themes` adds mappings of the portal's own.
public enum EUTheme: String, Sendable, Hashable, CaseIterable {
    case AGRI, ECON, EDUC, ENER, ENVI, GOVE, HEAL, INTR, JUST, REGI, SOCI, TECH, TRAN

    public var uri: String { "http://publications.europa.eu/resource/authority/data-theme/\(rawValue)" }
    public static let schemeURI = "http://publications.europa.eu/resource/authority/data-theme"

    /// The vocabulary's own labels.
    public var labels: (fr: String, en: String) {
        switch self {
        case .AGRI: return ("Agriculture, pêche, sylviculture et alimentation", "Agriculture, fisheries, forestry and food")
        case .ECON: return ("Économie et finances", "Economy and finance")
        case .EDUC: return ("Éducation, culture et sport", "Education, culture and sport")
        case .ENER: return ("Énergie", "Energy")
        case .ENVI: return ("Environnement", "Environment")
        case .GOVE: return ("Gouvernement et secteur public", "Government and public sector")
        case .HEAL: return ("Santé", "Health")
        case .INTR: return ("Questions internationales", "International issues")
        case .JUST: return ("Justice, système juridique et sécurité publique", "Justice, legal system and public safety")
        case .REGI: return ("Régions et villes", "Regions and cities")
        case .SOCI: return ("Population et société", "Population and society")
        case .TECH: return ("Science et technologie", "Science and technology")
        case .TRAN: return ("Transports", "Transport")
        }
    }

    /// Words commonly used for themes on French portals, in French and English, mapped to the
    /// EU theme that holds them. Keys are compared without accents or case.
    static let commonWords: [String: EUTheme] = [
        "agriculture": .AGRI, "peche": .AGRI, "alimentation": .AGRI, "foret": .AGRI, "food": .AGRI,
        "economie": .ECON, "economy": .ECON, "finances": .ECON, "finance": .ECON, "emploi": .ECON,
        "entreprises": .ECON, "commerce": .ECON, "tourisme": .ECON, "budget": .ECON,
        "education": .EDUC, "culture": .EDUC, "sport": .EDUC, "sports": .EDUC, "cinema": .EDUC,
        "patrimoine": .EDUC, "loisirs": .EDUC, "enseignement": .EDUC,
        "energie": .ENER, "energy": .ENER,
        "environnement": .ENVI, "environment": .ENVI, "climat": .ENVI, "nature": .ENVI, "biodiversite": .ENVI,
        "gouvernement": .GOVE, "administration": .GOVE, "citoyennete": .GOVE, "elections": .GOVE,
        "secteur public": .GOVE, "government": .GOVE,
        "sante": .HEAL, "health": .HEAL,
        "international": .INTR, "europe": .INTR,
        "justice": .JUST, "securite": .JUST, "safety": .JUST,
        "territoires": .REGI, "territoire": .REGI, "regions": .REGI, "villes": .REGI, "urbanisme": .REGI,
        "amenagement du territoire": .REGI, "cities": .REGI, "regions and cities": .REGI, "logement": .REGI,
        "population": .SOCI, "societe": .SOCI, "social": .SOCI, "solidarite": .SOCI, "society": .SOCI,
        "associations": .SOCI, "demographie": .SOCI,
        "science": .TECH, "recherche": .TECH, "technologie": .TECH, "numerique": .TECH, "technology": .TECH,
        "transports": .TRAN, "transport": .TRAN, "mobilite": .TRAN, "mobility": .TRAN,
    ]

    /// The theme a word stands for: an EU code (`EDUC`), one of the vocabulary's labels, a
    /// common word, or one of the portal's own mappings (`extra`, keys folded).
    public static func named(_ word: String, extra: [String: EUTheme] = [:]) -> EUTheme? {
        if let code = EUTheme(rawValue: word.trimmingCharacters(in: .whitespaces).uppercased()) { return code }
        let key = fold(word)
        if let theme = extra[key] ?? commonWords[key] { return theme }
        return allCases.first { fold($0.labels.fr) == key || fold($0.labels.en) == key }
    }

    static func fold(_ text: String) -> String {
        text.folding(options: [.diacriticInsensitive, .caseInsensitive], locale: nil)
            .lowercased().trimmingCharacters(in: .whitespaces)
    }
}

import Foundation
