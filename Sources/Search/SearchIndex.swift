import Content
import Dispatch
import Foundation

/// A page as the search index sees it.
public struct SearchDocument: Sendable, Hashable {
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
    /// Facet values, by `IndexFormat.facetKeys` (`jenis`, `provinsi`): what the result list
    /// filters by.
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

/// A static search index that costs a query about the same however large the site is
/// (`IndexFormat` describes its files): a dictionary cut into shards by bytes; postings stored
/// as impact-ordered segments of delta-coded page numbers, so a query reads only the segments
/// that can change its first results; and small result records, four neighbours' to a file,
/// fetched only for what is shown. Ranking is BM25 with the title and the page's place weighted
/// above the headings, and the headings above the body.
public struct SearchIndex: Sendable {
    /// Field weights: a term in the title or the page's keywords (its place) counts three times,
    /// in a heading twice.
    public static let titleWeight = 3.0, keywordWeight = 3.0, headingWeight = 2.0, bodyWeight = 1.0
    /// BM25 parameters.
    public static let k1 = 1.2, b = 0.75

    /// The files of the index, by path relative to its folder: JSON text, as the UTF-8 bytes
    /// written (made as bytes, they are never checked as strings: that was 5 % of a national
    /// index's time).
    public let files: [String: [UInt8]]

    /// The text of the file at `path`, if the index has one.
    public func text(_ path: String) -> String? {
        files[path].map { String(decoding: $0, as: UTF8.self) }
    }

    /// Builds the index of `documents` with `tokenizer`. With a `memo` (the live preview's
    /// rebuilds), only what the pages changed since the memo's build is computed again: their
    /// terms, the entries of those terms and their records (`IndexMemo`); the files are the same
    /// bytes either way. `synonyms` adds each group's term to the pages that contain one of its
    /// members. `textKeys`, when known, are the documents' `IndexMemo.textKey`s.
    public init(documents unordered: consuming [SearchDocument], tokenizer: Tokenizer, language: String, synonyms: SynonymMatcher = .none,
                memo: IndexMemo? = nil, textKeys: [Int]? = nil) {
        // Page numbers follow the addresses, so pages of one province are neighbours (their
        // facet values make few runs) and ties rank in address order.
        let order = memo?.pageOrder(of: unordered) ?? Self.pageOrder(of: unordered)
        // Put in that order in place: a reordered copy retained every field of every document
        // (seven each), and letting go of the given array released them all again.
        var arranged = unordered
        Self.arrange(&arranged, in: order)
        let documents = arranged
        var files: [String: [UInt8]]
        var firsts: [String] = []
        var facets = ""
        if let memo {
            files = memo.update(documents, textKeys: textKeys.map { keys in order.map { keys[$0] } }, tokenizer: tokenizer, synonyms: synonyms, firsts: &firsts)
            facets = memo.facetRuns
        } else {
            // The pages are weighed on every core; then their terms' files (their entries made
            // on every core too) and their result records and meta.json's facets are made at
            // once. The weighed pages are let go of as their postings are made (a national index
            // would otherwise hold both at its peak); records made alongside the weighing held
            // more at once (measured: 25–50 MB more at 83,762 villages, for no time won).
            let weighing = Weighing(documents, tokenizer: tokenizer, synonyms: synonyms)
            DispatchQueue.concurrentPerform(iterations: weighing.sliceCount, execute: weighing.weigh(slice:))
            let terms = FilesBox(), parts = FilesBox()
            DispatchQueue.concurrentPerform(iterations: 2) { part in
                if part == 0 {
                    terms.files = Self.termFiles(weighing.take(), firsts: &terms.firsts)
                } else {
                    parts.files = Self.recordFiles(documents)
                    parts.facets = Self.facetRuns(documents)
                }
            }
            files = terms.files
            firsts = terms.firsts
            files.reserveCapacity(files.count + parts.files.count + 1)
            for (path, text) in parts.files { files[path] = text }
            facets = parts.facets
        }
        let settings = memo?.metaSettings(tokenizer: tokenizer, synonyms: synonyms) ?? Self.metaSettings(tokenizer: tokenizer, synonyms: synonyms)
        files["meta.json"] = Array(Self.meta(documentCount: documents.count, language: language, tokenizer: tokenizer, settings: settings,
                                             firsts: firsts, facets: facets).utf8)
        self.files = files
    }

    /// Puts `elements` in `order` (the position each place takes its element from), moving
    /// them round each cycle of the permutation. Swapped through the buffer, which moves the
    /// two values; the array's own swap copies them.
    static func arrange<Element>(_ elements: inout [Element], in order: [Int]) {
        precondition(order.count == elements.count, "an order of every element")
        var placed = [Bool](repeating: false, count: order.count)
        elements.withUnsafeMutableBufferPointer { elements in
            for start in order.indices where !placed[start] {
                placed[start] = true
                var place = start
                // `place` holds the element `start` had; each swap brings `place` the element
                // its order names and carries that one on, until `place` is where it belongs.
                while order[place] != start {
                    let from = order[place]
                    elements.swapAt(place, from)
                    placed[from] = true
                    place = from
                }
            }
        }
    }

