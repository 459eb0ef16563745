/// A licence from the table of known licences. Content names them by SPDX identifier
/// (`etalab-2.0`, `ODbL-1.0`, `CC-BY-4.0`) or by data.gouv.fr's identifier (`lov2`, `odc-odbl`).
public struct Licence: Sendable, Hashable {
    /// The canonical (SPDX) identifier.
    public let id: String
    public let title: String
    public let url: String
    /// Other identifiers users write for the same licence.
    public let aliases: [String]
    /// ADMS licence type (`Attribution`, `ShareAlike`, `PublicDomain`), for DCAT-AP.
    public let kind: String

    public var kindURI: String { "http://purl.org/adms/licencetype/\(kind)" }

    init(id: String, title: String, url: String, aliases: [String], kind: String = "Attribution") {
        self.id = id
        self.title = title
        self.url = url
        self.aliases = aliases
        self.kind = kind
    }

    /// Known licences, in the order they are listed in hints.
    public static let known: [Licence] = [
        Licence(id: "etalab-2.0", title: "Licence Ouverte / Open Licence 2.0",
                url: "https://www.etalab.gouv.fr/licence-ouverte-open-licence/",
                aliases: ["lov2", "licence-ouverte-2.0", "lo-2.0", "etalab"]),
        Licence(id: "etalab-1.0", title: "Licence Ouverte / Open Licence 1.0",
                url: "https://www.etalab.gouv.fr/wp-content/uploads/2014/05/Licence_Ouverte.pdf",
                aliases: ["fr-lo", "lo-1.0"]),
        Licence(id: "ODbL-1.0", title: "Open Database License (ODbL) 1.0",
                url: "https://opendatacommons.org/licenses/odbl/1-0/", aliases: ["odc-odbl", "odbl"], kind: "ShareAlike"),
        Licence(id: "ODC-By-1.0", title: "Open Data Commons Attribution License 1.0",
                url: "https://opendatacommons.org/licenses/by/1-0/", aliases: ["odc-by"]),
        Licence(id: "PDDL-1.0", title: "Open Data Commons Public Domain Dedication and License 1.0",
                url: "https://opendatacommons.org/licenses/pddl/1-0/", aliases: ["odc-pddl"], kind: "PublicDomain"),
        Licence(id: "CC-BY-4.0", title: "Creative Commons Attribution 4.0",
                url: "https://creativecommons.org/licenses/by/4.0/", aliases: ["cc-by"]),
        Licence(id: "CC-BY-SA-4.0", title: "Creative Commons Attribution – Partage dans les mêmes conditions 4.0",
                url: "https://creativecommons.org/licenses/by-sa/4.0/", aliases: ["cc-by-sa"], kind: "ShareAlike"),
        Licence(id: "CC0-1.0", title: "Creative Commons Zero 1.0 (domaine public)",
                url: "https://creativecommons.org/publicdomain/zero/1.0/", aliases: ["cc-zero", "cc0"], kind: "PublicDomain"),
    ]

    /// The licence named by `identifier`, ignoring case; nil when unknown.
    public static func named(_ identifier: String) -> Licence? {
        let wanted = identifier.lowercased()
        return known.first { $0.id.lowercased() == wanted || $0.aliases.contains(wanted) }
    }

    /// Every identifier accepted, for "did you mean" hints.
    public static var identifiers: [String] { known.map(\.id) }
}
