import Foundation

/// Queries a built index the way the browser's `search.js` does, from the same files, with the
/// same tokens, expansions and integer impacts, and the same rule for when to stop reading:
/// `desmigratif search` uses it to show (and explain) what a reader would find.
///
/// A query reads its terms' segments highest impact first, across all its words, and stops as
/// soon as no page it has not ranked yet could enter its first `IndexFormat.resultLimit`
/// results: the set of those results is exact. They are ordered by the part of their score
/// read by then, which is the whole score except for a page that lacks a word whose remaining
/// segments were not needed.
public final class SearchEngine {
    /// One ranked page.
    public struct Hit: Sendable {
        /// The page's path.
        public let url: String
        /// Its title.
        public let title: String
        /// Its breadcrumb.
        public let breadcrumb: String
        /// Its score.
        public let score: Double
        /// Each query word's share of the score.
        public let contributions: [String: Double]
        /// Its facet values.
        public let facets: [String: String]
    }

    /// A query word with its statistics, for explanations.
    public struct TermInfo: Sendable {
        /// The typed word.
        public let word: String
        /// The indexed term it became, or the terms a prefix or a correction expanded to.
        public let terms: [String]
        /// How many pages contain it (its most frequent expansion).
        public let documentFrequency: Int
        /// Its inverse document frequency.
        public let idf: Double
    }

    /// The index's `meta.json`, as far as queries need it.
    private struct Meta: Decodable {
        var stopwords: [String]
        var stems: Bool
        var documents: Int
        var impactScale: Double
        var results: Int
        var dictionary: [String]
        var facets: [String: FacetRuns]
        var synonyms: [SynonymMatcher.Group]
    }

    /// One facet's values, and every page's as runs of value numbers (-1: none).
    private struct FacetRuns: Decodable {
        var values: [String]
        var runs: [Int]
    }

    /// A term's dictionary entry: how many pages have it, and its segments, highest impact first.
    struct Entry: Decodable {
        struct Segment {
            let impact: Int
            let count: Int
            /// The postings themselves, or the number of the posting file that holds them.
            let inline: String?
            let file: Int?
        }
        let pages: Int
        let segments: [Segment]

        init(from decoder: Decoder) throws {
            var list = try decoder.unkeyedContainer()
            pages = try list.decode(Int.self)
            var segments: [Segment] = []
            while !list.isAtEnd {
                var segment = try list.nestedUnkeyedContainer()
                let impact = try segment.decode(Int.self), count = try segment.decode(Int.self)
                if let file = try? segment.decode(Int.self) {
                    segments.append(Segment(impact: impact, count: count, inline: nil, file: file))
                } else {
                    segments.append(Segment(impact: impact, count: count, inline: try segment.decode(String.self), file: nil))
                }
            }
            self.segments = segments
        }
    }

    /// A page's result record: url, title, breadcrumb, the first part of its text.
    private struct Record: Decodable {
        var u: String
        var t: String
        var b: String
    }

    private let directory: URL
    private let meta: Meta
    private var dictionary: [Int: [String: Entry]] = [:]
    private var postingFiles: [Int: [String]] = [:]
    private var recordFiles: [String: [Record]] = [:]
    private lazy var facetValues: [String: [Int]] = meta.facets.mapValues { facet in
        var values: [Int] = []
        values.reserveCapacity(meta.documents)
        for pair in stride(from: 0, to: facet.runs.count - 1, by: 2) {
            values += repeatElement(facet.runs[pair], count: facet.runs[pair + 1])
        }
        return values
    }
    /// The tokenizer the index was built with.
    public let tokenizer: Tokenizer
    /// The synonym groups the index was built with.
    public let synonyms: SynonymMatcher
    /// Files read so far, relative to the index's folder, in order (what a browser would fetch).
    public private(set) var filesRead: [String] = []

    /// Opens the index in `directory` (for example `public/cari/index/id`).
    public init(directory: String) throws {
        self.directory = URL(fileURLWithPath: directory)
        let meta = try JSONDecoder().decode(Meta.self, from: Data(contentsOf: self.directory.appendingPathComponent("meta.json")))
        self.meta = meta
        tokenizer = Tokenizer(stopwords: Set(meta.stopwords), stems: meta.stems)
        synonyms = SynonymMatcher(groups: meta.synonyms)
    }

    private func read<T: Decodable>(_ path: String, as type: T.Type) -> T? {
        filesRead.append(path)
        return (try? Data(contentsOf: directory.appendingPathComponent(path))).flatMap { try? JSONDecoder().decode(T.self, from: $0) }
    }