    /// Page numbers follow the addresses: the documents' positions in address order.
    static func pageOrder(of documents: [SearchDocument]) -> [Int] {
        byteOrder(count: documents.count) { index, bytes in bytes += documents[index].url.utf8 }
    }

    /// The positions `0..<count` sorted by the bytes of their keys (`appendKey(position, &bytes)`
    /// appends one), all keys in one buffer and compared with memcmp: through `String.UTF8View`
    /// the sort took a third of a second at a national registry, and as an array per key each
    /// comparison retained and released both (and each key was allocated).
    static func byteOrder(count: Int, appendKey: (Int, inout [UInt8]) -> Void) -> [Int] {
        var bytes: [UInt8] = [], ends: [Int] = []
        ends.reserveCapacity(count)
        for index in 0..<count {
            appendKey(index, &bytes)
            ends.append(bytes.count)
        }
        return bytes.withUnsafeBufferPointer { bytes in
            // No bytes: every key is empty, and so in order.
            guard let base = bytes.baseAddress else { return Array(0..<count) }
            // Each key's first eight bytes as a number that sorts as they do (big-endian, zeros
            // past the key's end): most comparisons end there, without reading the keys again.
            let prefixes = (0..<count).map { index -> UInt64 in
                let start = index == 0 ? 0 : ends[index - 1]
                var prefix: UInt64 = 0
                for offset in 0..<8 { prefix = prefix << 8 | UInt64(start + offset < ends[index] ? base[start + offset] : 0) }
                return prefix
            }
            return (0..<count).sorted { a, b in
                if prefixes[a] != prefixes[b] { return prefixes[a] < prefixes[b] }
                let startA = a == 0 ? 0 : ends[a - 1], startB = b == 0 ? 0 : ends[b - 1]
                let countA = ends[a] - startA, countB = ends[b] - startB
                let order = memcmp(base + startA, base + startB, min(countA, countB))
                return order != 0 ? order < 0 : countA < countB
            }
        }
    }

    /// `meta.json`: the index's settings, the first term of each dictionary shard, the facets.
    static func meta(documentCount: Int, language: String, tokenizer: Tokenizer, settings: MetaSettings, firsts: [String], facets: String) -> String {
        """
        {"language":\(JSONText.string(language)),"stems":\(tokenizer.stems),"documents":\(documentCount),\
        "impactScale":\(Int(IndexFormat.impactScale)),"results":\(IndexFormat.resultLimit),"recordsPerFile":\(IndexFormat.recordsPerFile),"prefixShards":\(IndexFormat.prefixShardLimit),\
        "correctionLength":\(IndexFormat.correctionMinimumLength),"correctionShards":\(IndexFormat.correctionShardLimit),\
        "dictionary":[\(firsts.map(JSONText.string).joined(separator: ","))],\
        "stopwords":[\(settings.stopwords)],\
        "facets":{\(facets)},\
        "synonyms":[\(settings.synonyms)]}

        """
    }

    /// The parts of `meta.json` that follow from the tokenizer and synonyms alone, as JSON.
    struct MetaSettings {
        let stopwords: String
        let synonyms: String
    }

    static func metaSettings(tokenizer: Tokenizer, synonyms: SynonymMatcher) -> MetaSettings {
        MetaSettings(
            stopwords: tokenizer.stopwords.sorted().map(JSONText.string).joined(separator: ","),
            synonyms: synonyms.groups.map { group in
                "{\"term\":\(JSONText.string(group.term)),\"phrases\":[\(group.phrases.map { "[" + $0.map(JSONText.string).joined(separator: ",") + "]" }.joined(separator: ","))]}"
            }.joined(separator: ",")
        )
    }

    /// Files (and the first terms of shards, or the facets) filled by the worker that makes them.
    private final class FilesBox: @unchecked Sendable {
        var files: [String: [UInt8]] = [:]
        var firsts: [String] = []
        var facets = ""
    }

    /// The average page length BM25 normalises by, rounded to two significant digits (as
    /// Lucene keeps lengths lossily): an edit to one page then rarely moves it, and so leaves
    /// every other posting's impact as it was; a rebuild encodes again only that page's terms.
    static func averageLength(_ lengths: [Double]) -> Double {
        guard !lengths.isEmpty else { return 1 }
        let average = max(1, lengths.reduce(0, +) / Double(lengths.count))
        let step = pow(10, log10(average).rounded(.down) - 1)
        return max(1, (average / step).rounded() * step)
    }

