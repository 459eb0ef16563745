import Testing
@testable import PortailKit

/// Translated patterns filled in one pass: what the dates and messages of every page go through.
@Suite("Placeholders")
struct PlaceholdersTests {
    @Test func fillsEachPlaceholderOnce() {
        let values = ["day": "5", "month": "décembre", "year": "2026", "weekday": "{day}"]
        #expect(Placeholders.fill("{weekday} {day} {month} {year}") { values[String($0)] } == "{day} 5 décembre 2026")
    }

    @Test func leavesUnknownAndUnclosedPlaceholdersAsWritten() {
        #expect(Placeholders.fill("{day} {unknown} fin") { $0 == "day" ? "1er" : nil } == "1er {unknown} fin")
        #expect(Placeholders.fill("a {day} b {day") { $0 == "day" ? "5" : nil } == "a 5 b {day")
        #expect(Placeholders.fill("sans accolades") { _ in "x" } == "sans accolades")
        #expect(Placeholders.fill("{}{day}") { $0.isEmpty ? "vide" : "5" } == "vide5")
    }
}