    /// Page `document`'s result record, from the file of its neighbours' records (read once, as
    /// the browser fetches it once).
    private func record(_ document: Int) -> Record? {
        let path = IndexFormat.recordPath(document)
        let records = recordFiles[path] ?? read(path, as: [Record].self) ?? []
        recordFiles[path] = records
        let position = document % IndexFormat.recordsPerFile
        return position < records.count ? records[position] : nil
    }

    private func shard(_ number: Int) -> [String: Entry] {
        if let known = dictionary[number] { return known }
        let entries = read("d/\(number).json", as: [String: Entry].self) ?? [:]
        dictionary[number] = entries
        return entries
    }

    private func postings(_ segment: Entry.Segment, at position: Int, of entry: Entry) -> [Int] {
        if let inline = segment.inline { return PostingCodec.decode(inline) ?? [] }
        guard let file = segment.file else { return [] }
        let texts = postingFiles[file] ?? read("p/\(file).json", as: [String].self) ?? []
        postingFiles[file] = texts
        // The file holds the term's segments that name it, in order.
        let index = entry.segments[..<position].filter { $0.file == file }.count
        return index < texts.count ? PostingCodec.decode(texts[index]) ?? [] : []
    }

    /// Whether two terms differ by one insertion, deletion, substitution or swap of neighbours
    /// (the browser's `oneEditApart`).
    public static func oneEditApart(_ a: String, _ b: String) -> Bool {
        let x = Array(a), y = Array(b)
        guard abs(x.count - y.count) <= 1, a != b else { return false }
        var i = 0
        while i < x.count, i < y.count, x[i] == y[i] { i += 1 }
        func rest(_ p: Int, _ q: Int) -> Bool { x.dropFirst(p).elementsEqual(y.dropFirst(q)) }
        if x.count == y.count {
            return rest(i + 1, i + 1) || (i + 1 < x.count && x[i] == y[i + 1] && x[i + 1] == y[i] && rest(i + 2, i + 2))
        }
        return x.count > y.count ? rest(i + 1, i) : rest(i, i + 1)
    }

    /// The terms a query word stands for: itself; while it is being typed (a prefix), every term
    /// it begins, when they lie in few shards; failing both, for a word of five letters or more,
    /// the terms one edit away.
    func expansions(of term: String, prefix: Bool) -> [(term: String, entry: Entry)] {
        let firsts = meta.dictionary
        guard !firsts.isEmpty else { return [] }
        var found: [(term: String, entry: Entry)] = []
        let range = IndexFormat.shards(beginning: term, firsts: firsts)
        if prefix, !term.hasPrefix("="), range.count <= IndexFormat.prefixShardLimit {
            for number in range {
                found += shard(number).filter { IndexFormat.begins($0.key, with: term) }.map { ($0.key, $0.value) }
            }
        } else if let entry = shard(range.lowerBound)[term] {
            found = [(term, entry)]
        }
        if found.isEmpty, !term.hasPrefix("="), term.count >= IndexFormat.correctionMinimumLength {
            for number in IndexFormat.correctionShards(for: term, firsts: firsts) {
                found += shard(number).filter { Self.oneEditApart($0.key, term) }.map { ($0.key, $0.value) }
            }
        }
        return found.sorted { IndexFormat.precedes($0.term, $1.term) }
    }

    /// Ranks pages for `query`, keeping only pages whose facets have one of the `filters`' values
    /// (for each facet filtered). The last word, when the query does not end in a space, also
    /// matches every term it begins (so results come while typing).
    public func search(_ query: String, limit: Int = 10, filters: [String: Set<String>] = [:]) -> (hits: [Hit], terms: [TermInfo]) {
        let prefixLast = !(query.last?.isWhitespace ?? true)
        // A member of a synonym group stands for its group (the word being typed is left alone).
        let tokens = synonyms.rewrite(tokenizer.tokens(query), keepingLast: prefixLast)
        let words = tokens.enumerated().map { position, token in
            expansions(of: token.term, prefix: prefixLast && position == tokens.count - 1)
        }
        let count = Double(meta.documents)
        let infos = zip(tokens, words).map { token, found -> TermInfo in
            let frequency = found.map(\.entry.pages).max() ?? 0
            return TermInfo(word: token.word, terms: found.map(\.term), documentFrequency: frequency, idf: SearchIndex.idf(pages: frequency, of: count))
        }
        let allowed = filters.compactMap { key, wanted -> (values: [Int], numbers: Set<Int>)? in
            guard let facet = meta.facets[key] else { return nil }
            return (facetValues[key] ?? [], Set(facet.values.enumerated().filter { wanted.contains($0.element) }.map(\.offset)))
        }
        let ranked = rank(words, results: max(limit, meta.results)) { document in
            allowed.allSatisfy { document < $0.values.count && $0.numbers.contains($0.values[document]) }
        }
        let hits = ranked.prefix(limit).map { document, impacts -> Hit in
            let record = self.record(document)
            var contributions: [String: Double] = [:]
            for (token, impact) in zip(tokens, impacts) where impact > 0 {
                contributions[token.word, default: 0] += Double(impact) / meta.impactScale
            }
            var facets: [String: String] = [:]
            for (key, facet) in meta.facets {
                if let number = facetValues[key]?[document], number >= 0, number < facet.values.count { facets[key] = facet.values[number] }
            }
            return Hit(url: record?.u ?? "", title: record?.t ?? "", breadcrumb: record?.b ?? "",
                       score: Double(impacts.reduce(0, +)) / meta.impactScale, contributions: contributions, facets: facets)
        }
        return (hits, infos)
    }

