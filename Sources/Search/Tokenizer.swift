import Foundation

/// Turns text into search terms, the same way for pages and for queries (the browser's
/// `search.js` mirrors it): lower case, accents folded, Kemendagri codes kept whole whether
/// written with dots or not (`32.12.16.2004` and `3212162004` are one term), reduplicated words
/// counted once (`desa-desa` is `desa`), stopwords dropped, and Indonesian words stemmed.
public struct Tokenizer: Sendable {
    /// Words that carry no meaning for search.
    public let stopwords: Set<String>
    /// Whether to apply the Indonesian stemmer (English pages are searched without it).
    public let stems: Bool

    /// A tokenizer for a language.
    public init(stopwords: Set<String>, stems: Bool) {
        self.stopwords = stopwords
        self.stems = stems
    }

    /// A term and the word it came from, for explanations and highlighting.
    public struct Token: Sendable, Equatable {
        /// The word as normalised (lower case, accents folded).
        public let word: String
        /// The indexed term (the stem, or the digits of a code).
        public let term: String
    }

    /// The tokens of `text`, stopwords left out.
    public func tokens(_ text: String) -> [Token] {
        var stems: [String: String] = [:]
        return tokens(text, stems: &stems)
    }

    /// The tokens of `text`, remembering stems in `memo`: the same words come back on every page,
    /// and stemming each once keeps indexing a large site fast.
    public func tokens(_ text: String, stems memo: inout [String: String]) -> [Token] {
        var result: [Token] = []
        for word in Self.words(text) {
            appendTokens(ofWord: word, to: &result) { part in
                if let known = memo[part] { return known }
                let stem = IndonesianStemmer.stem(part)
                memo[part] = stem
                return stem
            }
        }
        return result
    }

    /// Appends the tokens of one word as `words` finds it (lower case, folded), stemming its
    /// parts with `stem` when this tokenizer stems. The index calls it for each new word it
    /// reads, which it has already split out of its text.
    func appendTokens(ofWord word: String, to result: inout [Token], stem: (String) -> String) {
        if Self.isCode(word.utf8) {
            let digits = Self.codeTerm(word.utf8)
            if !digits.isEmpty { result.append(Token(word: word, term: digits)) }
            return
        }
        // Reduplication: desa-desa counts once; bersama-sama gives both of its parts.
        var parts = word.utf8.contains(0x2D) ? word.split(separator: "-").map(String.init) : [word]
        if parts.count == 2, parts[0] == parts[1] { parts = [parts[0]] }
        for part in parts where !part.isEmpty && !stopwords.contains(part) {
            result.append(Token(word: part, term: stems ? stem(part) : part))
        }
    }

    /// Whether a word (its UTF-8) is a code or a number: digits and dots only. Its one term is
    /// `codeTerm`, not stemmed, never a stopword; a word of dots alone has none.
    static func isCode(_ word: some Sequence<UInt8>) -> Bool {
        word.allSatisfy { ($0 >= 0x30 && $0 <= 0x39) || $0 == 0x2E }
    }

    /// The term of a code: its digits, so that it is found with and without dots. Gathered in a
    /// buffer on the stack: decoded from a lazy filter of the bytes, a string took a third of
    /// a microsecond, a fifth of numbering a village's new words.
    static func codeTerm(_ word: some Collection<UInt8>) -> String {
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: word.count) { digits in
            var count = 0
            for byte in word where byte != 0x2E {
                digits[count] = byte
                count += 1
            }
            return String(decoding: UnsafeBufferPointer(rebasing: digits[..<count]), as: UTF8.self)
        }
    }

    /// Lower-cased, accent-folded words: runs of letters and digits, keeping inner dots between
    /// digits (codes) and inner hyphens between letters (reduplication).
    static func words(_ text: String) -> [String] {
        asciiWords(text) ?? foldedWords(text)
    }

    /// `words(_:)` through Foundation's folding, scalar by scalar: what non-ASCII text needs,
    /// and for ASCII text the reference `asciiWords` is tested against.
    static func foldedWords(_ text: String) -> [String] {
        let folded = text.folding(options: [.diacriticInsensitive, .caseInsensitive, .widthInsensitive], locale: nil).lowercased()
        var words: [String] = []
        var current = ""
        let scalars = Array(folded.unicodeScalars)
        for (index, scalar) in scalars.enumerated() {
            let isLetterOrDigit = scalar.properties.isAlphabetic || ("0"..."9").contains(scalar)
            if isLetterOrDigit {
                current.unicodeScalars.append(scalar)
                continue
            }
            let next = index + 1 < scalars.count ? scalars[index + 1] : nil
            let previous = current.unicodeScalars.last
            if scalar == ".", let previous, let next, ("0"..."9").contains(previous), ("0"..."9").contains(next) {
                current.unicodeScalars.append(scalar)
            } else if scalar == "-", let previous, let next, previous.properties.isAlphabetic, next.properties.isAlphabetic {
                current.unicodeScalars.append(scalar)
            } else if scalar == "'" || scalar == "\u{2019}" || scalar == "\"" {
                // Apostrophes and quotes inside names (Remba'an, Soka"an) join the word.
                continue
            } else if !current.isEmpty {
                words.append(current)
                current = ""
            }
        }
        if !current.isEmpty { words.append(current) }
        return words
    }

    /// The same rules over bytes, for ASCII text (most of it): no folding needed. Nil when the
    /// text is not ASCII.
    static func asciiWords(_ text: String) -> [String]? {
        var buffer = WordBuffer()
        guard buffer.readASCII(text) else { return nil }
        return buffer.words.map { String(decoding: buffer.bytes[$0], as: UTF8.self) }
    }
}

