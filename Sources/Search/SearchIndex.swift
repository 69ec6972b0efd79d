import Content
import Dispatch
import Foundation

/// A page as the search index sees it.
public struct SearchDocument: Sendable {
    /// The page's site path.
    public var url: String
    /// Its title.
    public var title: String
    /// Its breadcrumb, for the result list ("Jawa Barat › Kabupaten Indramayu").
    public var breadcrumb: String
    /// Section headings.
    public var headings: [String]
    /// What identifies the page besides its title: a village's district, regency, province and
    /// code. Weighted like the title, so a search for a place ranks its pages above text that
    /// merely mentions it.
    public var keywords: [String]
    /// The text.
    public var body: String
    /// Facet values: `provinsi`, `kabupaten`, `pilar` (several, joined by ","), `tahun`, `jenis`.
    public var facets: [String: String]

    /// Creates a document.
    public init(url: String, title: String, breadcrumb: String, headings: [String], keywords: [String] = [], body: String, facets: [String: String]) {
        self.url = url
        self.title = title
        self.breadcrumb = breadcrumb
        self.headings = headings
        self.keywords = keywords
        self.body = body
        self.facets = facets
    }
}

/// A sharded static search index: term shards by the first two characters of the term, plus
/// document records in chunks, so that a query downloads only what it needs and a site of any
/// size writes a bounded number of files. Ranking is BM25 with the title weighted above the
/// headings, and the headings above the body.
public struct SearchIndex: Sendable {
    /// Field weights: a term in the title or the page's keywords (its place) counts three times,
    /// in a heading twice.
    public static let titleWeight = 3.0, keywordWeight = 3.0, headingWeight = 2.0, bodyWeight = 1.0
    /// BM25 parameters.
    public static let k1 = 1.2, b = 0.75
    /// Documents per record file.
    public static let chunkSize = 200
    /// Characters of text kept per document for snippets.
    public static let snippetLength = 280

    /// The files of the index, by path relative to its folder, as JSON text.
    public let files: [String: String]

    /// The shard a term lives in.
    public static func shard(of term: String) -> String {
        String(term.prefix(2))
    }