    /// The first `results` pages for `words` (each a list of expansions), with each word's impact
    /// on each: segments are read highest impact first until the first results are settled.
    func rank(_ words: [[(term: String, entry: Entry)]], results: Int, allowed: (Int) -> Bool) -> [(document: Int, impacts: [Int])] {
        var next = words.map { [Int](repeating: 0, count: $0.count) }
        var known: [Int: [Int]] = [:]
        var sums: [Int: Int] = [:]
        func remaining(_ word: Int) -> Int {
            zip(words[word], next[word]).map { $1 < $0.entry.segments.count ? $0.entry.segments[$1].impact : 0 }.max() ?? 0
        }
        // How many pages have each score, kept as scores change: the cheap half of the test.
        var counts: [Int] = []
        var lastBound = -1
        while true {
            let rest = words.indices.map(remaining)
            let bound = rest.reduce(0, +)
            if bound == 0 { break }
            if bound != lastBound, Self.settled(sums: sums, counts: counts, known: known, rest: rest, results: results) { break }
            lastBound = bound
            // The next segment: the highest impact; the first word, then the first term, on ties.
            var choice = (word: 0, expansion: 0, impact: 0)
            for (word, found) in words.enumerated() {
                for expansion in found.indices where next[word][expansion] < found[expansion].entry.segments.count {
                    let impact = found[expansion].entry.segments[next[word][expansion]].impact
                    if impact > choice.impact { choice = (word, expansion, impact) }
                }
            }
            let entry = words[choice.word][choice.expansion].entry
            let position = next[choice.word][choice.expansion]
            for document in postings(entry.segments[position], at: position, of: entry) where allowed(document) {
                var impacts = known[document] ?? [Int](repeating: 0, count: words.count)
                if choice.impact > impacts[choice.word] {
                    let old = sums[document] ?? 0, new = old + choice.impact - impacts[choice.word]
                    if new >= counts.count { counts += [Int](repeating: 0, count: new + 1 - counts.count) }
                    if old > 0 { counts[old] -= 1 }
                    counts[new] += 1
                    sums[document] = new
                    impacts[choice.word] = choice.impact
                    known[document] = impacts
                }
            }
            next[choice.word][choice.expansion] += 1
        }
        return sums.sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }
            .prefix(results).map { ($0.key, known[$0.key] ?? []) }
    }

    /// Whether the first `results` pages are known: the last of them scores more than any other
    /// page could, whatever the segments not yet read (`rest`: each word's highest unread impact).
    /// `counts` holds how many pages have each score (scores are small whole numbers), so the
    /// last result's score is found without sorting.
    static func settled(sums: [Int: Int], counts: [Int], known: [Int: [Int]], rest: [Int], results: Int) -> Bool {
        // Fewer than `results` pages above what an unseen page could reach.
        guard counts.dropFirst(rest.reduce(0, +) + 1).reduce(0, +) >= results else { return false }
        // The last result's score, and how many pages score more.
        var last = counts.count - 1, before = 0
        while before + counts[last] < results {
            before += counts[last]
            last -= 1
        }
        // Of the pages at that score, the first by number are in.
        let tied = sums.compactMap { $0.value == last ? $0.key : nil }.sorted()
        let lastPage = tied[results - before - 1]
        for (document, sum) in sums where sum < last || (sum == last && document > lastPage) {
            guard let impacts = known[document] else { continue }
            let reach = zip(impacts, rest).reduce(0) { $0 + max($1.0, $1.1) }
            if reach > last || (reach == last && document < lastPage) { return false }
        }
        return true
    }
}