/// The words of a text as `Tokenizer.words` finds them, in UTF-8, one after the other in a
/// buffer reused from text to text: the index reads millions of words and makes a string of
/// none but the new ones.
struct WordBuffer {
    /// The words' bytes, one after the other, and past the last word at least eight more (what
    /// is left of earlier texts, or zeros): `WordTerms` reads a word's first eight bytes at once.
    private(set) var bytes: [UInt8] = []
    /// Where each word ends in `bytes`, and each word's `WordTerms.hash`: the first `count` of
    /// each store (the rest is left from earlier texts). Written through pointers; appending to
    /// arrays checked their storage per word.
    private var endStore: [Int] = [], hashStore: [UInt64] = []
    /// The number of words read.
    private(set) var count = 0

    /// Where each word ends in `bytes`.
    var ends: ArraySlice<Int> { endStore[..<count] }
    /// Each word's `WordTerms.hash`.
    var hashes: ArraySlice<UInt64> { hashStore[..<count] }

    /// Calls `body` with the buffer's bytes (eight more past the last word's end), where each
    /// word ends in them and each word's hash.
    func withWords<Result>(_ body: (UnsafeBufferPointer<UInt8>, UnsafeBufferPointer<Int>, UnsafeBufferPointer<UInt64>) -> Result) -> Result {
        bytes.withUnsafeBufferPointer { bytes in
            endStore.withUnsafeBufferPointer { ends in
                hashStore.withUnsafeBufferPointer { hashes in
                    body(bytes, UnsafeBufferPointer(rebasing: ends[..<count]), UnsafeBufferPointer(rebasing: hashes[..<count]))
                }
            }
        }
    }

    /// Word `number`'s range in `bytes`.
    func range(ofWord number: Int) -> Range<Int> {
        (number == 0 ? 0 : endStore[number - 1])..<endStore[number]
    }

    /// Each word's range in `bytes`.
    var words: [Range<Int>] { (0..<count).map(range(ofWord:)) }

    /// Reads the words of `text`, in place of the last text's.
    mutating func read(_ text: String) {
        read(CollectionOfOne(text))
    }

    /// Reads the words of `texts`, one after the other, in place of the last texts'. One read
    /// for a field's texts (a village's six keywords): a read per text set up the buffers each
    /// time.
    mutating func read(_ texts: some Collection<String>) {
        count = 0
        for text in texts {
            var text = text
            text.withUTF8 { input in
                if !appendASCII(input) { appendMixed(input) }
            }
        }
    }

    /// Reads the words of ASCII `text`; false, having read nothing, when it is not ASCII.
    mutating func readASCII(_ text: String) -> Bool {
        count = 0
        var text = text
        return text.withUTF8 { appendASCII($0) }
    }

    /// Where the words read so far end in `bytes`.
    private var written: Int { count == 0 ? 0 : endStore[count - 1] }