    /// Builds the index of `documents` with `tokenizer`. With a `cache`, pages whose text is
    /// unchanged since the last build are not tokenized again (the live preview's rebuilds).
    /// `synonyms` adds each group's term to the pages that contain one of its members.
    public init(documents: [SearchDocument], tokenizer: Tokenizer, language: String, synonyms: SynonymMatcher = .none, cache: TermCache? = nil) {
        // Documents are tokenized concurrently, in slices that each keep their own stem memo;
        // postings are then gathered in document order, so the index is the same every time.
        let slices = max(1, min(documents.count, ProcessInfo.processInfo.activeProcessorCount * 4))
        let perSlice = (documents.count + slices - 1) / max(slices, 1)
        var weighted = [(weights: [String: Double], length: Double)](repeating: ([:], 0), count: documents.count)
        weighted.withUnsafeMutableBufferPointer { buffer in
            // Each index belongs to exactly one slice, so no two workers ever write the same element.
            nonisolated(unsafe) let slots = buffer
            DispatchQueue.concurrentPerform(iterations: slices) { slice in
                var memo: [String: String] = [:]
                for index in (slice * perSlice)..<min(documents.count, (slice + 1) * perSlice) {
                    let document = documents[index]
                    var hasher = Hasher()
                    hasher.combine(tokenizer.stems)
                    hasher.combine(synonyms)
                    hasher.combine(document.title)
                    hasher.combine(document.headings)
                    hasher.combine(document.keywords)
                    hasher.combine(document.body)
                    let key = hasher.finalize()
                    if let known = cache?[key] {
                        slots[index] = known
                        continue
                    }
                    var weights: [String: Double] = [:]
                    var length = 0.0
                    for (text, weight) in [(document.title, Self.titleWeight), (document.headings.joined(separator: " "), Self.headingWeight),
                                           (document.keywords.joined(separator: " "), Self.keywordWeight), (document.body, Self.bodyWeight)] {
                        let terms = tokenizer.tokens(text, stems: &memo).map(\.term)
                        for term in terms {
                            weights[term, default: 0] += weight
                            length += weight
                        }
                        // A synonym group counts as often as its members appear; the page's
                        // length is its words', not these.
                        for term in synonyms.groupTerms(in: terms) { weights[term, default: 0] += weight }
                    }
                    slots[index] = (weights, length)
                    cache?[key] = (weights, length)
                }
            }
        }
        var postings: [String: [(Int, Double)]] = [:]
        var lengths: [Double] = []
        lengths.reserveCapacity(documents.count)
        for index in 0..<documents.count {
            lengths.append(weighted[index].length)
            for (term, weight) in weighted[index].weights { postings[term, default: []].append((index, weight)) }
        }
        let average = lengths.isEmpty ? 1 : max(1, lengths.reduce(0, +) / Double(lengths.count))
        // Each posting stores its BM25 term-frequency part, already normalised by the page's
        // length, so a query needs only the shards of its terms (not every page's length): the
        // score is idf × this value, summed over the query's words.
        var shards: [String: [String: [(Int, Double)]]] = [:]
        for (term, list) in postings {
            shards[Self.shard(of: term), default: [:]][term] = list.map { document, weight in
                (document, weight * (Self.k1 + 1) / (weight + Self.k1 * (1 - Self.b + Self.b * lengths[document] / average)))
            }
        }

        var files: [String: String] = [:]
        for (name, terms) in shards {
            let body = terms.sorted(by: { $0.key < $1.key }).map { term, postings in
                JSONText.string(term) + ":[" + postings.map { "[\($0.0),\(JSONText.number($0.1))]" }.joined(separator: ",") + "]"
            }.joined(separator: ",\n")
            files["terms/\(name).json"] = "{\n" + body + "\n}\n"
        }
        for start in stride(from: 0, to: documents.count, by: Self.chunkSize) {
            let records = documents[start..<min(start + Self.chunkSize, documents.count)].enumerated().map { offset, document in
                let facets = document.facets.sorted(by: { $0.key < $1.key }).map { JSONText.string($0.key) + ":" + JSONText.string($0.value) }.joined(separator: ",")
                // A page without text (a village without a narrative) shows what identifies it.
                let text = document.body.isEmpty ? document.keywords.joined(separator: " · ") : document.body
                let snippet = String(text.replacingOccurrences(of: "\n", with: " ").prefix(Self.snippetLength))
                return "{\"u\":\(JSONText.string(document.url)),\"t\":\(JSONText.string(document.title)),\"b\":\(JSONText.string(document.breadcrumb)),"
                    + "\"s\":\(JSONText.string(snippet)),\"f\":{\(facets)}}"
            }
            files["docs/\(start / Self.chunkSize).json"] = "[\n" + records.joined(separator: ",\n") + "\n]\n"
        }
        var facetValues: [String: Set<String>] = [:]
        for document in documents {
            for (key, value) in document.facets {
                for part in value.split(separator: ",") { facetValues[key, default: []].insert(String(part)) }
            }
        }
        let facets = facetValues.sorted(by: { $0.key < $1.key }).map { key, values in
            JSONText.string(key) + ":[" + values.sorted().map(JSONText.string).joined(separator: ",") + "]"
        }.joined(separator: ",")
        files["meta.json"] = """
        {"language":\(JSONText.string(language)),"stems":\(tokenizer.stems),"documents":\(documents.count),"chunk":\(Self.chunkSize),"shards":[\(shards.keys.sorted().map(JSONText.string).joined(separator: ","))],\
        "stopwords":[\(tokenizer.stopwords.sorted().map(JSONText.string).joined(separator: ","))],"facets":{\(facets)},\
        "synonyms":[\(synonyms.groups.map { group in
            "{\"term\":\(JSONText.string(group.term)),\"phrases\":[\(group.phrases.map { "[" + $0.map(JSONText.string).joined(separator: ",") + "]" }.joined(separator: ","))]}"
        }.joined(separator: ","))]}

        """
        self.files = files
    }
}

/// Scores in the index files: three decimals are enough to rank, and keep the shards small.
extension JSONText {
    /// A number with at most three decimals, without String(format:) (millions are written).
    static func number(_ value: Double) -> String {
        let thousandths = Int((value * 1000).rounded())
        let whole = thousandths / 1000, fraction = abs(thousandths % 1000)
        if fraction == 0 { return String(whole) }
        var digits = String(fraction)
        while digits.count < 3 { digits = "0" + digits }
        while digits.hasSuffix("0") { digits.removeLast() }
        return (thousandths < 0 && whole == 0 ? "-" : "") + "\(whole).\(digits)"
    }
}

/// Term weights of pages already tokenized, by a hash of their text, shared across builds.
public final class TermCache: @unchecked Sendable {
    private let lock = NSLock()
    private var entries: [Int: (weights: [String: Double], length: Double)] = [:]

    /// An empty cache.
    public init() {}

    subscript(key: Int) -> (weights: [String: Double], length: Double)? {
        get { lock.withLock { entries[key] } }
        set { lock.withLock { entries[key] = newValue } }
    }
}
