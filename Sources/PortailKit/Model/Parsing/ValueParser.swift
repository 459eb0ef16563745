import Foundation

/// Turns one source cell into a typed ``Value`` for its field, or says why it cannot.
///
/// Validation and every renderer use the same parser, so a file that validates renders exactly
/// as checked. Cells are parsed from their UTF-8 bytes: only text values become Strings, which
/// keeps a 600,000-row file to a few seconds. Missing values (empty cells) are handled by the
/// caller, before parsing.
public struct ValueParser: Sendable {
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
    public var zone = ValueParser.paris
    /// Splits a text cell into several values (a multi-valued field).
    public var separator: String?

    public static let defaultTrueValues: Set<String> = ["true", "vrai", "oui", "yes", "1"]
    public static let defaultFalseValues: Set<String> = ["false", "faux", "non", "no", "0"]
    static let paris = ZoneOffsets(TimeZone(identifier: "Europe/Paris")!)

    public init(type: FieldType) {
        self.type = type
    }

    /// Sets the zone of date-times written without an offset.
    public var timeZone: TimeZone {
        get { zone.zone }
        set { zone = ZoneOffsets(newValue) }
    }

    public func parse(_ cell: String) -> Result<Value, ParseFailure> {
        var cell = cell
        return cell.withUTF8 { parse(utf8: $0) }
    }

    /// Parses a cell from its UTF-8 bytes.
    public func parse(utf8 bytes: UnsafeBufferPointer<UInt8>) -> Result<Value, ParseFailure> {
        switch type {
        case .string: return parseString(String(decoding: bytes, as: UTF8.self))
        case .integer: return parseInteger(bytes)
        case .number: return parseNumber(bytes)
        case .boolean: return parseBoolean(bytes)
        case .date: return parseDate(bytes)
        case .datetime: return parseDateTime(bytes)
        case .time: return parseTime(bytes)
        case .year: return parseYear(bytes)
        case .yearmonth: return parseYearMonth(bytes)
        case .geopoint: return parseGeopoint(bytes)
        }
    }

    private func text(_ bytes: UnsafeBufferPointer<UInt8>) -> String {
        String(decoding: bytes, as: UTF8.self)
    }

    // MARK: - Text

    private func parseString(_ cell: String) -> Result<Value, ParseFailure> {
        switch textFormat {
        case .plain:
            guard let separator else { return .success(.string(cell)) }
            let items = cell.components(separatedBy: separator).map { $0.trimmingWhitespace() }
                .filter { !$0.isEmpty }
            return .success(.list(items))
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
            // Links are followed by visitors: javascript:, data: and the like run code or
            // hide content, so only web and mail addresses are published.
            guard SafeURL.isAllowed(cell) else {
                return .failure(ParseFailure("\"\(cell)\" is not an http, https or mailto URL",
                                             hint: "links may only use http://, https:// or mailto:"))
            }
            return .success(.string(cell))
        }
    }

    // MARK: - Numbers

    private func parseInteger(_ bytes: UnsafeBufferPointer<UInt8>) -> Result<Value, ParseFailure> {
        switch NumberSyntax.parse(bytes, decimal: decimal, allowExponent: false) {
        case .success(let n) where !n.percent:
            // Spreadsheets write whole numbers as `1533.0`: a zero fraction is still an integer.
            guard n.fractionIsZero else {
                return .failure(ParseFailure("\"\(text(bytes))\" is not an integer: it has a fractional part",
                                             hint: "declare the field as 'number' if decimals are expected"))
            }
            let magnitude = n.fractionDigits == 0 ? n.mantissa : n.integerPart
            guard !n.overflow || n.fractionDigits > 0, magnitude <= UInt64(Int.max), !(n.overflow && n.fractionDigits == 0) else {
                return .failure(ParseFailure("\"\(text(bytes))\" is too large for an integer",
                                             hint: "declare the field as 'number', or as 'string' for an identifier"))
            }
            return .success(.integer(n.negative ? -Int(magnitude) : Int(magnitude)))
        case .success:
            return .failure(ParseFailure("\"\(text(bytes))\" is not an integer", hint: "declare the field as 'number' for percentages"))
        case .failure(let failure):
            return .failure(numberFailure(text(bytes), failure, expected: "an integer"))
        }
    }

