/// The Snowball Indonesian stemmer (Tala 2003, as specified by the Snowball project), written in
/// Swift from the algorithm's description. The theme's `js/stemmer.js` is the same algorithm
/// for the browser; both are checked against the reference implementation's output on a shared
/// vocabulary (`Tests/Fixtures/stemmer/indonesian.tsv`).
///
/// It removes, in order: a particle (-kah, -lah, -pun), a possessive pronoun (-ku, -mu, -nya),
/// then either a first-order prefix (meng-, meny-, men-, mem-, me-, peng-, peny-, pen-, pem-,
/// di-, ter-, ke-) followed by a suffix (-kan, -an, -i) and a second-order prefix (per-, pe-,
/// ber-, be-), or a second-order prefix followed by a suffix. Every removal lowers the word's
/// "measure" (its number of vowels); nothing is removed once it is 2 or less. Input is expected
/// in lower case.
public enum IndonesianStemmer {
    /// The stem of one lower-case word.
    public static func stem(_ word: String) -> String {
        var state = State(word)
        state.run()
        // Many words keep every letter (names, words without affixes): the word itself, no
        // new string.
        return state.changed ? state.result : word
    }

    struct State {
        var letters: [Unicode.Scalar]
        var measure: Int
        /// Which kind of prefix was removed: 0 none, 1 di-/meng-/ter-, 2 per-/pe-, 3 ke-/peng-, 4 ber-.
        var prefix = 0
        /// Where the next prefix may start: after the letter a first-order prefix was replaced
        /// by (memeriksa → periksa keeps its per-), as in Snowball, whose cursor stays there.
        var start = 0
        /// Whether anything was removed or replaced.
        var changed = false

        init(_ word: String) {
            letters = Array(word.unicodeScalars)
            measure = letters.reduce(0) { $0 + (State.isVowel($1) ? 1 : 0) }
        }

        var result: String {
            // Appending scalar by scalar was most of stemming; ASCII letters go in as bytes.
            if letters.allSatisfy(\.isASCII) { return String(decoding: letters.map { UInt8($0.value) }, as: UTF8.self) }
            var scalars = String.UnicodeScalarView()
            scalars.append(contentsOf: letters)
            return String(scalars)
        }

        static func isVowel(_ scalar: Unicode.Scalar) -> Bool {
            scalar == "a" || scalar == "e" || scalar == "i" || scalar == "o" || scalar == "u"
        }

        // Affixes are ASCII: compare them byte by byte against the letters, without allocating.
        func ends(with suffix: StaticString) -> Bool {
            let count = suffix.utf8CodeUnitCount
            guard letters.count >= count else { return false }
            return suffix.withUTF8Buffer { bytes in
                (0..<count).allSatisfy { letters[letters.count - count + $0].value == UInt32(bytes[$0]) }
            }
        }

        func starts(with head: StaticString) -> Bool {
            let count = head.utf8CodeUnitCount
            guard letters.count >= start + count else { return false }
            return head.withUTF8Buffer { bytes in
                (0..<count).allSatisfy { letters[start + $0].value == UInt32(bytes[$0]) }
            }
        }

        /// The letter `index` places after `start`, if the word is that long.
        func letter(_ index: Int) -> Unicode.Scalar? {
            start + index < letters.count ? letters[start + index] : nil
        }

        mutating func dropSuffix(_ count: Int) {
            letters.removeLast(count)
            measure -= 1
            changed = true
        }

        mutating func replacePrefix(_ count: Int, with replacement: String) {
            changed = true
            letters.replaceSubrange(start..<(start + count), with: replacement.unicodeScalars)
            start += replacement.unicodeScalars.count
            measure -= 1
        }

        mutating func run() {
            guard measure > 2 else { return }
            if ends(with: "kah") || ends(with: "lah") || ends(with: "pun") { dropSuffix(3) }
            guard measure > 2 else { return }
            if ends(with: "nya") {
                dropSuffix(3)
            } else if ends(with: "ku") || ends(with: "mu") {
                dropSuffix(2)
            }
            guard measure > 2 else { return }
            if removeFirstOrderPrefix() {
                // A second-order prefix goes only when a suffix went too (diberikan: beri, but
                // diperabot keeps per-).
                if measure > 2, removeSuffix(), measure > 2 { removeSecondOrderPrefix() }
            } else {
                removeSecondOrderPrefix()
                if measure > 2 { _ = removeSuffix() }
            }
        }

        /// -kan (not after ke-/peng- or pe-/per-), else -an (not after di-/meng-/ter-), or -i
        /// (only after no prefix, di-/meng-/ter- or pe-/per-, and not after an "s"). Whether one went.
        mutating func removeSuffix() -> Bool {
            if ends(with: "kan"), prefix != 3, prefix != 2 {
                dropSuffix(3)
            } else if ends(with: "an"), prefix != 1 {
                dropSuffix(2)
            } else if ends(with: "i"), prefix <= 2, letters.count < 2 || letters[letters.count - 2] != "s" {
                dropSuffix(1)
            } else {
                return false
            }
            return true
        }

        mutating func removeFirstOrderPrefix() -> Bool {
            func vowel(at index: Int) -> Bool { letter(index).map(State.isVowel) ?? false }
            // Longest prefix first; meny-/peny- only before a vowel, else they are men-/pen-.
            if starts(with: "meny"), vowel(at: 4) {
                prefix = 1
                replacePrefix(4, with: "s")
            } else if starts(with: "peny"), vowel(at: 4) {
                prefix = 3
                replacePrefix(4, with: "s")
            } else if starts(with: "meng") {
                prefix = 1
                replacePrefix(4, with: "")
            } else if starts(with: "peng") {
                prefix = 3
                replacePrefix(4, with: "")
            } else if starts(with: "mem") {
                // mem- before a vowel stands for a p (memukul: pukul), else it goes (membaca: baca).
                prefix = 1
                replacePrefix(3, with: vowel(at: 3) ? "p" : "")
            } else if starts(with: "pem") {
                prefix = 3
                replacePrefix(3, with: vowel(at: 3) ? "p" : "")
            } else if starts(with: "men") || starts(with: "ter") {
                prefix = 1
                replacePrefix(3, with: "")
            } else if starts(with: "pen") {
                prefix = 3
                replacePrefix(3, with: "")
            } else if starts(with: "di") || starts(with: "me") {
                prefix = 1
                replacePrefix(2, with: "")
            } else if starts(with: "ke") {
                prefix = 3
                replacePrefix(2, with: "")
            } else {
                return false
            }
            return true
        }

        mutating func removeSecondOrderPrefix() {
            if starts(with: "belajar") {
                prefix = 4
                replacePrefix(7, with: "ajar")
            } else if starts(with: "pelajar") {
                replacePrefix(7, with: "ajar")
            } else if starts(with: "ber") {
                prefix = 4
                replacePrefix(3, with: "")
            } else if starts(with: "per") {
                prefix = 2
                replacePrefix(3, with: "")
            } else if starts(with: "be"), let next = letter(2), !State.isVowel(next), letter(3) == "e", letter(4) == "r" {
                // be- only before a consonant and "er" (bekerja: kerja).
                prefix = 4
                replacePrefix(2, with: "")
            } else if starts(with: "pe") {
                prefix = 2
                replacePrefix(2, with: "")
            }
        }
    }
}
