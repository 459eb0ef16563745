/// Values written for people, in the portal's language: `1 533`, `21,5`, `5 déc. 2026`.
///
/// The table script formats the rows it loads with the same rules (the page hands it the
/// locale data), so server-rendered and browser-rendered rows look the same.
public struct DisplayFormat: Sendable {
    public let locale: Localization

    public init(_ locale: Localization) {
        self.locale = locale
    }

    public func integer(_ value: Int) -> String {
        let digits = String(value.magnitude)
        return (value < 0 ? "-" : "") + grouped(digits)
    }

    public func number(_ value: Double) -> String {
        let machine = MachineFormat.number(value)
        guard !machine.contains("e") else { return machine.replacingOccurrences(of: ".", with: locale.decimalSeparator) }
        var text = Substring(machine)
        let negative = text.hasPrefix("-")
        if negative { text = text.dropFirst() }
        let parts = text.split(separator: ".", maxSplits: 1)
        var out = (negative ? "-" : "") + grouped(String(parts[0]))
        if parts.count == 2 { out += locale.decimalSeparator + parts[1] }
        return out
    }

    /// Groups of three digits from the right; four-digit numbers stay grouped too (`1 533`).
    private func grouped(_ digits: String) -> String {
        guard digits.count > 3 else { return digits }
        var out = ""
        for (i, c) in digits.enumerated() {
            if i > 0 && (digits.count - i) % 3 == 0 { out += locale.groupSeparator }
            out.append(c)
        }
        return out
    }

    public func date(_ day: Day) -> String {
        Placeholders.fill(locale.datePattern) { dayPart($0, of: day) }
    }

    /// The value of a placeholder of a date pattern.
    private func dayPart(_ name: Substring, of day: Day) -> String? {
        switch name {
        case "day": return day.day == 1 ? locale.firstDay : String(day.day)
        case "month_short": return locale.monthsShort[day.month - 1]
        case "month": return locale.months[day.month - 1]
        case "year": return String(day.year)
        default: return nil
        }
    }

    /// "samedi 5 décembre 2026".
    public func longDate(_ day: Day) -> String {
        let weekday = locale.weekdays.isEmpty ? "" : locale.weekdays[((day.daysSinceEpoch % 7) + 7 + 3) % 7]
        return Placeholders.fill(locale.longDatePattern) { $0 == "weekday" ? weekday : dayPart($0, of: day) }
            .trimmingWhitespace()
    }

    public func monthYear(year: Int, month: Int) -> String {
        Placeholders.fill(locale.monthYearPattern) { name in
            name == "month" ? locale.months[month - 1] : name == "year" ? String(year) : nil
        }
    }

    public func time(_ seconds: Int) -> String {
        "\(Day.pad(seconds / 3600, 2)):\(Day.pad(seconds / 60 % 60, 2))" + (seconds % 60 == 0 ? "" : ":\(Day.pad(seconds % 60, 2))")
    }

    public func dateTime(_ value: DateTime) -> String {
        let (day, seconds) = value.local
        return Placeholders.fill(locale.dateTimePattern) { name in
            name == "date" ? date(day) : name == "time" ? time(seconds) : nil
        }
    }

    /// `845 Ko`, `12,3 Mo`: sizes of downloads.
    public func byteSize(_ bytes: Int) -> String {
        let units = ["unit_bytes", "unit_kilobytes", "unit_megabytes", "unit_gigabytes"]
        var value = Double(bytes)
        var unit = 0
        while value >= 1000 && unit < units.count - 1 {
            value /= 1000
            unit += 1
        }
        let shown = unit == 0 || value >= 100 ? number(value.rounded()) : number((value * 10).rounded() / 10)
        return "\(shown)\u{00A0}\(locale[units[unit]])"
    }

    /// A cell of a table, in the page's language.
    public func value(_ value: Value) -> String {
        switch value {
        case .null: return ""
        case .string(let s): return s
        case .integer(let i): return integer(i)
        case .number(let d): return number(d)
        case .boolean(let b): return b ? locale["yes"] : locale["no"]
        case .date(let day): return date(day)
        case .datetime(let dt): return dateTime(dt)
        case .time(let t): return time(t)
        case .year(let y): return String(y)
        case .yearMonth(let y, let m): return monthYear(year: y, month: m)
        case .geopoint(let lat, let lon): return "\(number(lat))\(locale["coordinate_separator"])\(number(lon))"
        case .list(let items): return items.joined(separator: ", ")
        }
    }
}