    /// The dictionary shards and posting files of pages' weighted terms; `firsts` receives the
    /// first term of each shard.
    static func termFiles(_ weighed: consuming Weighed, firsts: inout [String]) -> [String: [UInt8]] {
        let lengths = weighed.pages.map(\.length)
        // Every term's postings in one array, term after term (`starts`), in page order: an
        // array per term was an allocation per term and its growth, and as many to free.
        let starts = {
            var starts = [Int](repeating: 0, count: weighed.names.count + 1)
            for page in weighed.pages {
                for (term, _) in page.terms { starts[Int(term) + 1] += 1 }
            }
            for term in weighed.names.indices { starts[term + 1] += starts[term] }
            return starts
        }()
        var flat = [(document: Int32, weight: Float)](repeating: (0, 0), count: starts[weighed.names.count])
        var next = starts
        for document in weighed.pages.indices {
            // Each page let go of once it is held as postings: a national index would
            // otherwise hold both at its peak.
            let page = weighed.pages[document]
            weighed.pages[document] = Weighed.Page()
            for (term, weight) in page.terms {
                flat[next[Int(term)]] = (Int32(document), weight)
                next[Int(term)] += 1
            }
        }
        weighed.pages = []
        let postings = flat
        let average = averageLength(lengths)
        let count = Double(lengths.count)
        let names = weighed.names
        let sorted = byteOrder(count: names.count) { term, bytes in IndexFormat.appendSortKey(names[term], to: &bytes) }
        // Entries made on every core, a few runs of terms at a time, each put in its shard in
        // order as soon as made (so that entries are not all held at once).
        let run = 1024, runsAtOnce = 8
        var files: [String: [UInt8]] = [:]
        var cutter = ShardCutter()
        for first in stride(from: 0, to: sorted.count, by: run * runsAtOnce) {
            let runs = min(runsAtOnce, (sorted.count - first + run - 1) / run)
            let made = ConcurrentResults<[Entry]>(count: runs, initial: [])
            DispatchQueue.concurrentPerform(iterations: runs) { part in
                let start = first + part * run
                made[part] = sorted[start..<min(sorted.count, start + run)].map { number in
                    Entry(names[number], postings[starts[number]..<starts[number + 1]], lengths: lengths, average: average, count: count)
                }
            }
            for entries in made.values { for entry in entries { cutter.add(entry, into: &files, firsts: &firsts) } }
        }
        cutter.finish(into: &files, firsts: firsts)
        return files
    }

    /// A term's dictionary entry, made from its postings alone; where its posting files fall in
    /// the index's numbering is settled when the entries are cut into shards (`ShardCutter`).
    struct Entry: Sendable {
        let term: String
        /// The number of pages with the term.
        let pageCount: Int
        /// The whole entry, when its postings are inline.
        let inline: [UInt8]?
        /// Otherwise its segments, each with the term's posting file it is in (from 0)...
        let segments: [(impact: Int, count: Int, file: Int)]
        /// ...and those files' text.
        let files: [[UInt8]]

        /// Above every impact (a few hundred at most: idf × (k1 + 1) × `impactScale`).
        private static let impactCeiling = 1 << 31

        /// Appends an entry's start, `"term":[pages` (its segments follow).
        private static func appendHead(_ term: String, pageCount: Int, to text: inout [UInt8]) {
            JSONText.appendString(term, to: &text)
            text += ":[".utf8
            appendDecimal(pageCount, to: &text)
        }

        /// Appends a segment's start, `,[impact,count,` (its postings or file follow).
        private static func appendSegment(impact: Int, count: Int, to text: inout [UInt8]) {
            text += ",[".utf8
            appendDecimal(impact, to: &text)
            text.append(UInt8(ascii: ","))
            appendDecimal(count, to: &text)
            text.append(UInt8(ascii: ","))
        }

        /// Appends a number at least 0 in decimal digits: through string interpolation the
        /// numbers of the entries were a third of making them (callgrind, 10,000 villages).
        private static func appendDecimal(_ number: Int, to text: inout [UInt8]) {
            precondition(number >= 0, "a count, an impact or a file number")
            var unit = 1
            while unit <= number / 10 { unit *= 10 }
            repeat {
                text.append(UInt8(ascii: "0") + UInt8(number / unit % 10))
                unit /= 10
            } while unit > 0
        }

        /// `Int(value.rounded())` (halves away from zero) of a value from 0 to below 2⁵³, without
        /// the call to libm's `round` that `rounded()` is on this target (6 % of making the
        /// entries, perf): truncating is an instruction, and `value - whole` is exact, `whole`
        /// being `value` without its fraction. The half is added as the comparison's 0 or 1:
        /// compiled as a branch, taken about half the time at random, the instruction after it
        /// was the most sampled of making the entries (perf annotate).
        @inline(__always)
        static func rounded(_ value: Double) -> Int {
            let whole = Int(value)
            return whole &+ Int(unsafeBitCast(value - Double(whole) >= 0.5, to: UInt8.self))
        }

