import Foundation

/// Turns one source cell into a typed ``Value`` for its field, or says why it cannot.
///
/// Validation and every renderer use the same parser, so a file that validates renders exactly
/// as checked. Missing values (empty cells) are handled by the caller, before parsing.
public struct ValueParser: Sendable, Hashable {
    public enum DateFormat: Sendable, Hashable {
        /// ISO 8601 (`2026-12-05`), or the French day-first form (`05/12/2026`).
        case standard
        case pattern(DatePattern)
    }

    public enum GeoOrder: Sendable, Hashable {
        /// Frictionless' default for `geopoint`: `"lon, lat"`.
        case lonLat
        /// `"lat, lon"`, as French portals (and the CNC's files) write them.
        case latLon
    }

    public enum TextFormat: Sendable, Hashable {
        case plain, email, uri
    }

    public let type: FieldType
    public var decimal: DecimalMark = .auto
    public var dateFormat: DateFormat = .standard
    public var geoOrder: GeoOrder = .lonLat
    public var textFormat: TextFormat = .plain
    /// Lower-cased words read as true and false.
    public var trueValues: Set<String> = ValueParser.defaultTrueValues
    public var falseValues: Set<String> = ValueParser.defaultFalseValues
    /// Zone of date-times written without an offset.
    public var timeZone: TimeZone = TimeZone(identifier: "Europe/Paris")!

    public static let defaultTrueValues: Set<String> = ["true", "vrai", "oui", "yes", "1"]
    public static let defaultFalseValues: Set<String> = ["false", "faux", "non", "no", "0"]

    public init(type: FieldType) {
        self.type = type
    }

    public func parse(_ cell: String) -> Result<Value, ParseFailure> {
        switch type {
        case .string: return parseString(cell)
        case .integer: return parseInteger(cell)
        case .number: return parseNumber(cell)
        case .boolean: return parseBoolean(cell)
        case .date: return parseDate(cell)
        case .datetime: return parseDateTime(cell)
        case .time: return parseTime(cell)
        case .year: return parseYear(cell)
        case .yearmonth: return parseYearMonth(cell)
        case .geopoint: return parseGeopoint(cell)
        }
    }

    // MARK: - Text

    private func parseString(_ cell: String) -> Result<Value, ParseFailure> {
        switch textFormat {
        case .plain:
            return .success(.string(cell))
        case .email:
            let parts = cell.split(separator: "@", omittingEmptySubsequences: false)
            guard parts.count == 2, !parts[0].isEmpty, parts[1].contains("."), !cell.contains(" ") else {
                return .failure(ParseFailure("\"\(cell)\" is not an e-mail address"))
            }
            return .success(.string(cell))
        case .uri:
            guard let scheme = cell.split(separator: ":", maxSplits: 1).first, scheme.count < cell.count,
                  scheme.allSatisfy({ $0.isLetter || $0 == "+" || $0 == "-" || $0 == "." }), !cell.contains(" ") else {
                return .failure(ParseFailure("\"\(cell)\" is not a URL", hint: "write it with its scheme, such as https://"))
            }
            return .success(.string(cell))
        }
    }

    // MARK: - Numbers

    private func parseInteger(_ cell: String) -> Result<Value, ParseFailure> {
        switch NumberSyntax.parse(cell, decimal: decimal, allowExponent: false) {
        case .success(let n) where !n.percent:
            // Spreadsheets write whole numbers as `1533.0`: a zero fraction is still an integer.
            guard n.fractionDigits.allSatisfy({ $0 == UInt8(ascii: "0") }) else {
                return .failure(ParseFailure("\"\(cell)\" is not an integer: it has a fractional part",
                                             hint: "declare the field as 'number' if decimals are expected"))
            }
            let digits = String(decoding: n.integerDigits.isEmpty ? [UInt8(ascii: "0")] : n.integerDigits, as: UTF8.self)
            guard let value = Int((n.negative ? "-" : "") + digits) else {
                return .failure(ParseFailure("\"\(cell)\" is too large for an integer",
                                             hint: "declare the field as 'number', or as 'string' for an identifier"))
            }
            return .success(.integer(value))
        case .success:
            return .failure(ParseFailure("\"\(cell)\" is not an integer", hint: "declare the field as 'number' for percentages"))
        case .failure(let failure):
            return .failure(numberFailure(cell, failure, expected: "an integer"))
        }
    }

    private func parseNumber(_ cell: String) -> Result<Value, ParseFailure> {
        switch NumberSyntax.parse(cell, decimal: decimal, allowExponent: true) {
        case .success(let n):
            var text = n.negative ? "-" : ""
            text += n.integerDigits.isEmpty ? "0" : String(decoding: n.integerDigits, as: UTF8.self)
            if !n.fractionDigits.isEmpty { text += "." + String(decoding: n.fractionDigits, as: UTF8.self) }
            if let exponent = n.exponent { text += "e" + exponent }
            guard let value = Double(text), value.isFinite else {
                return .failure(ParseFailure("\"\(cell)\" is out of range for a number"))
            }
            return .success(.number(value == 0 ? 0 : value))  // no negative zero in exports
        case .failure(let failure):
            return .failure(numberFailure(cell, failure, expected: "a number"))
        }
    }

