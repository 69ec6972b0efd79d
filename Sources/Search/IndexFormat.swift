/// The layout of the static search index, shared by the generator that writes it
/// (`SearchIndex`), the terminal that reads it (`SearchEngine`) and the browser (`search.js`,
/// which follows these rules line for line).
///
/// - `meta.json`: the tokenizer's settings, the number of pages, the first term of every
///   dictionary shard, the synonym groups, and each page's facet values as runs.
/// - `d/<n>.json`: dictionary shards, a contiguous range of terms each, cut by bytes (not by
///   prefix), so every shard costs about the same whatever the site's size. A term's entry is
///   `[pages, segment, …]`; a segment is `[impact, count, postings]`, every page of the term
///   that has that impact, in page order. `postings` is the segment itself (base-64 VLQ deltas,
///   `PostingCodec`) when the term is rare, or the number of the posting file that holds it.
/// - `p/<n>.json`: a common term's segments, highest impact first, a few per file; the first
///   file of a term is small, later ones larger, so a query fetches only what its first results
///   need.
/// - `r/<f/1000>/<f>.json`: the result records of `recordsPerFile` neighbouring pages, from page
///   f (a multiple of `recordsPerFile`) on, as a JSON array; a record is a page's address, title,
///   breadcrumb, the first part of its text for the snippet, and how many parts there are.
///   `r/<n/1000>/<n>.<part>.json`: the rest of page n's text, fetched only when the match lies
///   further on.
public enum IndexFormat {
    /// Impact units per point of BM25 score: a posting's impact is its term's share of the page's
    /// score (idf × the length-normalised term frequency), times this, rounded. Whole numbers
    /// make the browser's sums exactly the terminal's.
    public static let impactScale = 20.0
    /// How many results a query settles: the browser shows 30 and offers facets from these.
    public static let resultLimit = 100
    /// A dictionary shard holds entries up to about this many bytes.
    public static let dictionaryShardBytes = 12_000
    /// A term whose postings encode to at most this many characters keeps them in its entry.
    /// Below 200, most posting files were a term's one small file (at 10,000 villages, with a
    /// limit of 40, half of the 477 held at most 109 bytes), each a request for its reader and
    /// a file for the build: at 200 the posting files were 138, the dictionary 2 % larger (79
    /// shards against 77), the build 15 and 20 ms less CPU (paired medians of two series of 40
    /// alternating rounds), and the benchmark queries' downloads 1–2 % larger on average (4 %
    /// for later queries at 83,762 villages).
    public static let inlinePostingLimit = 200
    /// The first posting file of a term holds about this many characters; each next one twice
    /// as many, up to `largestPostingFile`.
    public static let firstPostingFile = 2_000, largestPostingFile = 32_000
    /// A prefix (the word being typed) expands to the terms it begins only when they lie in at
    /// most this many dictionary shards; a shorter prefix waits for the next letter.
    public static let prefixShardLimit = 2
    /// Spelling: a word of this many letters or more without a match is compared with the terms
    /// one edit away that share its first two letters, in at most three shards around it.
    public static let correctionMinimumLength = 5, correctionShardLimit = 3
    /// Result records per file. One file a page cost a national build more than the rest of the
    /// index (measured at 83,762 villages: the index added 3.4 s to a 5.7 s build, 1.2 s with
    /// four records a file; a tiny file costs its file system an inode and a whole page, three
    /// times over with `.br` and `.gz`). Neighbours in page order are pages of one place, whose
    /// records share much text and compress together, and a query for a place finds several of
    /// its results in one file, so more records a file cost readers little: from four to eight,
    /// each of the five benchmark queries' downloads moved by −10 to +10 % (later queries on
    /// average +5 % at 10,000 villages, +3.5 % at 83,762, −2 % on the bundled site; gzip sizes),
    /// in fewer requests, while the index's files at 10,000 villages went from 3,200 to 1,880
    /// and the build took about 40 ms less CPU (paired medians of 40 alternating rounds).
    /// Sixteen added 15 % to later queries at 10,000 villages for no further gain.
    public static let recordsPerFile = 8
    /// Bytes of a page's text in its result record; the rest in parts of up to `textPartLength`.
    public static let firstTextLength = 1_000, textPartLength = 3_000
    /// Facets the result list filters by; their values are in `meta.json` as runs.
    public static let facetKeys = ["jenis", "provinsi"]

    /// Whether `a` sorts before `b` in the index: by UTF-16 code units, as JavaScript compares.
    public static func precedes(_ a: String, _ b: String) -> Bool {
        a.utf16.lexicographicallyPrecedes(b.utf16)
    }

