import Content
import Dispatch
import Search

/// The site's pages as search documents, in one language, from the same graph as the pages.
struct SearchDocuments {
    let graph: SiteGraph
    let context: PageContext

    /// The search index of every page of the language (not the 404 page, redirects, or the
    /// search page itself).
    /// With a `memo` (a rebuild), a page's document is made again only when the page, the
    /// language's structure or a document it read changed (as a page's view, `PageMemo`).
    func index(stopwords: Set<String>, stems: Bool, synonyms: Synonyms = .none, memo: (versions: SiteVersions, memo: SearchMemo)? = nil) -> SearchIndex {
        let language = context.language
        let registry = graph.registry
        // One document per page, made concurrently (a national site has 84,000 of them).
        let pages = graph.pages.indices.filter { graph.pages[$0].language == language }
        let made = ConcurrentResults<SearchDocument?>(count: pages.count, initial: nil)
        let textKeys = ConcurrentResults<Int>(count: pages.count, initial: 0)
        let kept = ConcurrentResults<SearchMemo.Kept?>(count: pages.count, initial: nil)
        let paths = memo.map { _ in pages.map { graph.pages[$0].path } }
        let previous = memo.map { aligned($0.memo.documents, at: $0.memo.paths, to: paths ?? []) } ?? []
        // A village's facets are its province's: one dictionary per province, shared by its
        // pages, where one made per page was an allocation to make and to free for each.
        let villageFacets = Dictionary(uniqueKeysWithValues: registry.provinsi.map { ($0.kode, ["jenis": "desa", "provinsi": $0.nama]) })
        // Read in place, in runs of neighbouring pages (`inRuns`).
        graph.pages.withUnsafeBufferPointer { all in
            pages.withUnsafeBufferPointer { numbers in
                // Read only, and only until `inRuns` returns.
                nonisolated(unsafe) let all = all, numbers = numbers
                Self.inRuns(of: numbers.count) { index in
                    guard let versions = memo?.versions else {
                        made[index] = document(for: all[numbers[index]], registry: registry, villageFacets: villageFacets)
                        return
                    }
                    var hasher = Hasher()
                    hasher.combine(versions.structure[language])
                    hasher.combine(versions.pages[numbers[index]])
                    let inputs = hasher.finalize()
                    if let last = previous[index], last.memo.holds(inputs: inputs, versions: versions.documents) {
                        made[index] = last.document
                        textKeys[index] = last.textKey
                        kept[index] = last
                        return
                    }
                    let page = all[numbers[index]]
                    let (document, reads) = DocumentReads.recording { self.document(for: page, registry: registry, villageFacets: villageFacets) }
                    made[index] = document
                    let textKey = document.map(IndexMemo.textKey) ?? 0
                    textKeys[index] = textKey
                    if let memo = PageMemo.recorded(inputs: inputs, reads: reads, versions: versions.documents, key: textKey) {
                        kept[index] = SearchMemo.Kept(memo: memo, document: document, textKey: textKey)
                    }
                }
            }
        }
        if let memo, let paths {
            memo.memo.paths = paths
            memo.memo.documents = kept.values
        }
        // The documents moved out of the results (copies retained each of their fields, and
        // letting go of the results released them again), with each one's text key when pages
        // were kept (a page search leaves out has none).
        var documents: [SearchDocument] = []
        documents.reserveCapacity(pages.count)
        var keys: [Int]? = memo.map { _ in [] }
        var position = 0
        made.takeEach { found in
            if let document = found {
                documents.append(document)
                keys?.append(textKeys[position])
            }
            position += 1
        }
        let tokenizer = Tokenizer(stopwords: stopwords, stems: stems)
        let matcher = memo?.memo.matcher(synonyms, tokenizer: tokenizer) ?? SynonymMatcher(synonyms.groups, tokenizer: tokenizer)
        return SearchIndex(documents: consume documents, tokenizer: tokenizer, language: language,
                           synonyms: matcher, memo: memo?.memo.index, textKeys: keys)
    }

    /// Calls `body` with every number below `count`, on every core, in runs of neighbours:
    /// some sixteen runs (so that both cores stay busy to the end) of at most 1,024. With a page
    /// per iteration, each worker retained the graph's pages and what a province's villages
    /// share for every page, both workers the same objects at once (their reference counts
    /// fought over, most likely: a third of the index's samples were retains and releases):
    /// making the documents took 14–22 ms of CPU, against 11–13 ms in runs (10,000 villages,
    /// the index made alone, alternating rounds).
    private static func inRuns(of count: Int, _ body: @Sendable (Int) -> Void) {
        let run = max(1, min(1024, (count + 15) / 16))
        DispatchQueue.concurrentPerform(iterations: (count + run - 1) / run) { part in
            for index in part * run..<min(count, (part + 1) * run) { body(index) }
        }
    }

