import Content
import Dispatch
import Foundation

/// One language's search index as the last build left it, so the next build (the live
/// preview's, after an edit) computes again only what the changed pages touch: their terms,
/// the entries of those terms, and their records. Everything else is reused as it was, and the
/// files come out byte for byte as a build without a memo makes them (tests compare the two).
///
/// Pages are compared by a hash of their document; a page added, removed or moved (which
/// renumbers pages) or other settings start the index afresh, and a new (rounded) average page
/// length, which changes every impact, makes every entry again.
public final class IndexMemo: @unchecked Sendable {
    // Only used by one build at a time (`IncrementalBuilder` builds under its lock).
    /// The tokenizer, synonyms and pages' addresses the memo was made with.
    private var settings = 0
    private var addresses: [String] = []
    /// Per page (by number): a hash of its text, its terms with weights, its record (a line of
    /// its record file) and the further parts of its text.
    private var keys: [Int] = []
    private var pages: [SearchIndex.Weighed.Page] = []
    private var records: [(line: [UInt8], parts: [(path: String, text: [UInt8])])] = []
    /// Each record file's text, by its number (its first page over `IndexFormat.recordsPerFile`).
    private var recordFiles: [[UInt8]] = []
    /// Terms by number, and each term's postings in page order.
    private var names: [String] = []
    private var numbers: [String: Int32] = [:]
    private var postings: [[(document: Int32, weight: Float)]] = []
    /// Each term's entry (nil: no page has it), and the numbers of the terms with one, in
    /// dictionary order.
    private var entries: [SearchIndex.Entry?] = []
    private var order: [Int32] = []
    private var average = 0.0
    /// Each page's facets, and meta.json's facets made from them (`SearchIndex.facetRuns`).
    private var facets: [[String: String]] = []
    private var facetText: String?

    /// The last build's pages' addresses in the order given, and their order by address.
    private var givenAddresses: [String] = []
    private var givenOrder: [Int] = []
    /// The settings' part of meta.json, for the settings it was made with.
    private var metaParts: (settings: Int, value: SearchIndex.MetaSettings)?

    /// An empty memo: its first build makes every file.
    public init() {}

    /// `SearchIndex.pageOrder` of `documents`, sorted again only when their addresses changed.
    func pageOrder(of documents: [SearchDocument]) -> [Int] {
        let addresses = documents.map(\.url)
        if addresses != givenAddresses {
            givenAddresses = addresses
            givenOrder = SearchIndex.pageOrder(of: documents)
        }
        return givenOrder
    }

    /// `SearchIndex.metaSettings`, made again only when the settings changed.
    func metaSettings(tokenizer: Tokenizer, synonyms: SynonymMatcher) -> SearchIndex.MetaSettings {
        let settings = Self.settingsKey(tokenizer: tokenizer, synonyms: synonyms)
        if let parts = metaParts, parts.settings == settings { return parts.value }
        let value = SearchIndex.metaSettings(tokenizer: tokenizer, synonyms: synonyms)
        metaParts = (settings, value)
        return value
    }

    /// A hash of the tokenizer's settings and the synonyms.
    private static func settingsKey(tokenizer: Tokenizer, synonyms: SynonymMatcher) -> Int {
        var hasher = Hasher()
        hasher.combine(tokenizer.stems)
        hasher.combine(tokenizer.stopwords)
        hasher.combine(synonyms)
        return hasher.finalize()
    }

    /// A hash of everything of a page the index holds (every field of its document): pages with
    /// the same are not indexed again.
    public static func textKey(_ document: SearchDocument) -> Int {
        document.hashValue
    }