        init(_ term: String, _ list: some Collection<(document: Int32, weight: Float)>, lengths: [Double], average: Double, count: Double) {
            let idf = SearchIndex.idf(pages: list.count, of: count)
            // A posting's impact is its share of the page's score, in whole units; a segment is
            // the pages of one impact, in page order.
            func impact(_ stored: Float, length: Double) -> Int {
                let weight = Double(stored)
                let part = weight * (SearchIndex.k1 + 1) / (weight + SearchIndex.k1 * (1 - SearchIndex.b + SearchIndex.b * length / average))
                return max(1, Self.rounded(idf * part * IndexFormat.impactScale))
            }
            self.term = term
            pageCount = list.count
            // A term on one page (most are: names) is one inline segment, written at once: the
            // arrays of the general case were most of its cost.
            if list.count == 1, let (document, weight) = list.first {
                var text: [UInt8] = []
                text.reserveCapacity(term.utf8.count + 32)
                Self.appendHead(term, pageCount: 1, to: &text)
                Self.appendSegment(impact: impact(weight, length: lengths[Int(document)]), count: 1, to: &text)
                text.append(UInt8(ascii: "\""))
                PostingCodec.append(CollectionOfOne(Int(document)), to: &text)
                text += "\"]]".utf8
                inline = text
                segments = []
                files = []
                return
            }
            // Each posting as one number that sorts as the segments go, highest impact first and
            // then by page: sorting pairs through a comparison closure was a fifth of making the
            // entries (perf, 10,000 villages).
            var keys = list.map { document, stored -> Int in
                (Self.impactCeiling - impact(stored, length: lengths[Int(document)])) << 32 | Int(document)
            }
            keys.sort()
            // Every segment's postings one after the other in one buffer (`PostingCodec`), each
            // segment its impact, count and where its text ends; texts built as bytes: through
            // string interpolation, a fifth of the time making entries went into growing strings.
            var encoded: [UInt8] = []
            encoded.reserveCapacity(keys.count * 2)
            var ordered: [(impact: Int, count: Int, end: Int)] = []
            var start = 0
            while start < keys.count {
                let impact = keys[start] >> 32
                var end = start + 1
                while end < keys.count, keys[end] >> 32 == impact { end += 1 }
                PostingCodec.append(keys[start..<end].lazy.map { $0 & 0xFFFF_FFFF }, to: &encoded)
                ordered.append((Self.impactCeiling - impact, end - start, encoded.count))
                start = end
            }
            func postings(of segment: Int) -> ArraySlice<UInt8> {
                encoded[(segment == 0 ? 0 : ordered[segment - 1].end)..<ordered[segment].end]
            }
            if encoded.count <= IndexFormat.inlinePostingLimit {
                var text: [UInt8] = []
                text.reserveCapacity(term.utf8.count + 16 + encoded.count + 16 * ordered.count)
                Self.appendHead(term, pageCount: list.count, to: &text)
                for (number, segment) in ordered.enumerated() {
                    Self.appendSegment(impact: segment.impact, count: segment.count, to: &text)
                    text.append(UInt8(ascii: "\""))
                    text += postings(of: number)
                    text += "\"]".utf8
                }
                text.append(UInt8(ascii: "]"))
                inline = text
                segments = []
                files = []
                return
            }
            // Highest impacts first, in files that grow: the first results need the first file.
            var files: [[UInt8]] = [], segments: [(impact: Int, count: Int, file: Int)] = []
            var file: [UInt8] = [], budget = IndexFormat.firstPostingFile
            var size = 0
            func flush() {
                if file.isEmpty { file.append(UInt8(ascii: "[")) }
                file.append(UInt8(ascii: "]"))
                file.append(0x0A)
                files.append(file)
                file = []
                size = 0
                budget = min(budget * 2, IndexFormat.largestPostingFile)
            }
            for (number, segment) in ordered.enumerated() {
                let segmentText = postings(of: number)
                if !file.isEmpty, size + segmentText.count > budget { flush() }
                file.append(file.isEmpty ? UInt8(ascii: "[") : UInt8(ascii: ","))
                file.append(UInt8(ascii: "\""))
                file += segmentText
                file.append(UInt8(ascii: "\""))
                segments.append((segment.impact, segment.count, files.count))
                size += segmentText.count
            }
            flush()
            inline = nil
            self.segments = segments
            self.files = files
        }

        /// The entry's text, its first posting file being number `firstFile` of the index.
        func text(firstFile: Int) -> [UInt8] {
            if let inline { return inline }
            var text: [UInt8] = []
            Self.appendHead(term, pageCount: pageCount, to: &text)
            for segment in segments {
                Self.appendSegment(impact: segment.impact, count: segment.count, to: &text)
                Self.appendDecimal(firstFile + segment.file, to: &text)
                text.append(UInt8(ascii: "]"))
            }
            text.append(UInt8(ascii: "]"))
            return text
        }
    }

