import Foundation
import Testing
@testable import PortailKit

/// The default theme's contract: translations in step, every string a template asks for
/// present, and French formatting as French readers expect it.
@Suite("Default theme and formatting")
struct ThemeContractTests {
    static let theme = Fixtures.defaultTheme

    func localization(_ language: String) throws -> Localization {
        let file = try #require(SourceFile.read(Self.theme.appendingPathComponent("i18n/\(language).yaml"), displayPath: "\(language).yaml"))
        let (localization, problems) = Localization.read(file, language: language)
        #expect(problems.isEmpty, "\(problems)")
        return try #require(localization)
    }

    @Test("French and English translations have the same keys")
    func translationsInStep() throws {
        let fr = try localization("fr"), en = try localization("en")
        #expect(Set(fr.strings.keys).subtracting(en.strings.keys).sorted() == [])
        #expect(Set(en.strings.keys).subtracting(fr.strings.keys).sorted() == [])
    }

    @Test("every {{t.key}} of the templates exists in the translations")
    func templatesUseKnownStrings() throws {
        let fr = try localization("fr")
        let folder = Self.theme.appendingPathComponent("templates")
        let files = FileManager.default.enumerator(atPath: folder.path)?.compactMap { $0 as? String }.filter { $0.hasSuffix(".mustache") } ?? []
        #expect(!files.isEmpty)
        let pattern = try Regex(#"\{\{\s*t\.([a-z0-9_]+)\s*\}\}"#)
        for file in files.sorted() {
            let text = try String(contentsOf: folder.appendingPathComponent(file), encoding: .utf8)
            for match in text.matches(of: pattern) {
                let key = String(text[match.range].dropFirst(4).dropLast(2)).trimmingCharacters(in: .whitespaces)
                #expect(fr.strings[key] != nil, "\(file) uses t.\(key), which fr.yaml lacks")
            }
        }
    }

    @Test("numbers and dates the French way")
    func frenchFormatting() throws {
        let format = DisplayFormat(try localization("fr"))
        #expect(format.integer(1533) == "1\u{202F}533")
        #expect(format.integer(10_949_158) == "10\u{202F}949\u{202F}158")
        #expect(format.integer(-42) == "-42")
        #expect(format.number(21.5) == "21,5")
        #expect(format.number(1234.56) == "1\u{202F}234,56")
        #expect(format.date(Day(year: 2026, month: 12, day: 5)!) == "5 déc. 2026")
        #expect(format.date(Day(year: 2026, month: 5, day: 1)!) == "1er mai 2026")
        #expect(format.longDate(Day(year: 2026, month: 12, day: 5)!) == "samedi 5 décembre 2026")
        #expect(format.longDate(Day(year: 2026, month: 12, day: 1)!) == "mardi 1er décembre 2026")
        #expect(format.dateTime(DateTime(epochSeconds: 1_796_499_000, offsetSeconds: 3600)) == "5 déc. 2026 à 20:30")
        #expect(format.byteSize(845_305) == "845\u{00A0}Ko")
        #expect(format.byteSize(12_345_678) == "12,3\u{00A0}Mo")
        #expect(format.value(.boolean(true)) == "Oui")
        #expect(format.value(.yearMonth(year: 2026, month: 12)) == "décembre 2026")
    }

    @Test("plurals: French counts 0 and 1 as singular, English only 1")
    func plurals() throws {
        let fr = try localization("fr"), en = try localization("en")
        #expect(fr.plural("records", 0) == "0 enregistrement")
        #expect(fr.plural("records", 2061) == "2\u{202F}061 enregistrements")
        #expect(en.plural("records", 0) == "0 records")
        #expect(en.plural("records", 1) == "1 record")
    }

    @Test("machine formats in data files")
    func machineFormats() {
        #expect(MachineFormat.number(1533) == "1533")
        #expect(MachineFormat.number(21.88374958002015) == "21.88374958002015")
        #expect(MachineFormat.text(.geopoint(latitude: 48.87, longitude: 2.31), geoOrder: .latLon) == "48.87, 2.31")
        #expect(MachineFormat.text(.datetime(DateTime(epochSeconds: 1_796_499_000, offsetSeconds: 3600))) == "2026-12-05T20:30:00+01:00")
        #expect(JSONText.string("</script> \"é\"\n") == #""\u003c/script> \"é\"\n""#)
    }
}
