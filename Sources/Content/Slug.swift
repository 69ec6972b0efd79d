import Foundation

/// URL- and id-safe names made from titles and region names.
public enum Slug {
    /// Lower-cases, folds diacritics, drops apostrophes and quotes, and joins the remaining runs of
    /// letters and digits with `-`: `Soka"an` becomes `sokaan`, `Lenek Lauk` becomes `lenek-lauk`.
    ///
    /// The result only ever holds `a`–`z`, `0`–`9` and `-`, so it is safe in paths, URLs and HTML ids.
    public static func make(_ text: String) -> String {
        // ASCII needs no folding (the loop lower-cases), and Foundation's folding is slow.
        let folded = text.utf8.allSatisfy { $0 < 0x80 } ? text
            : text.folding(options: [.diacriticInsensitive, .caseInsensitive, .widthInsensitive], locale: nil)
        var slug = ""
        var pendingDash = false
        for scalar in folded.unicodeScalars {
            switch scalar {
            case "a"..."z", "0"..."9":
                if pendingDash, !slug.isEmpty { slug.append("-") }
                pendingDash = false
                slug.unicodeScalars.append(scalar)
            case "A"..."Z":
                if pendingDash, !slug.isEmpty { slug.append("-") }
                pendingDash = false
                slug.unicodeScalars.append(Unicode.Scalar(UInt8(scalar.value + 32)))  // ASCII lower case
            case "'", "\"", "\u{2019}", "\u{2018}", "\u{201C}", "\u{201D}", "`":
                // Apostrophes and quotes sit inside words (Ko'ol, Soka"an): keep the word whole.
                continue
            default:
                pendingDash = true
            }
        }
        return slug
    }
}