    /// A page as a search document, or nil for pages search leaves out. `villageFacets` are the
    /// facets of a village page, by its province.
    private func document(for page: borrowing SitePage, registry: Registry, villageFacets: [KodeWilayah: [String: String]]) -> SearchDocument? {
        var facets: [String: String] = [:]
        var extra: [String] = []
        switch page.subject {
        case .notFound, .alias, .cari: return nil
        case .desa(let place):
            let (desa, kabupaten, provinsi) = (place.desa, place.kabupaten, place.provinsi)
            facets = villageFacets[provinsi.kode] ?? ["jenis": "desa", "provinsi": provinsi.nama]
            // Codes are findable with and without dots.
            extra = [desa.nama, "Kecamatan " + desa.kecamatan.nama, kabupaten.nama, provinsi.nama, desa.kode.dotted, String(desa.tahunBerdiri)]
        case .kabupaten(let kabupaten):
            facets = ["jenis": "kabupaten", "provinsi": registry.provinsi(of: kabupaten).nama]
            extra = [kabupaten.kode.dotted] + registry.desa(in: kabupaten.kode).map(\.nama)
        case .provinsi(let provinsi):
            facets = ["jenis": "provinsi", "provinsi": provinsi.nama]
            extra = [provinsi.kode.dotted] + registry.kabupaten(in: provinsi.kode).map(\.nama)
        case .pilar:
            facets = ["jenis": "pilar"]
        case .berita:
            facets = ["jenis": "berita"]
        case .tahun(_, let halaman) where halaman > 1, .daftarBerita(let halaman) where halaman > 1:
            // A list's further pages list more of its items, each found by its own page.
            return nil
        case .tahun:
            facets = ["jenis": "tahun"]
        default:
            facets = ["jenis": "halaman"]
        }
        var headings: [String] = []
        var body = ""
        if let index = page.document {
            // Read in place: a copy of the document retained each of its many fields.
            headings = graph.documents[index].rendered.headings.map(\.text)
            body = graph.documents[index].rendered.plainText
        }
        return SearchDocument(
            url: page.path, title: page.title, breadcrumb: Self.breadcrumb(page.breadcrumbs),
            headings: headings, keywords: extra, body: body, facets: facets
        )
    }
}

extension SearchDocuments {
    /// The names of a page's breadcrumb after the home page's, joined by " › " (in one string:
    /// joined from an array of the names, each page allocated both).
    static func breadcrumb(_ links: [Link]) -> String {
        var text = ""
        for (position, link) in links.dropFirst().enumerated() {
            if position > 0 { text += " › " }
            text += link.name
        }
        return text
    }
}

/// A language's search as the last build left it: each page's search document, with what it
/// was made from, and the index (`IndexMemo`).
final class SearchMemo: @unchecked Sendable {
    // Only used by one build at a time (`IncrementalBuilder` builds under its lock).
    /// A page's document (nil: search leaves the page out) and what it was made from. A class:
    /// each rebuild hands every page's on, and copying the struct retained each of its fields.
    final class Kept: @unchecked Sendable {
        // Immutable once made.
        let memo: PageMemo
        let document: SearchDocument?
        /// The document's `IndexMemo.textKey`.
        let textKey: Int

        init(memo: PageMemo, document: SearchDocument?, textKey: Int) {
            self.memo = memo
            self.document = document
            self.textKey = textKey
        }
    }

    /// The pages' addresses, in the graph's order.
    var paths: [String] = []
    /// Their documents, in the same order (nil: none was kept).
    var documents: [Kept?] = []
    let index = IndexMemo()

    /// The synonyms as the index matches them, with what they were made from.
    private var synonyms: (synonyms: Synonyms, stopwords: Set<String>, stems: Bool, matcher: SynonymMatcher)?

    /// `synonyms` tokenized by `tokenizer`, made again only when either changed (every rebuild
    /// tokenized every group again).
    func matcher(_ synonyms: Synonyms, tokenizer: Tokenizer) -> SynonymMatcher {
        if let made = self.synonyms, made.synonyms == synonyms, made.stopwords == tokenizer.stopwords, made.stems == tokenizer.stems {
            return made.matcher
        }
        let matcher = SynonymMatcher(synonyms.groups, tokenizer: tokenizer)
        self.synonyms = (synonyms, tokenizer.stopwords, tokenizer.stems, matcher)
        return matcher
    }
}