    /// Cuts entries, given in dictionary order, into dictionary shards by bytes, numbering their
    /// posting files as it goes. The full build and `IndexMemo` both cut with it, so the files
    /// are the same.
    struct ShardCutter {
        /// Posting files numbered so far.
        private(set) var postingFiles = 0
        private var shard: [[UInt8]] = [], size = 0
        /// The text of the shard the last `add` or `finish` closed, if it closed one.
        private(set) var closed: [UInt8]?

        /// Whether no entry waits in an open shard.
        var isAtShardStart: Bool { shard.isEmpty }

        /// Adds the next entry: its posting files are written, and its shard when full.
        mutating func add(_ entry: Entry, into files: inout [String: [UInt8]], firsts: inout [String]) {
            closed = nil
            let text = entry.text(firstFile: postingFiles)
            for (offset, file) in entry.files.enumerated() { files["p/\(postingFiles + offset).json"] = file }
            postingFiles += entry.files.count
            if shard.isEmpty { firsts.append(entry.term) }
            shard.append(text)
            size += text.count + 2
            if size >= IndexFormat.dictionaryShardBytes { close(into: &files, firsts: firsts) }
        }

        /// Writes the last shard, if one is open.
        mutating func finish(into files: inout [String: [UInt8]], firsts: [String]) {
            closed = nil
            if !shard.isEmpty { close(into: &files, firsts: firsts) }
        }

        /// Takes a shard made before as it was: its first term, its text and its entries'
        /// posting files. Only between shards.
        mutating func reuse(first: String, text: [UInt8], postingFiles shardFiles: [[UInt8]], into files: inout [String: [UInt8]], firsts: inout [String]) {
            precondition(shard.isEmpty, "a shard is reused only between shards")
            firsts.append(first)
            files["d/\(firsts.count - 1).json"] = text
            for file in shardFiles {
                files["p/\(postingFiles).json"] = file
                postingFiles += 1
            }
            closed = nil
        }

        private mutating func close(into files: inout [String: [UInt8]], firsts: [String]) {
            var text: [UInt8] = []
            text.reserveCapacity(size + 8)
            text += "{\n".utf8
            for (number, entry) in shard.enumerated() {
                if number > 0 { text += ",\n".utf8 }
                text += entry
            }
            text += "\n}\n".utf8
            files["d/\(firsts.count - 1).json"] = text
            closed = text
            shard = []
            size = 0
        }
    }

    /// Every page's result record, `IndexFormat.recordsPerFile` to a file, and the further parts
    /// of long texts.
    static func recordFiles(_ documents: [SearchDocument]) -> [String: [UInt8]] {
        var files: [String: [UInt8]] = [:]
        files.reserveCapacity(documents.count / IndexFormat.recordsPerFile + 1)
        // Each record written straight into its file (as `recordFile` joins them): a line per
        // record joined afterwards copied a national index's 77 MB of records once more.
        var file: [UInt8] = []
        for number in documents.indices {
            if number % IndexFormat.recordsPerFile == 0 { file.append(0x5B) } else { file += ",\n".utf8 }
            for (path, text) in appendRecord(of: documents[number], number: number, to: &file) { files[path] = text }
            if number % IndexFormat.recordsPerFile == IndexFormat.recordsPerFile - 1 || number == documents.count - 1 {
                file += "]\n".utf8
                files[IndexFormat.recordPath(number)] = file
                file = []
            }
        }
        return files
    }

    /// The text of a record file: its pages' records (`record(of:number:)`), one a line, as a
    /// JSON array.
    static func recordFile(_ lines: some Collection<[UInt8]>) -> [UInt8] {
        var text: [UInt8] = [0x5B]
        text.reserveCapacity(lines.reduce(3) { $0 + $1.count + 2 })
        for (position, line) in lines.enumerated() {
            if position > 0 { text += ",\n".utf8 }
            text += line
        }
        text += "]\n".utf8
        return text
    }

    /// One page's result record (a JSON object on one line) and the further parts of its text,
    /// with their paths. Written as bytes, each part escaped straight from the page's text (its
    /// line breaks as spaces): through strings (the text made one line, its parts, their
    /// literals, the record joined from pieces) the records were a fifth of the index's time.
    static func record(of document: SearchDocument, number: Int) -> (line: [UInt8], parts: [(path: String, text: [UInt8])]) {
        var line: [UInt8] = []
        let parts = appendRecord(of: document, number: number, to: &line)
        return (line, parts)
    }