    private func numberFailure(_ cell: String, _ failure: NumberSyntax.Failure, expected: String) -> ParseFailure {
        switch failure {
        case .notANumber:
            return ParseFailure("\"\(cell)\" is not \(expected)")
        case .ambiguousSeparators:
            return ParseFailure("\"\(cell)\" mixes '.' and ',' as separators",
                                hint: "thousands must be separated by spaces; set source.decimal to '.' or ','")
        case .wrongDecimalMark(let found):
            return ParseFailure("\"\(cell)\" uses '\(found)' as decimal mark, but source.decimal is '\(decimal.rawValue)'",
                                hint: "set source.decimal to '\(found)', or remove it to accept both")
        }
    }

    // MARK: - Booleans

    private func parseBoolean(_ cell: String) -> Result<Value, ParseFailure> {
        let word = cell.trimmingCharacters(in: .whitespaces).lowercased()
        if trueValues.contains(word) { return .success(.boolean(true)) }
        if falseValues.contains(word) { return .success(.boolean(false)) }
        return .failure(ParseFailure("\"\(cell)\" is not a boolean",
                                     hint: "accepted: \(trueValues.sorted().joined(separator: ", ")) / \(falseValues.sorted().joined(separator: ", ")); set true_values and false_values on the field for others"))
    }

    // MARK: - Dates and times

    private func parseDate(_ cell: String) -> Result<Value, ParseFailure> {
        let text = cell.trimmingCharacters(in: .whitespaces)
        switch dateFormat {
        case .standard:
            if let day = Day(iso: text) { return .success(.date(day)) }
            if let c = ValueParser.frenchDate.match(text), let day = Day(year: c.year, month: c.month, day: c.day) {
                return .success(.date(day))
            }
            return .failure(ParseFailure("\"\(cell)\" is not a date",
                                         hint: "write dates as 2026-12-05 or 05/12/2026, or give the field a format such as '%d.%m.%Y'"))
        case .pattern(let pattern):
            guard let c = pattern.match(text), let day = Day(year: c.year, month: c.month, day: c.day) else {
                return .failure(ParseFailure("\"\(cell)\" is not a date in the format '\(pattern.text)'"))
            }
            return .success(.date(day))
        }
    }

    private func parseDateTime(_ cell: String) -> Result<Value, ParseFailure> {
        let text = cell.trimmingCharacters(in: .whitespaces)
        var components: DatePattern.Components?
        var offset: Int?
        switch dateFormat {
        case .standard:
            if let (c, o) = ValueParser.isoDateTime(text) {
                components = c
                offset = o
            } else {
                components = ValueParser.frenchDateTime.match(text) ?? ValueParser.frenchDateTimeSeconds.match(text)
            }
        case .pattern(let pattern):
            components = pattern.match(text)
        }
        guard let c = components, let day = Day(year: c.year, month: c.month, day: c.day),
              c.hour < 24, c.minute < 60, c.second < 60 else {
            return .failure(ParseFailure("\"\(cell)\" is not a date and time",
                                         hint: "write it as 2026-12-05T20:30:00+01:00, or 2026-12-05T20:30 in the site's time zone"))
        }
        let localSeconds = day.daysSinceEpoch * 86_400 + c.hour * 3600 + c.minute * 60 + c.second
        if let offset {
            return .success(.datetime(DateTime(epochSeconds: localSeconds - offset, offsetSeconds: offset)))
        }
        // A skipped wall time resolves to an instant whose real offset differs from the one used
        // to find it; show it with the real one (02:30 on the spring change becomes 03:30+02:00).
        let epoch = localSeconds - ValueParser.offset(ofLocalSeconds: localSeconds, in: timeZone)
        let shown = timeZone.secondsFromGMT(for: Date(timeIntervalSince1970: TimeInterval(epoch)))
        return .success(.datetime(DateTime(epochSeconds: epoch, offsetSeconds: shown)))
    }

    private func parseTime(_ cell: String) -> Result<Value, ParseFailure> {
        let text = cell.trimmingCharacters(in: .whitespaces)
        let parts = text.split(separator: ":", omittingEmptySubsequences: false)
        guard (2...3).contains(parts.count), parts.allSatisfy({ $0.count == 2 && $0.allSatisfy(\.isASCIIDigit) }),
              let h = Int(parts[0]), let m = Int(parts[1]), h < 24, m < 60 else {
            return .failure(ParseFailure("\"\(cell)\" is not a time", hint: "write times as 20:30 or 20:30:00"))
        }
        let s = parts.count == 3 ? Int(parts[2]) ?? 60 : 0
        guard s < 60 else { return .failure(ParseFailure("\"\(cell)\" is not a time")) }
        return .success(.time(h * 3600 + m * 60 + s))
    }