    /// Appends the words of text that is not all ASCII. Spaces and line breaks end a word
    /// whatever surrounds them (and fold to themselves), so the text's words are those of its
    /// runs between them: the runs with other bytes than ASCII go through `Tokenizer.words`, the
    /// stretches between those as ASCII. Whole, a long page with one curly apostrophe went
    /// through the tokenizer's slow path (4 % of a national index's time, perf).
    private mutating func appendMixed(_ input: UnsafeBufferPointer<UInt8>) {
        func isBreak(_ byte: UInt8) -> Bool { byte == 0x20 || byte == 0x0A || byte == 0x0D || byte == 0x09 }
        var stretch = 0, start = 0
        while start < input.count {
            var end = start, ascii = true
            while end < input.count, !isBreak(input[end]) {
                if input[end] >= 0x80 { ascii = false }
                end += 1
            }
            if !ascii {
                let plain = appendASCII(UnsafeBufferPointer(rebasing: input[stretch..<start]))
                precondition(plain, "ASCII between the runs")
                for word in Tokenizer.words(String(decoding: UnsafeBufferPointer(rebasing: input[start..<end]), as: UTF8.self)) {
                    var word = word
                    word.withUTF8 { append($0) }
                }
                stretch = end
            }
            start = end + 1
        }
        let plain = appendASCII(UnsafeBufferPointer(rebasing: input[min(stretch, input.count)...]))
        precondition(plain, "ASCII after the last run")
    }

    /// Appends a word after the words read so far.
    private mutating func append(_ word: UnsafeBufferPointer<UInt8>) {
        let written = written
        if bytes.count < written + word.count + 8 { bytes += repeatElement(0, count: written + word.count + 8 - bytes.count) }
        bytes.withUnsafeMutableBufferPointer { bytes in
            _ = UnsafeMutableBufferPointer(rebasing: bytes[written..<(written + word.count)]).initialize(from: word)
        }
        if endStore.count == count {
            endStore.append(0)
            hashStore.append(0)
        }
        endStore[count] = written + word.count
        hashStore[count] = WordTerms.hash(word)
        count += 1
    }

    /// Appends the words of ASCII `input` after the words read so far; false, having read
    /// nothing, when it is not ASCII.
    private mutating func appendASCII(_ input: UnsafeBufferPointer<UInt8>) -> Bool {
        // No word is longer than its text, and words are at least a byte apart.
        let written = written
        if bytes.count < written + input.count + 8 { bytes += repeatElement(0, count: written + input.count + 8 - bytes.count) }
        let most = count + (input.count + 1) / 2
        if endStore.count < most {
            endStore += repeatElement(0, count: most - endStore.count)
            hashStore += repeatElement(0, count: most - hashStore.count)
        }
        let read = bytes.withUnsafeMutableBufferPointer { output in
            endStore.withUnsafeMutableBufferPointer { ends in
                hashStore.withUnsafeMutableBufferPointer { hashes in
                    Self.readASCII(input, into: output, at: written, ends: UnsafeMutableBufferPointer(rebasing: ends[count...]),
                                   hashes: UnsafeMutableBufferPointer(rebasing: hashes[count...]))
                }
            }
        }
        // What was written past the words read so far is left there, as after any text.
        guard let read else { return false }
        count += read
        return true
    }

