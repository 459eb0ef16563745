import Yams

/// The interface language of the portal: the theme's translation file (`i18n/<lang>.yaml`),
/// with its strings and the rules for writing numbers and dates.
public struct Localization: Sendable {
    public let language: String
    /// BCP 47 tag for `Intl` in the browser and `lang` attributes (`fr-FR`).
    public let tag: String
    public let strings: [String: String]
    public let decimalSeparator: String
    public let groupSeparator: String
    public let months: [String]
    public let monthsShort: [String]
    /// Patterns with `{day}`, `{month}`, `{month_short}`, `{year}`, `{date}`, `{time}`.
    public let datePattern: String
    public let monthYearPattern: String
    public let dateTimePattern: String
    /// How the first day of a month is written (`1er` in French).
    public let firstDay: String
    /// Monday first.
    public let weekdays: [String]
    /// `{weekday} {day} {month} {year}`: headings of the agenda's days.
    public let longDatePattern: String
    /// French counts 0 and 1 as singular, English only 1.
    public let zeroIsSingular: Bool
    /// The site's interface languages, the default first, when its pages are rendered in
    /// several (`languages:` in site.yaml); empty otherwise. Set on the localizations pages
    /// are rendered with: the language switch and `hreflang` links come from it.
    public internal(set) var siteLanguages: [SiteLanguage] = []

    /// The folder of this language's pages: `""` for the default language, `en/` for English.
    var pathPrefix: String { siteLanguages.first.map { $0.code == language ? "" : language + "/" } ?? "" }

    /// The localizations to render a site's pages with, in the order of `codes` (the default
    /// first), each knowing the others.
    static func site(_ codes: [String], from all: [String: Localization]) -> [Localization] {
        let chosen = codes.compactMap { all[$0] }
        guard chosen.count > 1 else { return chosen }
        let languages = chosen.map { SiteLanguage(code: $0.language, tag: $0.tag, name: $0.strings["language_name"] ?? $0.language) }
        return chosen.map { locale in
            var locale = locale
            locale.siteLanguages = languages
            return locale
        }
    }

    /// A string by key; a missing key is a theme bug caught by the translation tests, shown as
    /// the key itself rather than as nothing.
    public subscript(_ key: String) -> String { strings[key] ?? key }

    /// A string with `{name}` placeholders filled.
    public func format(_ key: String, _ values: [String: String]) -> String {
        Placeholders.fill(self[key]) { values[String($0)] }
    }

    /// `key_one` or `key_other` by count, with `{n}` filled with the formatted count.
    public func plural(_ key: String, _ count: Int) -> String {
        let singular = count == 1 || (zeroIsSingular && count == 0)
        return format(singular ? "\(key)_one" : "\(key)_other", ["n": DisplayFormat(self).integer(count)])
    }

    /// Reads a translation file; every problem is reported against it.
    static func read(_ file: SourceFile, language: String) -> (Localization?, [Diagnostic]) {
        let root: YAMLMapping
        switch YAMLDocument.parse(file).flatMap({ YAMLMapping.root(of: $0, in: file) }) {
        case .success(let mapping): root = mapping
        case .failure(let diagnostic): return (nil, [diagnostic])
        }
        var strings: [String: String] = [:]
        if let node = root.node("strings"), case .mapping(let mapping) = node {
            for (key, value) in mapping {
                if case .scalar(let k) = key, case .scalar(let v) = value { strings[k.string] = v.string }
            }
        } else {
            root.report(Diagnostic(.translation, "missing 'strings' mapping", at: root.location))
        }
        let locale = root.mapping("locale", required: true)
        let months = locale?.strings("months").map(\.value) ?? []
        let monthsShort = locale?.strings("months_short").map(\.value) ?? []
        let tag = locale?.string("tag", required: true)?.value ?? language
        let decimal = locale?.string("decimal", required: true)?.value ?? "."
        let group = locale?.string("group", required: true)?.value ?? ","
        let date = locale?.string("date", required: true)?.value ?? "{year}-{month}-{day}"
        let monthYear = locale?.string("month_year", required: true)?.value ?? "{month} {year}"
        let dateTime = locale?.string("datetime", required: true)?.value ?? "{date} {time}"
        let zeroSingular = locale?.bool("zero_is_singular")?.value ?? false
        let firstDay = locale?.string("first_day")?.value ?? "1"
        let weekdays = locale?.strings("weekdays").map(\.value) ?? []
        let longDate = locale?.string("date_long")?.value ?? date
        var diagnostics = root.finish()
        if !weekdays.isEmpty && weekdays.count != 7 {
            diagnostics.append(Diagnostic(.translation, "locale.weekdays must list 7 names, Monday first", at: root.location))
        }
        if months.count != 12 || monthsShort.count != 12 {
            diagnostics.append(Diagnostic(.translation, "locale.months and locale.months_short must list 12 names each", at: root.location))
        }
        guard diagnostics.isEmpty else { return (nil, diagnostics) }
        return (Localization(language: language, tag: tag, strings: strings, decimalSeparator: decimal,
                                     groupSeparator: group, months: months, monthsShort: monthsShort,
                                     datePattern: date, monthYearPattern: monthYear, dateTimePattern: dateTime, firstDay: firstDay,
                                     weekdays: weekdays, longDatePattern: longDate,
                                     zeroIsSingular: zeroSingular), [])
    }
}

/// One interface language of a site, as links to its pages name it.
public struct SiteLanguage: Sendable {
    /// The translation file's name (`en`): the folder of its pages and their `hreflang`.
    public let code: String
    /// BCP 47 tag (`fr-FR`, `en`), as in the `lang` of its pages.
    public let tag: String
    /// The language's name in itself (`English`, `Français`): the language switch's link.
    public let name: String

    /// The folder of its pages, `""` for the default language (`site` lists it first).
    func prefix(in site: [SiteLanguage]) -> String { site.first?.code == code ? "" : code + "/" }
}
