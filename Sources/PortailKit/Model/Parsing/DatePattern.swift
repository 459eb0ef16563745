/// A Frictionless/strftime date pattern such as `%d/%m/%Y` or `%Y-%m-%d %H:%M`, the subset
/// spreadsheets produce: `%Y %y %m %d %H %M %S` and literal characters.
public struct DatePattern: Sendable, Hashable {
    enum Token: Sendable, Hashable {
        case year4, year2, month, day, hour, minute, second
        case literal(Character)
    }

    let tokens: [Token]
    public let text: String

    /// Nil when the pattern uses a directive outside the supported subset.
    public init?(_ pattern: String) {
        var tokens: [Token] = []
        var iterator = pattern.makeIterator()
        while let c = iterator.next() {
            guard c == "%" else { tokens.append(.literal(c)); continue }
            switch iterator.next() {
            case "Y": tokens.append(.year4)
            case "y": tokens.append(.year2)
            case "m": tokens.append(.month)
            case "d": tokens.append(.day)
            case "H": tokens.append(.hour)
            case "M": tokens.append(.minute)
            case "S": tokens.append(.second)
            case "%": tokens.append(.literal("%"))
            default: return nil
            }
        }
        self.tokens = tokens
        self.text = pattern
    }

    struct Components {
        var year = 0, month = 1, day = 1, hour = 0, minute = 0, second = 0
        var hasDate = false, hasTime = false
    }

    /// Matches the whole text; numbers take one or two digits (four for `%Y`).
    func match(_ text: String) -> Components? {
        let chars = Array(text)
        var i = 0
        var c = Components()
        func number(maxDigits: Int, minDigits: Int = 1) -> Int? {
            var value = 0, count = 0
            while i < chars.count, count < maxDigits, let digit = chars[i].wholeNumberValue, chars[i].isASCII {
                value = value * 10 + digit
                i += 1
                count += 1
            }
            return count >= minDigits ? value : nil
        }
        for token in tokens {
            switch token {
            case .year4: guard let v = number(maxDigits: 4, minDigits: 4) else { return nil }; c.year = v; c.hasDate = true
            case .year2: guard let v = number(maxDigits: 2, minDigits: 2) else { return nil }; c.year = 2000 + v; c.hasDate = true
            case .month: guard let v = number(maxDigits: 2) else { return nil }; c.month = v; c.hasDate = true
            case .day: guard let v = number(maxDigits: 2) else { return nil }; c.day = v; c.hasDate = true
            case .hour: guard let v = number(maxDigits: 2) else { return nil }; c.hour = v; c.hasTime = true
            case .minute: guard let v = number(maxDigits: 2) else { return nil }; c.minute = v; c.hasTime = true
            case .second: guard let v = number(maxDigits: 2) else { return nil }; c.second = v; c.hasTime = true
            case .literal(let l):
                guard i < chars.count, chars[i] == l else { return nil }
                i += 1
            }
        }
        return i == chars.count ? c : nil
    }
}