    /// The index files of `documents` (in page order), updating the memo to them; `textKeys`,
    /// when known, are their `textKey`s.
    func update(_ documents: [SearchDocument], textKeys: [Int]?, tokenizer: Tokenizer, synonyms: SynonymMatcher, firsts: inout [String]) -> [String: [UInt8]] {
        let settings = Self.settingsKey(tokenizer: tokenizer, synonyms: synonyms)
        let addresses = documents.map(\.url)
        if settings != self.settings || addresses != self.addresses { reset(settings: settings, addresses: addresses) }

        // The pages whose text changed since (all of them, the first time).
        let newKeys = textKeys ?? {
            let keys = ConcurrentResults<Int>(count: documents.count, initial: 0)
            DispatchQueue.concurrentPerform(iterations: documents.count) { keys[$0] = Self.textKey(documents[$0]) }
            return keys.values
        }()
        let changed = documents.indices.filter { newKeys[$0] != self.keys[$0] }
        self.keys = newKeys
        for document in changed where facets[document] != documents[document].facets {
            facets[document] = documents[document].facets
            facetText = nil
        }
        if facetText == nil { facetText = SearchIndex.facetRuns(documents) }

        // Their terms, numbered in the memo's numbering; postings moved from old to new terms.
        let weighed = SearchIndex.weigh(changed.map { documents[$0] }, tokenizer: tokenizer, synonyms: synonyms)
        let local = weighed.names.map(number)
        var touched = Set<Int32>()
        for (position, document) in changed.enumerated() {
            for (term, _) in pages[document].terms {
                postings[Int(term)].remove(at: Self.position(of: Int32(document), in: postings[Int(term)]))
                touched.insert(term)
            }
            var page = weighed.pages[position]
            page.terms = page.terms.map { (local[Int($0.term)], $0.weight) }
            for (term, weight) in page.terms {
                postings[Int(term)].insert((Int32(document), weight), at: Self.position(of: Int32(document), in: postings[Int(term)]))
                touched.insert(term)
            }
            pages[document] = page
            records[document] = SearchIndex.record(of: documents[document], number: document)
        }
        let perFile = IndexFormat.recordsPerFile
        for file in Set(changed.map { $0 / perFile }) {
            recordFiles[file] = SearchIndex.recordFile(records[file * perFile..<min(records.count, (file + 1) * perFile)].map(\.line))
        }

        // Entries: of the touched terms, or of every term when the average length moved.
        let lengths = pages.map(\.length)
        let average = SearchIndex.averageLength(lengths)
        let averageMoved = average != self.average
        let remake = averageMoved ? postings.indices.map(Int32.init) : touched.sorted()
        self.average = average
        let made = ConcurrentResults<SearchIndex.Entry?>(count: remake.count, initial: nil)
        let (postings, count) = (self.postings, Double(lengths.count))
        let names = self.names
        DispatchQueue.concurrentPerform(iterations: remake.count) { index in
            let term = Int(remake[index])
            guard !postings[term].isEmpty else { return }
            made[index] = SearchIndex.Entry(names[term], postings[term], lengths: lengths, average: average, count: count)
        }
        var added: [Int32] = [], removed: [Int32] = []
        for (term, entry) in zip(remake, made.values) {
            if entries[Int(term)] == nil, entry != nil { added.append(term) }
            if entries[Int(term)] != nil, entry == nil { removed.append(term) }
            entries[Int(term)] = entry
        }
        if added.count + removed.count > 64 {
            order = entries.indices.filter { entries[$0] != nil }.map(Int32.init).sorted { IndexFormat.precedes(names[Int($0)], names[Int($1)]) }
        } else {
            // A few terms come and go: each found in dictionary order by bisection.
            func place(_ term: Int32) -> Int {
                var low = 0, high = order.count
                while low < high {
                    let middle = (low + high) / 2
                    if IndexFormat.precedes(names[Int(order[middle])], names[Int(term)]) { low = middle + 1 } else { high = middle }
                }
                return low
            }
            for term in removed { order.remove(at: place(term)) }
            for term in added { order.insert(term, at: place(term)) }
        }

        var files: [String: [UInt8]] = [:]
        files.reserveCapacity(recordFiles.count + order.count / 50)
        cutShards(remade: averageMoved ? nil : Set(remake), into: &files, firsts: &firsts)
        for (file, text) in recordFiles.enumerated() { files[IndexFormat.recordPath(file * perFile)] = text }
        for record in records {
            for (path, text) in record.parts { files[path] = text }
        }
        return files
    }

    /// meta.json's facets of the pages of the last `update`, made again only when a page's
    /// facets changed.
    var facetRuns: String { facetText ?? "" }