    private func parseYear(_ cell: String) -> Result<Value, ParseFailure> {
        guard case .success(.integer(let year)) = parseInteger(cell), (1...9999).contains(year) else {
            return .failure(ParseFailure("\"\(cell)\" is not a year"))
        }
        return .success(.year(year))
    }

    private func parseYearMonth(_ cell: String) -> Result<Value, ParseFailure> {
        let parts = cell.trimmingCharacters(in: .whitespaces).split(separator: "-")
        guard parts.count == 2, parts[0].count == 4, parts[1].count == 2,
              let y = Int(parts[0]), let m = Int(parts[1]), (1...12).contains(m) else {
            return .failure(ParseFailure("\"\(cell)\" is not a year and month", hint: "write it as 2026-12"))
        }
        return .success(.yearMonth(year: y, month: m))
    }

    // MARK: - Geography

    private func parseGeopoint(_ cell: String) -> Result<Value, ParseFailure> {
        var text = cell.trimmingCharacters(in: .whitespaces)
        if text.hasPrefix("[") && text.hasSuffix("]") { text = String(text.dropFirst().dropLast()) }
        let parts = text.split(separator: ",", omittingEmptySubsequences: false)
            .map { $0.trimmingCharacters(in: .whitespaces) }
        let order = geoOrder == .latLon ? "\"lat, lon\"" : "\"lon, lat\""
        guard parts.count == 2, let first = Double(parts[0]), let second = Double(parts[1]) else {
            return .failure(ParseFailure("\"\(cell)\" is not a point written as \(order)",
                                         hint: "decimals use '.', and the two numbers are separated by ','"))
        }
        let (latitude, longitude) = geoOrder == .latLon ? (first, second) : (second, first)
        guard (-90...90).contains(latitude), (-180...180).contains(longitude) else {
            let swapped = (-90...90).contains(longitude) && (-180...180).contains(latitude)
            return .failure(ParseFailure("\"\(cell)\" is out of range: latitude \(latitude), longitude \(longitude)",
                                         hint: swapped ? "the coordinates look swapped: set the field's format to \(geoOrder == .latLon ? "'lon, lat'" : "'lat, lon'")" : nil))
        }
        return .success(.geopoint(latitude: latitude, longitude: longitude))
    }

    // MARK: - Shared patterns

    static let frenchDate = DatePattern("%d/%m/%Y")!
    static let frenchDateTime = DatePattern("%d/%m/%Y %H:%M")!
    static let frenchDateTimeSeconds = DatePattern("%d/%m/%Y %H:%M:%S")!

    /// `YYYY-MM-DD[T ]HH:MM[:SS[.fraction]][Z|±HH:MM|±HHMM]`; the fraction is dropped.
    static func isoDateTime(_ text: String) -> (DatePattern.Components, Int?)? {
        let chars = Array(text)
        guard chars.count >= 16, chars[10] == "T" || chars[10] == " ",
              let day = Day(iso: String(chars[0..<10])) else { return nil }
        var rest = chars[11...]
        var offset: Int?
        if rest.last == "Z" {
            offset = 0
            rest = rest.dropLast()
        } else if let signIndex = rest.lastIndex(where: { $0 == "+" || $0 == "-" }) {
            let zone = String(rest[(signIndex + 1)...]).replacingOccurrences(of: ":", with: "")
            guard zone.count == 4, let hh = Int(zone.prefix(2)), let mm = Int(zone.suffix(2)), hh < 24, mm < 60 else { return nil }
            offset = (hh * 3600 + mm * 60) * (rest[signIndex] == "-" ? -1 : 1)
            rest = rest[..<signIndex]
        }
        var clock = String(rest)
        if let dot = clock.firstIndex(of: ".") { clock = String(clock[..<dot]) }
        let parts = clock.split(separator: ":", omittingEmptySubsequences: false)
        guard (2...3).contains(parts.count), parts.allSatisfy({ $0.count == 2 && $0.allSatisfy(\.isASCIIDigit) }) else { return nil }
        var c = DatePattern.Components()
        c.year = day.year
        c.month = day.month
        c.day = day.day
        c.hour = Int(parts[0])!
        c.minute = Int(parts[1])!
        c.second = parts.count == 3 ? Int(parts[2])! : 0
        c.hasDate = true
        c.hasTime = true
        return (c, offset)
    }

    /// The UTC offset of a wall-clock time in a zone, with RFC 5545's rules for the hours that
    /// daylight-saving changes skip or repeat: a skipped time (02:30 on the spring change) is
    /// read with the offset before the change (so it is 03:30 summer time), and a repeated time
    /// (02:30 on the autumn change) is its first occurrence.
    public static func offset(ofLocalSeconds local: Int, in zone: TimeZone) -> Int {
        func offsetAt(_ instant: Int) -> Int {
            zone.secondsFromGMT(for: Date(timeIntervalSince1970: TimeInterval(instant)))
        }
        let before = offsetAt(local - 43_200)
        let after = offsetAt(local + 43_200)
        let consistent = [before, after].filter { offsetAt(local - $0) == $0 }
        if let first = consistent.max() { return first }  // the larger offset is the earlier instant
        return min(before, after)
    }
}
