/// Rules for the identifiers that become URL segments (dataset folders, page files) and
/// machine names (fields). URLs are a public contract, so they are kept plain and stable.
enum Identifier {
    /// `cinemas-actifs`: lower-case ASCII letters and digits, single hyphens between words.
    static func isSlug(_ text: String) -> Bool {
        guard let first = text.utf8.first, let last = text.utf8.last,
              first != UInt8(ascii: "-"), last != UInt8(ascii: "-"), !text.contains("--") else { return false }
        return text.utf8.allSatisfy { ($0 >= 0x61 && $0 <= 0x7A) || ($0 >= 0x30 && $0 <= 0x39) || $0 == UInt8(ascii: "-") }
    }

    /// A slug close to `text`: accents removed, lower-cased, other characters turned to hyphens.
    static func slug(from text: String) -> String {
        let folded = text.folding(options: [.diacriticInsensitive, .caseInsensitive], locale: nil).lowercased()
        var result = ""
        for scalar in folded.unicodeScalars {
            if (scalar >= "a" && scalar <= "z") || (scalar >= "0" && scalar <= "9") {
                result.unicodeScalars.append(scalar)
            } else if !result.isEmpty && !result.hasSuffix("-") {
                result += "-"
            }
        }
        while result.hasSuffix("-") { result.removeLast() }
        return result
    }

    /// Field names: letters, digits and `_`, not starting with a digit, so that they work as
    /// CSV headers, JSON keys and identifiers in every tool.
    static func isFieldName(_ text: String) -> Bool {
        guard let first = text.utf8.first, !(first >= 0x30 && first <= 0x39) else { return false }
        return text.utf8.allSatisfy { ($0 >= 0x61 && $0 <= 0x7A) || ($0 >= 0x41 && $0 <= 0x5A) || ($0 >= 0x30 && $0 <= 0x39) || $0 == UInt8(ascii: "_") }
    }

    static func fieldName(from text: String) -> String {
        let slug = slug(from: text).replacingOccurrences(of: "-", with: "_")
        return slug.first?.isNumber == true ? "_" + slug : slug
    }
}

import Foundation