    /// A dictionary shard of the last update: its terms (by number) in order, the number of its
    /// entries' first posting file and those files' text, its own text, and whether it closed
    /// full (not at the end).
    private struct Shard {
        var terms: [Int32] = []
        var firstFile = 0
        var postingFiles: [[UInt8]] = []
        var text: [UInt8] = []
        var full = false
    }
    private var shards: [Shard] = []
    /// Each term's shard in `shards` (by term number; -1: none).
    private var shardOfTerm: [Int] = []

    /// Cuts the entries in `order` into shards as `SearchIndex.termFiles` does, taking a shard of
    /// the last update as it was when it starts at the same term and posting file, holds the same
    /// terms, and none of them was made again (`remade`; nil: all were). An edit touches a few
    /// shards; the others' text is not made again.
    private func cutShards(remade: Set<Int32>?, into files: inout [String: [UInt8]], firsts: inout [String]) {
        var stale = Set<Int>()
        var byFirstTerm: [Int32: Int] = [:]
        if let remade {
            for term in remade where Int(term) < shardOfTerm.count && shardOfTerm[Int(term)] >= 0 { stale.insert(shardOfTerm[Int(term)]) }
            for (index, shard) in shards.enumerated() where !stale.contains(index) { byFirstTerm[shard.terms[0]] = index }
        }
        var cutter = SearchIndex.ShardCutter()
        var made: [Shard] = []
        var open = Shard()
        var position = 0
        while position < order.count {
            if cutter.isAtShardStart, let last = byFirstTerm[order[position]].map({ shards[$0] }) {
                let end = position + last.terms.count
                if last.firstFile == cutter.postingFiles, end <= order.count, last.full || end == order.count,
                   order[position..<end].elementsEqual(last.terms) {
                    cutter.reuse(first: names[Int(last.terms[0])], text: last.text, postingFiles: last.postingFiles, into: &files, firsts: &firsts)
                    made.append(last)
                    position = end
                    continue
                }
            }
            let term = order[position]
            if cutter.isAtShardStart { open = Shard(firstFile: cutter.postingFiles) }
            // Safe: `order` lists exactly the terms with an entry.
            let entry = entries[Int(term)]!
            cutter.add(entry, into: &files, firsts: &firsts)
            open.terms.append(term)
            open.postingFiles += entry.files
            position += 1
            if let text = cutter.closed {
                (open.text, open.full) = (text, true)
                made.append(open)
            }
        }
        cutter.finish(into: &files, firsts: firsts)
        if let text = cutter.closed {
            (open.text, open.full) = (text, false)
            made.append(open)
        }
        shards = made
        shardOfTerm = Array(repeating: -1, count: names.count)
        for (index, shard) in made.enumerated() {
            for term in shard.terms { shardOfTerm[Int(term)] = index }
        }
    }

    /// Starts afresh: no pages, no terms.
    private func reset(settings: Int, addresses: [String]) {
        self.settings = settings
        self.addresses = addresses
        keys = Array(repeating: 0, count: addresses.count)
        pages = Array(repeating: SearchIndex.Weighed.Page(), count: addresses.count)
        records = Array(repeating: ([], []), count: addresses.count)
        recordFiles = Array(repeating: [], count: (addresses.count + IndexFormat.recordsPerFile - 1) / IndexFormat.recordsPerFile)
        facets = Array(repeating: [:], count: addresses.count)
        facetText = nil
        names = []
        numbers = [:]
        postings = []
        entries = []
        order = []
        shards = []
        shardOfTerm = []
        average = 0
    }

    /// A term's number, numbering it when new.
    private func number(_ term: String) -> Int32 {
        if let known = numbers[term] { return known }
        let number = Int32(names.count)
        numbers[term] = number
        names.append(term)
        postings.append([])
        entries.append(nil)
        return number
    }

    /// Where `document` is, or would go, in a posting list in page order.
    private static func position(of document: Int32, in list: [(document: Int32, weight: Float)]) -> Int {
        var low = 0, high = list.count
        while low < high {
            let middle = (low + high) / 2
            if list[middle].document < document { low = middle + 1 } else { high = middle }
        }
        return low
    }
}