    /// The rules of `Tokenizer.words` over ASCII bytes, the words written one after the other
    /// into `output` from `written` (room for the input there, no word being longer than its
    /// text), where each ends into `ends` and its hash into `hashes` (room for a word every two
    /// bytes); returns the number of words, or nil on meeting a byte that is not ASCII (checked
    /// as the bytes are read: a pass of its own over the text before was a fifth of reading
    /// it). All through pointers: appending to arrays checked their storage for each byte or
    /// word, a third of indexing a national site.
    private static func readASCII(_ input: UnsafeBufferPointer<UInt8>, into output: UnsafeMutableBufferPointer<UInt8>, at written: Int,
                                  ends: UnsafeMutableBufferPointer<Int>, hashes: UnsafeMutableBufferPointer<UInt64>) -> Int? {
        guard let bytes = input.baseAddress, let out = output.baseAddress else { return 0 }
        let total = input.count
        var length = written, wordStart = written, words = 0
        func isLetter(_ byte: UInt8) -> Bool { (byte >= 0x61 && byte <= 0x7A) || (byte >= 0x41 && byte <= 0x5A) }
        func isDigit(_ byte: UInt8) -> Bool { byte >= 0x30 && byte <= 0x39 }
        // Letters and digits (most bytes) eight at a time (`wordBytes`), the last few through a
        // table: a byte at a time, one load and one branch each, this loop was most of reading
        // a page's words. A word is hashed once whole (`WordTerms.hash`, eight bytes a step),
        // not a byte at a time, after the loop.
        let folded = Self.foldedWordBytes
        var index = 0
        while index < total {
            let byte: UInt8
            if index &+ 8 <= total {
                // The eight bytes stored lower-cased whatever they are: those past the run are
                // written over or lie past the words (the output has room for the input and
                // eight more, and never runs ahead of it).
                let block = UnsafeRawPointer(bytes + index).loadUnaligned(as: UInt64.self).littleEndian
                if block & 0x8080_8080_8080_8080 != 0 { return nil }
                let (lowered, run) = Self.wordBytes(block)
                UnsafeMutableRawPointer(out + length).storeBytes(of: lowered.littleEndian, as: UInt64.self)
                index &+= run
                length &+= run
                if run == 8 { continue }
                // The byte that ends the run taken from the block (and the one before it read
                // only for a dot or hyphen): loaded each time, the two took a third of this
                // function's samples (perf annotate).
                byte = UInt8(truncatingIfNeeded: block &>> UInt64(run &* 8))
            } else {
                byte = bytes[index]
                if byte >= 0x80 { return nil }
                let word = folded[Int(byte)]
                if word != 0 {
                    out[length] = word
                    length &+= 1
                    index &+= 1
                    continue
                }
            }
            // Not a letter or digit.
            index &+= 1
            if byte == 0x2E || byte == 0x2D {
                // A dot between digits, or a hyphen between letters, joins them (0: no byte).
                let previous = length > wordStart ? out[length - 1] : 0, next = index < total ? bytes[index] : 0
                if byte == 0x2E ? isDigit(previous) && isDigit(next) : isLetter(previous) && isLetter(next) {
                    out[length] = byte
                    length &+= 1
                    continue
                }
            } else if byte == 0x27 || byte == 0x22 {
                continue
            }
            if length > wordStart {
                ends[words] = length
                words &+= 1
                wordStart = length
            }
        }
        if length > wordStart {
            ends[words] = length
            words &+= 1
        }
        // Hashed once the text is read: a word's eight-byte loads, right after its bytes were
        // stored one by one, waited for those stores to reach the cache (a fifth of this
        // function's time in perf annotate); by now they have.
        var start = written
        for word in 0..<words {
            hashes[word] = WordTerms.hash(UnsafeBufferPointer(start: out + start, count: ends[word] - start))
            start = ends[word]
        }
        return words
    }

    /// Eight ASCII bytes (the first in the low bits) lower-cased, and how many of them, from
    /// the first, are letters or digits. Each byte is compared with the bounds of its class at
    /// once: adding `0x80 - low` to a byte below 0x80 sets its top bit when the byte is at
    /// least `low`, and adding `0x7F - high` leaves it clear when the byte is at most `high`;
    /// no sum passes 0xFF, so no byte carries into the next.
    @inline(__always)
    static func wordBytes(_ block: UInt64) -> (lowered: UInt64, run: Int) {
        func each(_ byte: UInt64) -> UInt64 { byte &* 0x0101_0101_0101_0101 }
        let tops = each(0x80)
        func atLeast(_ bytes: UInt64, _ low: UInt64) -> UInt64 { (bytes &+ each(0x80 - low)) & tops }
        func atMost(_ bytes: UInt64, _ high: UInt64) -> UInt64 { ~(bytes &+ each(0x7F - high)) & tops }
        // Setting 0x20 lower-cases a letter and leaves a digit as it is.
        let lowered = block | each(0x20)
        let letters = atLeast(lowered, 0x61) & atMost(lowered, 0x7A)
        let digits = atLeast(block, 0x30) & atMost(block, 0x39)
        let others = ~(letters | digits) & tops
        return (lowered, others.trailingZeroBitCount >> 3)
    }

    /// Per ASCII byte: a letter lower-cased, a digit as it is, anything else 0. Allocated once
    /// and never freed, so the loop reads it through a plain pointer; never written once made.
    nonisolated(unsafe) private static let foldedWordBytes: UnsafePointer<UInt8> = {
        let table = UnsafeMutablePointer<UInt8>.allocate(capacity: 256)
        for byte in 0..<256 {
            switch UInt8(byte) {
            case 0x41...0x5A: table[byte] = UInt8(byte) + 32
            case 0x61...0x7A, 0x30...0x39: table[byte] = UInt8(byte)
            default: table[byte] = 0
            }
        }
        return UnsafePointer(table)
    }()
}
