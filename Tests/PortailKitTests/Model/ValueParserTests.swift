import Foundation
import Testing
@testable import PortailKit

/// Type parsing on the quirks of real French open-data files (shared/data/SOURCES.md).
@Suite("Parsing cells into typed values")
struct ValueParserTests {
    static let paris = TimeZone(identifier: "Europe/Paris")!

    func parse(_ cell: String, _ type: FieldType, decimal: DecimalMark = .auto,
               configure: (inout ValueParser) -> Void = { _ in }) -> Result<Value, ParseFailure> {
        var parser = ValueParser(type: type)
        parser.decimal = decimal
        parser.timeZone = Self.paris
        configure(&parser)
        return parser.parse(cell)
    }

    @Test("integers written as floats, with space or no-break-space thousands", arguments: [
        ("1533.0", 1533), ("1533", 1533), ("1 533", 1533), ("1\u{00A0}533", 1533), ("1\u{202F}533", 1533),
        ("10949158.0", 10_949_158), ("-12", -12), ("+7", 7), ("0.0", 0), ("1533,0", 1533), (" 42 ", 42),
    ])
    func integers(cell: String, expected: Int) {
        #expect(parse(cell, .integer) == .success(.integer(expected)))
    }

    @Test("integers refuse fractions and text", arguments: ["1533.5", "abc", "1 5x3", "1.2.3", "", "1 53 3x", "12 %"])
    func badIntegers(cell: String) throws {
        #expect(throws: ParseFailure.self) { try parse(cell, .integer).get() }
    }

    @Test("decimal commas and points, percent signs", arguments: [
        ("21.88374958002015", 21.88374958002015), ("21,5", 21.5), ("1 234,56", 1234.56), ("-0,25", -0.25),
        ("18,5%", 18.5), ("18,5 %", 18.5), ("1e3", 1000), ("-11.025266235122155", -11.025266235122155),
    ])
    func numbers(cell: String, expected: Double) {
        #expect(parse(cell, .number) == .success(.number(expected)))
    }

    @Test("a declared decimal mark refuses the other one")
    func declaredDecimal() throws {
        #expect(parse("21,5", .number, decimal: .comma) == .success(.number(21.5)))
        let failure = try #require(parse("21.5", .number, decimal: .comma).failureValue)
        #expect(failure.message == "\"21.5\" uses '.' as decimal mark, but source.decimal is ','")
        #expect(parse("1.234,5", .number).failureValue?.message == "\"1.234,5\" mixes '.' and ',' as separators")
    }

    @Test("booleans in French and English", arguments: [
        ("OUI", true), ("NON", false), ("oui", true), ("1", true), ("0", false), ("true", true), ("Faux", false),
    ])
    func booleans(cell: String, expected: Bool) {
        #expect(parse(cell, .boolean) == .success(.boolean(expected)))
    }

    @Test("dates: ISO, French day-first, and patterns")
    func dates() throws {
        #expect(parse("2023-06-08", .date) == .success(.date(Day(year: 2023, month: 6, day: 8)!)))
        #expect(parse("08/06/2023", .date) == .success(.date(Day(year: 2023, month: 6, day: 8)!)))
        #expect(parse("2023-02-29", .date).failureValue != nil)
        #expect(parse("31/04/2023", .date).failureValue != nil)
        let dotted = parse("08.06.2023", .date) { $0.dateFormat = .pattern(DatePattern("%d.%m.%Y")!) }
        #expect(dotted == .success(.date(Day(year: 2023, month: 6, day: 8)!)))
    }

    @Test("date-times without offset take the site's zone, across daylight-saving changes")
    func dateTimes() throws {
        func iso(_ cell: String) -> String? {
            guard case .success(.datetime(let dt)) = parse(cell, .datetime) else { return nil }
            return MachineFormat.text(.datetime(dt))
        }
        #expect(iso("2026-12-05T20:30") == "2026-12-05T20:30:00+01:00")
        #expect(iso("2026-07-05 20:30:15") == "2026-07-05T20:30:15+02:00")
        #expect(iso("2026-07-05T20:30:00Z") == "2026-07-05T20:30:00Z")
        #expect(iso("2026-07-05T20:30:00-04:00") == "2026-07-05T20:30:00-04:00")
        #expect(iso("05/12/2026 20:30") == "2026-12-05T20:30:00+01:00")
        // 29 March 2026, 02:30 does not exist in Paris: read with the winter offset, it is 03:30 summer time.
        #expect(iso("2026-03-29T02:30") == "2026-03-29T03:30:00+02:00")
        // 25 October 2026, 02:30 happens twice: the first one (summer time) is meant.
        #expect(iso("2026-10-25T02:30") == "2026-10-25T02:30:00+02:00")
    }

    @Test("codes declared as strings keep their leading zeros")
    func codes() {
        for code in ["01053", "035", "2A", "00851", "0350122T"] {
            #expect(parse(code, .string) == .success(.string(code)))
        }
    }

    @Test("geopoints in both orders, with range checks and a swap hint")
    func geopoints() throws {
        #expect(parse("48.869654, 2.306873", .geopoint) { $0.geoOrder = .latLon }
                == .success(.geopoint(latitude: 48.869654, longitude: 2.306873)))
        #expect(parse("2.306873, 48.869654", .geopoint) == .success(.geopoint(latitude: 48.869654, longitude: 2.306873)))
        let swapped = try #require(parse("148.8, 2.3", .geopoint) { $0.geoOrder = .latLon }.failureValue)
        #expect(swapped.hint == "the coordinates look swapped: set the field's format to 'lon, lat'")
    }

    @Test("years, year-months and times")
    func others() {
        #expect(parse("2022.0", .year) == .success(.year(2022)))
        #expect(parse("2026-12", .yearmonth) == .success(.yearMonth(year: 2026, month: 12)))
        #expect(parse("20:30", .time) == .success(.time(73_800)))
        #expect(parse("25:00", .time).failureValue != nil)
    }
}

extension Result {
    var failureValue: Failure? {
        if case .failure(let failure) = self { return failure }
        return nil
    }
}