    /// Appends `record(of:number:)`'s line to `record`; returns the further parts. Inlined, so
    /// that a document is read in place field by field: passed whole, each was copied, every
    /// field retained and released.
    @inline(__always)
    static func appendRecord(of document: SearchDocument, number: Int, to record: inout [UInt8]) -> [(path: String, text: [UInt8])] {
        // A page without text (a village without a narrative) shows what identifies it.
        var whole = document.body.isEmpty ? document.keywords.joined(separator: " · ") : document.body
        return whole.withUTF8 { text in
            let parts = Self.textParts(of: text)
            record.reserveCapacity(record.count + parts[0].count + document.url.utf8.count + document.title.utf8.count + document.breadcrumb.utf8.count + 48)
            record += #"{"u":"#.utf8
            JSONText.appendString(document.url, to: &record)
            record += #","t":"#.utf8
            JSONText.appendString(document.title, to: &record)
            record += #","b":"#.utf8
            JSONText.appendString(document.breadcrumb, to: &record)
            record += #","x":"#.utf8
            JSONText.appendString(UnsafeBufferPointer(rebasing: text[parts[0]]), to: &record, lineBreaksAsSpaces: true)
            record += #","n":\#(parts.count)}"#.utf8
            var files: [(path: String, text: [UInt8])] = []
            for part in parts.indices.dropFirst() {
                var literal: [UInt8] = []
                literal.reserveCapacity(parts[part].count + 8)
                JSONText.appendString(UnsafeBufferPointer(rebasing: text[parts[part]]), to: &literal, lineBreaksAsSpaces: true)
                literal.append(0x0A)
                files.append((IndexFormat.recordPath(number, part: part), literal))
            }
            return files
        }
    }

    /// BM25's inverse document frequency of a term found in `pages` of `count` pages.
    public static func idf(pages: Int, of count: Double) -> Double {
        log(1 + (count - Double(pages) + 0.5) / (Double(pages) + 0.5))
    }

    /// Pages' terms with their weights, terms numbered (`names`): a page's weights add up in an
    /// array by term number, and postings are gathered by number, with no dictionary keyed by
    /// term on the way.
    struct Weighed {
        /// A page's terms and their weights. Weights are whole numbers (sums of the field
        /// weights), exact in a `Float`, which halves what a national index holds. In one array:
        /// two (terms, weights) were two allocations a page to make and to free.
        struct Page {
            var terms: [(term: Int32, weight: Float)] = []
            var length = 0.0
        }
        var names: [String] = []
        var pages: [Page] = []
    }

    /// One worker's pages, the terms it numbered, and the terms of the words it has read.
    private struct Slice {
        let tokenizer: Tokenizer
        let synonyms: SynonymMatcher
        var numbers: [String: Int32] = [:]
        var names: [String] = []
        var pages: [Weighed.Page] = []
        /// Per term: whether a synonym member starts with it, and its weight in the page being
        /// read (with the terms that have one).
        private var starts: [Bool] = []
        private var sums: [Double] = []
        private var touched: [Int32] = []
        private var known = WordTerms()
        private var words = WordBuffer()
        /// The terms of the field being read, in order: the first `count` (see `add`).
        private var idStore: [Int32] = []

        /// A slice for about `pages` pages: room is made for two terms a page (a village's name
        /// and code are new terms; 2.1 a page at 10,000 villages), so that the table of numbers
        /// is not grown and hashed again on the way (a twentieth of numbering new words).
        init(tokenizer: Tokenizer, synonyms: SynonymMatcher, pages: Int) {
            self.tokenizer = tokenizer
            self.synonyms = synonyms
            numbers.reserveCapacity(2 * pages)
        }

        /// Reads a page's fields and adds the page. Inlined, so that the document is read in
        /// place field by field: passed whole, each was copied, every field retained and
        /// released.
        @inline(__always)
        mutating func add(_ document: SearchDocument) {
            var length = 0.0
            length += add(document.title, weight: SearchIndex.titleWeight)
            length += add(document.headings, weight: SearchIndex.headingWeight)
            length += add(document.keywords, weight: SearchIndex.keywordWeight)
            length += add(document.body, weight: SearchIndex.bodyWeight)
            // The page keeps a copy of its own size: handed `touched` itself, it kept its
            // capacity (that of the slice's largest page so far), and the next page's
            // `removeAll(keepingCapacity:)` allocated as much again, for every page (measured at
            // 83,762 villages: 84 MB of a 667 MB heap at the build's peak).
            let terms = sums.withUnsafeBufferPointer { sums in touched.map { (term: $0, weight: Float(sums[Int($0)])) } }
            pages.append(Weighed.Page(terms: terms, length: length))
            for id in touched { sums[Int(id)] = 0 }
            touched.removeAll(keepingCapacity: true)
        }

