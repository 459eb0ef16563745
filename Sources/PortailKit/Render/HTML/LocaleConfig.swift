/// The locale data and strings handed to the theme's scripts as JSON, so that the browser
/// formats values exactly as the server did.
enum LocaleConfig {
    static func json(_ locale: Localization) -> JSONValue {
        .object([
            ("tag", .string(locale.tag)),
            ("decimal", .string(locale.decimalSeparator)),
            ("group", .string(locale.groupSeparator)),
            ("months", .array(locale.months.map(JSONValue.string))),
            ("monthsShort", .array(locale.monthsShort.map(JSONValue.string))),
            ("date", .string(locale.datePattern)),
            ("monthYear", .string(locale.monthYearPattern)),
            ("datetime", .string(locale.dateTimePattern)),
            ("firstDay", .string(locale.firstDay)),
            ("zeroIsSingular", .bool(locale.zeroIsSingular)),
        ])
    }

    /// Selected strings by key.
    static func strings(_ locale: Localization, _ keys: [String]) -> JSONValue {
        .object(keys.map { ($0, .string(locale[$0])) })
    }
}
