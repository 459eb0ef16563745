/// Date and time syntaxes read from UTF-8 bytes, without allocating.
enum DateSyntax {
    struct DateTimeParts {
        let day: Day
        /// Seconds since local midnight.
        let seconds: Int
        /// Written UTC offset in seconds, nil when the value has none.
        let offset: Int?
    }

    /// The number written by `count` ASCII digits at `start`, or nil.
    @inline(__always)
    static func digits(_ b: UnsafeBufferPointer<UInt8>, _ start: Int, _ count: Int) -> Int? {
        guard start + count <= b.count else { return nil }
        var value = 0
        for i in start..<(start + count) {
            let d = b[i] &- UInt8(ascii: "0")
            guard d < 10 else { return nil }
            value = value * 10 + Int(d)
        }
        return value
    }

    /// `YYYY-MM-DD`.
    static func isoDay(_ b: UnsafeBufferPointer<UInt8>) -> Day? {
        guard b.count == 10 else { return nil }
        return isoDayPrefix(b)
    }

    private static func isoDayPrefix(_ b: UnsafeBufferPointer<UInt8>) -> Day? {
        guard b.count >= 10, b[4] == UInt8(ascii: "-"), b[7] == UInt8(ascii: "-"),
              let y = digits(b, 0, 4), let m = digits(b, 5, 2), let d = digits(b, 8, 2) else { return nil }
        return Day(year: y, month: m, day: d)
    }

    /// `D/M/YYYY` with one or two digits for day and month, as French spreadsheets write dates.
    /// Returns the day and how many bytes it took.
    static func frenchDayPrefix(_ b: UnsafeBufferPointer<UInt8>) -> (Day, Int)? {
        var i = 0
        func number(max: Int) -> Int? {
            var value = 0, n = 0
            while i < b.count, n < max, b[i] &- UInt8(ascii: "0") < 10 {
                value = value * 10 + Int(b[i] &- UInt8(ascii: "0"))
                i += 1
                n += 1
            }
            return n > 0 ? value : nil
        }
        guard let d = number(max: 2), i < b.count, b[i] == UInt8(ascii: "/") else { return nil }
        i += 1
        guard let m = number(max: 2), i < b.count, b[i] == UInt8(ascii: "/") else { return nil }
        i += 1
        let start = i
        guard let y = number(max: 4), i - start == 4, let day = Day(year: y, month: m, day: d) else { return nil }
        return (day, i)
    }

    static func frenchDay(_ b: UnsafeBufferPointer<UInt8>) -> Day? {
        guard let (day, used) = frenchDayPrefix(b), used == b.count else { return nil }
        return day
    }

    /// `HH:MM` or `HH:MM:SS` (a fraction of seconds is dropped).
    static func clock(_ b: UnsafeBufferPointer<UInt8>) -> Int? {
        guard b.count >= 5, b[2] == UInt8(ascii: ":"), let h = digits(b, 0, 2), let m = digits(b, 3, 2),
              h < 24, m < 60 else { return nil }
        var s = 0
        if b.count > 5 {
            guard b.count >= 8, b[5] == UInt8(ascii: ":"), let sec = digits(b, 6, 2), sec < 60 else { return nil }
            s = sec
            if b.count > 8 {
                guard b[8] == UInt8(ascii: "."), b.count > 9, (9..<b.count).allSatisfy({ b[$0] &- UInt8(ascii: "0") < 10 }) else { return nil }
            }
        }
        return h * 3600 + m * 60 + s
    }

    /// `YYYY-MM-DD[T ]HH:MM[:SS[.fraction]][Z|±HH:MM|±HHMM|±HH]`.
    static func isoDateTime(_ b: UnsafeBufferPointer<UInt8>) -> DateTimeParts? {
        guard b.count >= 16, b[10] == UInt8(ascii: "T") || b[10] == UInt8(ascii: " "), let day = isoDayPrefix(b) else { return nil }
        var end = b.count
        var offset: Int?
        if b[end - 1] == UInt8(ascii: "Z") {
            offset = 0
            end -= 1
        } else if let sign = (16..<end).last(where: { b[$0] == UInt8(ascii: "+") || b[$0] == UInt8(ascii: "-") }) {
            let zone = UnsafeBufferPointer(rebasing: b[(sign + 1)..<end])
            let hh: Int?, mm: Int?
            switch zone.count {
            case 5 where zone[2] == UInt8(ascii: ":"): hh = digits(zone, 0, 2); mm = digits(zone, 3, 2)
            case 4: hh = digits(zone, 0, 2); mm = digits(zone, 2, 2)
            case 2: hh = digits(zone, 0, 2); mm = 0
            default: return nil
            }
            guard let hh, let mm, hh < 24, mm < 60 else { return nil }
            offset = (hh * 3600 + mm * 60) * (b[sign] == UInt8(ascii: "-") ? -1 : 1)
            end = sign
        }
        guard let seconds = clock(UnsafeBufferPointer(rebasing: b[11..<end])) else { return nil }
        return DateTimeParts(day: day, seconds: seconds, offset: offset)
    }

    /// `D/M/YYYY HH:MM[:SS]`.
    static func frenchDateTime(_ b: UnsafeBufferPointer<UInt8>) -> DateTimeParts? {
        guard let (day, used) = frenchDayPrefix(b), used < b.count, b[used] == UInt8(ascii: " "),
              let seconds = clock(UnsafeBufferPointer(rebasing: b[(used + 1)...])) else { return nil }
        return DateTimeParts(day: day, seconds: seconds, offset: nil)
    }
}