        /// Adds the terms of a field's texts with the field's weight; its length in weighted words.
        private mutating func add(_ texts: some Collection<String>, weight: Double) -> Double {
            words.read(texts)
            // The words' terms into `idStore`, the known words' all at once (`writeTerms`), each
            // new word's as it is first read.
            var count = 0, next = 0
            while true {
                let room = count + (words.count - next) * known.mostTerms
                if idStore.count < room { idStore += repeatElement(0, count: room - idStore.count) }
                next = idStore.withUnsafeMutableBufferPointer { ids in known.writeTerms(of: words, from: next, into: ids.baseAddress!, count: &count) }
                guard next < words.count else { break }
                for term in termsOfNewWord(next) {
                    if idStore.count == count { idStore.append(0) }
                    idStore[count] = term
                    count += 1
                }
                next += 1
            }
            // Summed through buffer pointers: each write to `sums` or `touched` as an array
            // checked that its storage was not shared, a call per word (perf).
            var candidates = false
            touched.reserveCapacity(touched.count + count)
            idStore.withUnsafeBufferPointer { ids in
                sums.withUnsafeMutableBufferPointer { sums in
                    starts.withUnsafeBufferPointer { starts in
                        for id in ids[..<count] {
                            if sums[Int(id)] == 0 { touched.append(id) }
                            sums[Int(id)] += weight
                            candidates = candidates || starts[Int(id)]
                        }
                    }
                }
            }
            // A synonym group counts as often as its members appear; the page's length is its
            // words', not these.
            if candidates {
                let names = self.names, ids = idStore[..<count]
                let at = ids.indices.filter { starts[Int(ids[$0])] }
                for term in synonyms.groupTerms(in: ids.lazy.map { names[Int($0)] }, at: at) { add(intern(term), weight) }
            }
            return weight * Double(count)
        }

        private mutating func add(_ text: String, weight: Double) -> Double {
            add(CollectionOfOne(text), weight: weight)
        }

        /// The terms of word `number` of those read, not yet in `known`: tokenized, numbered,
        /// and added to `known`.
        private mutating func termsOfNewWord(_ number: Int) -> [Int32] {
            // A code (every village has its own, a new word each) is numbered from its bytes:
            // through the tokenizer it made a string, an array of its digits and a token each.
            let range = words.range(ofWord: number)
            let (text, code, ascii) = words.withWords { bytes, _, _ -> (String, String?, Bool) in
                let word = UnsafeBufferPointer(rebasing: bytes[range])
                if Tokenizer.isCode(word) { return ("", Tokenizer.codeTerm(word), true) }
                return (String(decoding: word, as: UTF8.self), nil, word.allSatisfy { $0 < 0x80 })
            }
            let terms: [Int32]
            if let code {
                terms = code.isEmpty ? [] : [intern(code)]
            } else {
                // An ASCII word read by `WordBuffer` is already one word as `Tokenizer.words`
                // would split it (reading it again gives it back): its terms come straight from
                // it. Other words go through the whole tokenizer, folding included, as before.
                var tokens: [Tokenizer.Token] = []
                if ascii {
                    tokenizer.appendTokens(ofWord: text, to: &tokens, stem: IndonesianStemmer.stem)
                } else {
                    tokens = tokenizer.tokens(text)
                }
                terms = tokens.map { intern($0.term) }
            }
            words.withWords { bytes, _, hashes in
                known.add(UnsafeBufferPointer(rebasing: bytes[range]), hash: hashes[number], terms: terms)
            }
            return terms
        }

        private mutating func intern(_ term: String) -> Int32 {
            let id = SearchIndex.number(of: term, in: &numbers, next: Int32(names.count))
            guard id == names.count else { return id }
            names.append(term)
            starts.append(synonyms.starters.contains(term))
            sums.append(0)
            return id
        }

        private mutating func add(_ id: Int32, _ weight: Double) {
            if sums[Int(id)] == 0 { touched.append(id) }
            sums[Int(id)] += weight
        }
    }

    /// The number of `term` in `numbers`, or `next` (now its number) when it had none: one
    /// lookup, where asking first and then adding hashed every new term twice (setting up the
    /// hasher was a quarter of joining the slices' numberings in a profile of a national index).
    @inline(__always)
    static func number(of term: String, in numbers: inout [String: Int32], next: Int32) -> Int32 {
        func read(_ number: inout Int32) -> Int32 { number }
        return read(&numbers[term, default: next])
    }

    /// Every page's weighted terms and length. Pages are tokenized concurrently, in slices that
    /// each number their own terms and remember each word's terms; the slices' numbers are then
    /// made one.
    static func weigh(_ documents: [SearchDocument], tokenizer: Tokenizer, synonyms: SynonymMatcher) -> Weighed {
        let weighing = Weighing(documents, tokenizer: tokenizer, synonyms: synonyms)
        DispatchQueue.concurrentPerform(iterations: weighing.sliceCount, execute: weighing.weigh(slice:))
        return weighing.take()
    }

    /// `weigh`'s work, in slices a caller runs concurrently (with other work) before taking the
    /// result.
    private final class Weighing: @unchecked Sendable {
        // Each slice is written by one worker; `take` runs after them all.
        let documents: [SearchDocument]
        let tokenizer: Tokenizer
        let synonyms: SynonymMatcher
        /// One slice per core.
        let sliceCount: Int
        private let slices: ConcurrentResults<Slice?>

