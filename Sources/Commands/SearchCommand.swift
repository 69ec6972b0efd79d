import ArgumentParser
import Foundation
import Search

/// `desmigratif search QUERY [--explain]`: queries the built index with the browser's ranking.
public struct SearchCommand: ParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "search",
        abstract: "Search the built site's index from the terminal, ranked as in the browser."
    )

    @Argument(help: "What to search for.")
    public var query: [String]

    @Flag(name: .long, help: "Show the tokens, stems, their statistics and each result's score.")
    public var explain = false

    @Option(name: .long, help: "The built site's folder.")
    public var output = "public"

    @Option(name: .long, help: "The language whose index to search.")
    public var lang = "id"

    @Option(name: .long, help: "How many results to show.")
    public var limit = 10

    @Option(name: .long, help: "Keep only pages with this facet value, as the search page's filters do (jenis=desa, provinsi=\"Jawa Timur\"); repeatable.")
    public var filter: [String] = []

    public init() {}

    public func run() throws {
        let directory = "\(output)/cari/index/\(lang)"
        let engine: SearchEngine
        do {
            engine = try SearchEngine(directory: directory)
        } catch {
            printError("\(directory)/meta.json: indeks pencarian tidak ada; bangun situs dulu (desmigratif build)")
            throw ExitCode.failure
        }
        let text = query.joined(separator: " ")
        var filters: [String: Set<String>] = [:]
        for item in filter {
            let parts = item.split(separator: "=", maxSplits: 1).map(String.init)
            guard parts.count == 2 else {
                printError("--filter \(item): tulis kunci=nilai, misalnya jenis=desa")
                throw ExitCode.failure
            }
            filters[parts[0], default: []].insert(parts[1])
        }
        let (hits, terms) = engine.search(text + " ", limit: limit, filters: filters)
        if explain {
            print("query: \(text)")
            for term in terms {
                print("  \(term.word) -> \(term.terms.joined(separator: ", ").isEmpty ? "(not in index)" : term.terms.joined(separator: ", "))"
                      + "  pages \(term.documentFrequency)  idf \(String(format: "%.3f", term.idf))")
            }
        }
        for (rank, hit) in hits.enumerated() {
            print("\(rank + 1). \(hit.title)  \(hit.url)  score \(String(format: "%.3f", hit.score))")
            if explain {
                let parts = hit.contributions.sorted { $0.key < $1.key }.map { "\($0.key) \(String(format: "%.3f", $0.value))" }
                print("     \(hit.breadcrumb.isEmpty ? "" : hit.breadcrumb + " · ")\(parts.joined(separator: ", "))")
            }
        }
        if explain { print("files read: \(engine.filesRead.joined(separator: " "))") }
        if hits.isEmpty { print("Tidak ada halaman yang cocok.") }
    }
}