    /// Bytes that sort as `precedes` sorts their strings, compared as byte arrays many times
    /// faster than strings by UTF-16: the string's UTF-8, whose order is the code points', with
    /// the lead bytes of U+E000–U+FFFF (0xEE, 0xEF) raised above those of U+10000 and up (0xF0–
    /// 0xF4), which UTF-16 writes as surrogates (0xD800–0xDFFF) and so sorts before them.
    public static func sortKey(_ string: String) -> [UInt8] {
        var key: [UInt8] = []
        appendSortKey(string, to: &key)
        return key
    }

    /// Appends `sortKey(string)` to `bytes`.
    static func appendSortKey(_ string: String, to bytes: inout [UInt8]) {
        for byte in string.utf8 { bytes.append(byte == 0xEE || byte == 0xEF ? byte + 0x10 : byte) }
    }

    /// Whether `term` begins with `prefix`, code unit by code unit (as JavaScript's
    /// `startsWith`; Swift's `hasPrefix` compares characters).
    public static func begins(_ term: String, with prefix: String) -> Bool {
        term.utf16.starts(with: prefix.utf16)
    }

    /// The dictionary shard that would hold `term`: the last whose first term is not after it.
    public static func shard(of term: String, firsts: [String]) -> Int {
        var low = 0, high = firsts.count - 1
        while low < high {
            let middle = (low + high + 1) / 2
            if precedes(term, firsts[middle]) { high = middle - 1 } else { low = middle }
        }
        return max(0, low)
    }

    /// The shards holding the terms that begin with `prefix`, first to last.
    public static func shards(beginning prefix: String, firsts: [String]) -> ClosedRange<Int> {
        let start = shard(of: prefix, firsts: firsts)
        var end = start
        while end + 1 < firsts.count, begins(firsts[end + 1], with: prefix) { end += 1 }
        return start...end
    }

    /// The shards searched for corrections of `word`: those of its first two letters' range,
    /// or, when that range is longer than `correctionShardLimit`, the word's shard and its
    /// neighbours within the range.
    public static func correctionShards(for word: String, firsts: [String]) -> ClosedRange<Int> {
        let range = shards(beginning: String(word.unicodeScalars.prefix(2)), firsts: firsts)
        if range.count <= correctionShardLimit { return range }
        let own = min(max(shard(of: word, firsts: firsts), range.lowerBound), range.upperBound)
        return max(range.lowerBound, own - 1)...min(range.upperBound, own + 1)
    }

    /// The path of the file that holds page `document`'s result record (at position
    /// `document % recordsPerFile` of its array), or of the further `part` of its text.
    public static func recordPath(_ document: Int, part: Int = 0) -> String {
        guard part == 0 else { return "r/\(document / 1000)/\(document).\(part).json" }
        let first = document - document % recordsPerFile
        return "r/\(first / 1000)/\(first).json"
    }
}

/// Page numbers in ascending order as text: each gap from the previous number (minus one), in
/// base-64 VLQ (five bits a character, least significant first; a sixth bit says more follow).
/// A dense list costs one character a page, and the text sits in JSON without escapes.
public enum PostingCodec {
    static let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_".utf8)
    static let values: [Int8] = {
        var table = [Int8](repeating: -1, count: 128)
        for (value, code) in alphabet.enumerated() { table[Int(code)] = Int8(value) }
        return table
    }()

    /// The text of `documents` (ascending, each at least 0).
    public static func encode(_ documents: [Int]) -> String {
        var bytes: [UInt8] = []
        append(documents, to: &bytes)
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Appends the text of `documents` (ascending, each at least 0) to `bytes`.
    static func append(_ documents: some Collection<Int>, to bytes: inout [UInt8]) {
        bytes.reserveCapacity(bytes.count + documents.count)
        var previous = -1
        alphabet.withUnsafeBufferPointer { alphabet in
            for document in documents {
                var gap = document - previous - 1
                previous = document
                repeat {
                    let digit = gap & 31
                    gap >>= 5
                    bytes.append(alphabet[gap > 0 ? digit | 32 : digit])
                } while gap > 0
            }
        }
    }

    /// The page numbers of `text`, or nil when it is not such a text.
    public static func decode(_ text: String) -> [Int]? {
        var documents: [Int] = []
        var previous = -1, gap = 0, shift = 0
        for code in text.utf8 {
            guard code < 128, case let value = Int(values[Int(code)]), value >= 0 else { return nil }
            gap |= (value & 31) << shift
            if value & 32 != 0 {
                shift += 5
                if shift > 40 { return nil }
                continue
            }
            previous += gap + 1
            documents.append(previous)
            gap = 0
            shift = 0
        }
        return shift == 0 ? documents : nil
    }
}