        init(_ documents: [SearchDocument], tokenizer: Tokenizer, synonyms: SynonymMatcher) {
            self.documents = documents
            self.tokenizer = tokenizer
            self.synonyms = synonyms
            sliceCount = max(1, min(documents.count, Self.cores))
            slices = ConcurrentResults(count: sliceCount, initial: nil)
        }

        /// The cores, asked once: Foundation reads them from the system on every call (75 µs a
        /// call in a profile of rebuilds, which weigh twice).
        private static let cores = ProcessInfo.processInfo.activeProcessorCount

        /// Weighs the pages of slice `number`.
        func weigh(slice number: Int) {
            let perSlice = (documents.count + sliceCount - 1) / sliceCount
            var slice = Slice(tokenizer: tokenizer, synonyms: synonyms, pages: perSlice)
            for index in (number * perSlice)..<min(documents.count, (number + 1) * perSlice) { slice.add(documents[index]) }
            slices[number] = slice
        }

        /// The slices made one, in one numbering; the slices are let go of.
        func take() -> Weighed {
            var weighed = Weighed()
            var numbers: [String: Int32] = [:]
            // At most every slice's terms: the table is not grown (and rehashed) on the way.
            numbers.reserveCapacity((0..<sliceCount).reduce(0) { $0 + (slices[$1]?.names.count ?? 0) })
            weighed.pages.reserveCapacity(documents.count)
            for number in 0..<sliceCount {
                guard var slice = slices[number] else { continue }
                slices[number] = nil  // renumbered below; not held twice
                let global = slice.names.map { name -> Int32 in
                    let id = SearchIndex.number(of: name, in: &numbers, next: Int32(weighed.names.count))
                    if id == weighed.names.count { weighed.names.append(name) }
                    return id
                }
                // Moved out of the slice, so that each page's terms are renumbered in place
                // (a new array a page was half of this), and not at all where the numbering
                // is the slice's own (the first slice's).
                var pages: [Weighed.Page] = []
                swap(&pages, &slice.pages)
                if !global.elementsEqual(global.indices.lazy.map(Int32.init)) {
                    for index in pages.indices {
                        pages[index].terms.withUnsafeMutableBufferPointer { terms in
                            for position in terms.indices { terms[position].term = global[Int(terms[position].term)] }
                        }
                    }
                }
                weighed.pages += pages
            }
            return weighed
        }
    }

    /// The parts of a page's text for snippets (byte ranges of its UTF-8), cut between words:
    /// the first (in the result record) short, the others longer (limits in bytes; cut at a
    /// space or line break, so never inside a character). The spaces and line breaks between
    /// two parts belong to neither.
    static func textParts(of bytes: UnsafeBufferPointer<UInt8>) -> [Range<Int>] {
        func isSpace(_ byte: UInt8) -> Bool { byte == 0x20 || byte == 0x0A || byte == 0x0D }
        var parts: [Range<Int>] = []
        var start = 0
        repeat {
            let limit = parts.isEmpty ? IndexFormat.firstTextLength : IndexFormat.textPartLength
            var end = min(bytes.count, start + limit)
            if end < bytes.count, let space = bytes[start..<end].lastIndex(where: isSpace), space > start { end = space }
            // A text without spaces is cut before a character's first byte.
            while end < bytes.count, end > start, bytes[end] & 0xC0 == 0x80 { end -= 1 }
            if end == start { end = min(bytes.count, start + limit) }
            parts.append(start..<end)
            start = end
            while start < bytes.count, isSpace(bytes[start]) { start += 1 }
        } while start < bytes.count
        return parts
    }

    /// The filterable facets of every page, in page order, as runs: `{"values": [...], "runs":
    /// [value, length, value, length, ...]}`, where value -1 is "none".
    static func facetRuns(_ documents: [SearchDocument]) -> String {
        IndexFormat.facetKeys.map { key in
            // Runs of equal values first, numbered afterwards: neighbours share their values,
            // and the values are hashed once a run rather than twice a page. Read in place
            // (`documents[index]`): a loop over the documents copied each, all its fields
            // retained, most of the time this took.
            var runs: [(value: String?, length: Int)] = []
            for index in documents.indices {
                let value = documents[index].facets[key]
                if let last = runs.last, last.value == value { runs[runs.count - 1].length += 1 } else { runs.append((value, 1)) }
            }
            let values = Set(runs.compactMap(\.value)).sorted()
            let number = Dictionary(uniqueKeysWithValues: values.enumerated().map { ($1, $0) })
            return JSONText.string(key) + ":{\"values\":[" + values.map(JSONText.string).joined(separator: ",") + "],\"runs\":["
                + runs.map { "\($0.value.flatMap { number[$0] } ?? -1),\($0.length)" }.joined(separator: ",") + "]}"
        }.joined(separator: ",")
    }
}
