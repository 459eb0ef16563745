import Foundation
import PortailKit
import Testing
import ZIPFoundation

/// The canary: `Fixtures/Canary/Content` plants unique values in a members-only field of every
/// type and in a members-only dataset, and names those fields with unique words. Every file
/// of the public output (the parts inside XLSX and ODS archives too) is searched for every
/// form those values can take once written: raw, HTML- and JSON-escaped, French and
/// machine number formats, dates as French text, spreadsheet serial numbers. None may appear,
/// without the edition, with the encrypted edition, and beside a separate members' tree; and
/// the members' tree and the sealed files must hold them, so the search cannot pass by
/// looking for the wrong thing.
@Suite("Members-only values never reach a public file", .serialized)
struct CanaryTests {
    /// One planted value, and the forms it may take in an output file.
    struct Marker {
        let name: String
        let forms: [String]
    }

    static let markers: [Marker] = {
        var markers: [Marker] = []
        func add(_ name: String, _ forms: [String]) { markers.append(Marker(name: name, forms: forms)) }
        // Field names and titles: the public files do not even say these fields exist.
        for word in ["texte", "entier", "nombre", "booleen", "date", "horodatage", "heure", "annee", "mois", "point", "liste",
                     "courriel", "lien"] {
            add("name of canari_\(word)", ["canari_\(word)"])
            add("title of canari_\(word)", ["Canari\(word) Titre", "Canari\(word)"])
        }
        add("text", ["Canari7Q", "Canari7Q<&>\"'texte", "Canari7Q&lt;&amp;&gt;&quot;&#39;texte", "Canari7Q&lt;&amp;&gt;&quot;&#x27;texte",
                     "Canari7Q\\u003c&>\\\"'texte", "Canari8R"])
        add("integer", grouped("918273645") + grouped("827364519"))
        add("number", decimals("8765", "4321") + decimals("7654", "3219"))
        add("date", dates(year: 1907, month: 3, day: 21) + dates(year: 1906, month: 2, day: 17))
        add("datetime", ["1911-11-11T11:47", "1910-10-10T10:37", "11/11/1911", "10/10/1910", "11 novembre 1911", "10 octobre 1910"])
        add("time", ["13:57:31", "13:57", "14:46:29", "14:46", "0.58160879", "0.61561342"])
        add("year", [">1637<", "\"1637\"", ":1637,", ";1637;", ">1638<", "\"1638\"", ":1638,", ";1638;"])
        add("year-month", ["1723-09", "1724-08", "septembre 1723", "août 1724", "09/1723", "08/1724"])
        add("geopoint", decimals("12", "345678") + decimals("98", "765432") + decimals("11", "234567") + decimals("97", "654321"))
        add("list", ["CanariListeA", "CanariListeB", "CanariListeC"])
        add("e-mail", ["canari.secret", "canari.autre"])
        add("uri", ["canari-secret.example"])
        add("members-only dataset, text", ["CanariSociete", "canari-reserve-a", "canari-reserve-b"])
        add("members-only dataset, integer", grouped("564738291") + grouped("473829165"))
        add("members-only dataset, date", dates(year: 1904, month: 5, day: 6) + dates(year: 1903, month: 4, day: 5))
        add("members-only dataset, geopoint", decimals("23", "456789") + decimals("87", "654321") + decimals("22", "345678")
            + decimals("86", "543219"))
        return markers
    }()

    /// `918273645` and its groupings: spaces, no-break spaces (French), commas, dots.
    static func grouped(_ digits: String) -> [String] {
        var groups: [String] = []
        var rest = Substring(digits)
        while rest.count > 3 { groups.insert(String(rest.suffix(3)), at: 0); rest = rest.dropLast(3) }
        groups.insert(String(rest), at: 0)
        return [digits] + [" ", "\u{00A0}", "\u{202F}", ",", "."].map { groups.joined(separator: $0) }
    }

    static func decimals(_ whole: String, _ fraction: String) -> [String] {
        grouped(whole).flatMap { [$0 + "." + fraction, $0 + "," + fraction] }
    }

    /// ISO, French numeric and long forms, and the spreadsheet serial number of a day.
    static func dates(year: Int, month: Int, day: Int) -> [String] {
        let months = ["janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre",
                      "novembre", "décembre"]
        let iso = Day(year: year, month: month, day: day)!
        let serial = iso.daysSinceEpoch + 25_569
        let dd = day < 10 ? "0\(day)" : "\(day)", mm = month < 10 ? "0\(month)" : "\(month)"
        return ["\(year)-\(mm)-\(dd)", "\(dd)/\(mm)/\(year)", "\(day) \(months[month - 1]) \(year)", ">\(serial)<"]
    }

    /// Every place a marker appears: file (and archive part), marker, form.
    static func leaks(in folder: URL) throws -> [String] {
        var found: [String] = []
        for (path, data) in try files(in: folder) {
            for marker in markers {
                for form in marker.forms where data.range(of: Data(form.utf8)) != nil {
                    found.append("\(path): \(marker.name) as \(form.debugDescription)")
                }
            }
        }
        return found
    }

    /// Which markers appear somewhere in these contents.
    static func present(in contents: [Data]) -> Set<String> {
        Set(markers.filter { marker in
            marker.forms.contains { form in contents.contains { $0.range(of: Data(form.utf8)) != nil } }
        }.map(\.name))
    }

