/// Authority tables of the EU Publications Office that DCAT-AP requires (frequency, language,
/// access right, availability), as the portal uses them.
enum EUVocabularies {
    static let authority = "http://publications.europa.eu/resource/authority/"

    static func frequency(_ frequency: Frequency) -> String {
        let code: String
        switch frequency {
        case .continuous: code = "UPDATE_CONT"
        case .daily: code = "DAILY"
        case .weekly: code = "WEEKLY"
        case .biweekly: code = "BIWEEKLY"
        case .monthly: code = "MONTHLY"
        case .quarterly: code = "QUARTERLY"
        case .semiannual: code = "ANNUAL_2"
        case .annual: code = "ANNUAL"
        case .biennial: code = "BIENNIAL"
        case .irregular: code = "IRREG"
        case .never: code = "NEVER"
        case .unknown: code = "UNKNOWN"
        }
        return authority + "frequency/" + code
    }

    /// ISO 639-3 codes of the EU Languages table, for the languages portals are written in.
    static func language(_ code: String) -> String? {
        let table = ["fr": "FRA", "en": "ENG", "de": "DEU", "es": "SPA", "it": "ITA", "nl": "NLD", "pt": "POR",
                     "br": "BRE", "co": "COS", "oc": "OCI", "eu": "EUS", "ca": "CAT"]
        return table[code.lowercased()].map { authority + "language/" + $0 }
    }

    static func accessRight(_ access: Access) -> String {
        authority + "access-right/" + (access == .public ? "PUBLIC" : "NON_PUBLIC")
    }

    static let stable = authority + "planned-availability/STABLE"
    static let htmlFileType = authority + "file-type/HTML"
}