    private func parseNumber(_ bytes: UnsafeBufferPointer<UInt8>) -> Result<Value, ParseFailure> {
        switch NumberSyntax.parse(bytes, decimal: decimal, allowExponent: true) {
        case .success(let n):
            guard let value = NumberSyntax.double(n, source: bytes), value.isFinite else {
                return .failure(ParseFailure("\"\(text(bytes))\" is out of range for a number"))
            }
            return .success(.number(value == 0 ? 0 : value))  // no negative zero in exports
        case .failure(let failure):
            return .failure(numberFailure(text(bytes), failure, expected: "a number"))
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

    private func parseBoolean(_ bytes: UnsafeBufferPointer<UInt8>) -> Result<Value, ParseFailure> {
        let trimmed = Trim.spaces(bytes)
        let word = trimmed.allSatisfy({ $0 < 0x80 })
            ? String(decoding: trimmed.lazy.map { $0 &- 0x41 < 26 ? $0 | 0x20 : $0 }, as: UTF8.self)
            : text(trimmed).lowercased()
        if trueValues.contains(word) { return .success(.boolean(true)) }
        if falseValues.contains(word) { return .success(.boolean(false)) }
        return .failure(ParseFailure("\"\(text(bytes))\" is not a boolean",
                                     hint: "accepted: \(trueValues.sorted().joined(separator: ", ")) / \(falseValues.sorted().joined(separator: ", ")); set true_values and false_values on the field for others"))
    }

    // MARK: - Dates and times

    private func parseDate(_ bytes: UnsafeBufferPointer<UInt8>) -> Result<Value, ParseFailure> {
        let trimmed = Trim.spaces(bytes)
        switch dateFormat {
        case .standard:
            if let day = DateSyntax.isoDay(trimmed) ?? DateSyntax.frenchDay(trimmed) { return .success(.date(day)) }
            return .failure(ParseFailure("\"\(text(bytes))\" is not a date",
                                         hint: "write dates as 2026-12-05 or 05/12/2026, or give the field a format such as '%d.%m.%Y'"))
        case .pattern(let pattern):
            guard let c = pattern.match(text(trimmed)), let day = Day(year: c.year, month: c.month, day: c.day) else {
                return .failure(ParseFailure("\"\(text(bytes))\" is not a date in the format '\(pattern.text)'"))
            }
            return .success(.date(day))
        }
    }

    private func parseDateTime(_ bytes: UnsafeBufferPointer<UInt8>) -> Result<Value, ParseFailure> {
        let trimmed = Trim.spaces(bytes)
        var parsed: DateSyntax.DateTimeParts?
        switch dateFormat {
        case .standard:
            parsed = DateSyntax.isoDateTime(trimmed) ?? DateSyntax.frenchDateTime(trimmed)
        case .pattern(let pattern):
            if let c = pattern.match(text(trimmed)), let day = Day(year: c.year, month: c.month, day: c.day) {
                parsed = DateSyntax.DateTimeParts(day: day, seconds: c.hour * 3600 + c.minute * 60 + c.second, offset: nil)
            }
        }
        guard let parsed, parsed.seconds < 86_400 else {
            return .failure(ParseFailure("\"\(text(bytes))\" is not a date and time",
                                         hint: "write it as 2026-12-05T20:30:00+01:00, or 2026-12-05T20:30 in the site's time zone"))
        }
        let local = parsed.day.daysSinceEpoch * 86_400 + parsed.seconds
        if let offset = parsed.offset {
            return .success(.datetime(DateTime(epochSeconds: local - offset, offsetSeconds: offset)))
        }
        let (epoch, shown) = zone.resolve(local: local)
        return .success(.datetime(DateTime(epochSeconds: epoch, offsetSeconds: shown)))
    }

    private func parseTime(_ bytes: UnsafeBufferPointer<UInt8>) -> Result<Value, ParseFailure> {
        guard let seconds = DateSyntax.clock(Trim.spaces(bytes)) else {
            return .failure(ParseFailure("\"\(text(bytes))\" is not a time", hint: "write times as 20:30 or 20:30:00"))
        }
        return .success(.time(seconds))
    }

    private func parseYear(_ bytes: UnsafeBufferPointer<UInt8>) -> Result<Value, ParseFailure> {
        guard case .success(.integer(let year)) = parseInteger(bytes), (1...9999).contains(year) else {
            return .failure(ParseFailure("\"\(text(bytes))\" is not a year"))
        }
        return .success(.year(year))
    }

    private func parseYearMonth(_ bytes: UnsafeBufferPointer<UInt8>) -> Result<Value, ParseFailure> {
        let b = Trim.spaces(bytes)
        guard b.count == 7, b[4] == UInt8(ascii: "-"), let y = DateSyntax.digits(b, 0, 4), let m = DateSyntax.digits(b, 5, 2),
              (1...12).contains(m), y > 0 else {
            return .failure(ParseFailure("\"\(text(bytes))\" is not a year and month", hint: "write it as 2026-12"))
        }
        return .success(.yearMonth(year: y, month: m))
    }

    // MARK: - Geography

    private func parseGeopoint(_ bytes: UnsafeBufferPointer<UInt8>) -> Result<Value, ParseFailure> {
        let cell = text(bytes)
        var text = cell.trimmingWhitespace()
        if text.hasPrefix("[") && text.hasSuffix("]") { text = String(text.dropFirst().dropLast()) }
        let parts = text.split(separator: ",", omittingEmptySubsequences: false)
            .map { $0.trimmingWhitespace() }
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

    /// The UTC offset of a wall-clock time in a zone (see ``ZoneOffsets/offset(ofLocal:)``).
    public static func offset(ofLocalSeconds local: Int, in zone: TimeZone) -> Int {
        ZoneOffsets.offset(ofLocal: local, in: zone)
    }
}