    /// Every file under the folder, hidden ones included, and every part of every XLSX and ODS.
    static func files(in folder: URL) throws -> [(String, Data)] {
        var out: [(String, Data)] = []
        let walker = FileManager.default.enumerator(at: folder, includingPropertiesForKeys: [.isRegularFileKey])
        while let url = walker?.nextObject() as? URL {
            guard try url.resourceValues(forKeys: [.isRegularFileKey]).isRegularFile == true else { continue }
            let path = String(url.standardizedFileURL.path.dropFirst(folder.standardizedFileURL.path.count + 1))
            let data = try Data(contentsOf: url)
            out.append((path, data))
            if path.hasSuffix(".xlsx") || path.hasSuffix(".ods") {
                let archive = try Archive(data: data, accessMode: .read)
                for entry in archive where entry.type == .file {
                    var part = Data()
                    _ = try archive.extract(entry, skipCRC32: false) { part.append($0) }
                    out.append(("\(path)!\(entry.path)", part))
                }
            }
        }
        return out
    }

    static func workspace() throws -> URL {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("portail-canary-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: root.appendingPathComponent("Themes"), withIntermediateDirectories: true)
        try FileManager.default.copyItem(at: PortailBinary.packageRoot.appendingPathComponent("Tests/PortailCLITests/Fixtures/Canary/Content"),
                                         to: root.appendingPathComponent("Content"))
        try FileManager.default.copyItem(at: PortailBinary.packageRoot.appendingPathComponent("Themes/default"),
                                         to: root.appendingPathComponent("Themes/default"))
        return root
    }

    static func build(_ root: URL, _ arguments: [String] = [], passphrase: String? = nil) throws {
        var environment = ["SOURCE_DATE_EPOCH": "1795996800", "PORTAIL_LEAFLET": PortailBinary.packageRoot
            .appendingPathComponent("Tests/PortailKitTests/Fixtures/Leaflet").path]
        if let passphrase { environment["PORTAIL_MEMBERS_PASSPHRASE"] = passphrase }
        let run = try PortailBinary.run(["build", "--quiet"] + arguments, in: root, environment: environment)
        #expect(run.status == 0, "\(run.stderr)")
    }

    @Test("without a members' edition, no public file holds a members-only value")
    func noEdition() throws {
        let root = try Self.workspace()
        defer { try? FileManager.default.removeItem(at: root) }
        try Self.build(root)
        let output = root.appendingPathComponent("Output")
        #expect(FileManager.default.fileExists(atPath: output.appendingPathComponent("datasets/canari/canari.xlsx").path))
        let leaks = try Self.leaks(in: output)
        #expect(leaks == [], "\(leaks.joined(separator: "\n"))")
        // A members-only dataset publishes no count of its records either.
        let api = String(decoding: try Data(contentsOf: output.appendingPathComponent("api/datasets/canari-reserve.json")), as: UTF8.self)
        #expect(!api.contains("records_count"))
    }

    @Test("with the encrypted edition, the public files hold none, and the sealed files hold them all")
    func encryptedEdition() throws {
        let root = try Self.workspace()
        defer { try? FileManager.default.removeItem(at: root) }
        let passphrase = "canari dans la mine de charbon"
        try Self.build(root, passphrase: passphrase)
        let output = root.appendingPathComponent("Output")
        let leaks = try Self.leaks(in: output)
        #expect(leaks == [], "\(leaks.joined(separator: "\n"))")
        // Open every sealed file with the key, as a member's browser does.
        let key = try MembersKey(passphrase: passphrase, baseURL: "https://canari.example/")
        var opened: [Data] = []
        for (path, data) in try Self.files(in: output) where path.hasSuffix(".enc") {
            let plain = try key.open(data, path: path)
            opened.append(plain)
            if path.hasSuffix(".xlsx.enc") || path.hasSuffix(".ods.enc") {
                let archive = try Archive(data: plain, accessMode: .read)
                for entry in archive where entry.type == .file {
                    var part = Data()
                    _ = try archive.extract(entry) { part.append($0) }
                    opened.append(part)
                }
            }
        }
        let missing = Set(Self.markers.map(\.name)).subtracting(Self.present(in: opened))
        #expect(missing == [], "the sealed files lack \(missing.sorted())")
        // A wrong passphrase opens nothing.
        let wrong = try MembersKey(passphrase: "pas la bonne phrase", baseURL: "https://canari.example/")
        let manifest = try Data(contentsOf: output.appendingPathComponent("members/manifest.json.enc"))
        #expect(throws: (any Error).self) { try wrong.open(manifest, path: "members/manifest.json.enc") }
    }

    @Test("beside a separate members' tree, the public tree holds none, and the members' tree holds them all")
    func separateTree() throws {
        let root = try Self.workspace()
        defer { try? FileManager.default.removeItem(at: root) }
        let site = root.appendingPathComponent("Content/site.yaml")
        try Data((String(decoding: try Data(contentsOf: site), as: UTF8.self) + "members:\n  mode: separate\n").utf8).write(to: site)
        try Self.build(root, ["--members-output", "Members"])
        let leaks = try Self.leaks(in: root.appendingPathComponent("Output"))
        #expect(leaks == [], "\(leaks.joined(separator: "\n"))")
        let members = root.appendingPathComponent("Members")
        let missing = Set(Self.markers.map(\.name)).subtracting(Self.present(in: try Self.files(in: members).map(\.1)))
        #expect(missing == [], "the members' tree lacks \(missing.sorted())")
        let robots = String(decoding: try Data(contentsOf: members.appendingPathComponent("robots.txt")), as: UTF8.self)
        #expect(robots == "User-agent: *\nDisallow: /\n")
    }
}
