// Benchmarks (not tests): they report figures, they do not pass or fail on time.
//
//   swift run -c release desmigratif-bench rebuild [--runs N]
//   swift run -c release desmigratif-bench index FOLDER [--runs N]
//   swift run -c release desmigratif-bench json FILE [--runs N]
//   swift run -c release desmigratif-bench data FOLDER [--runs N]
//
// rebuild: the editor's loop on the bundled site. A copy of content/ and the theme is built once
// (in /dev/shm when present, else TMPDIR), then one village narrative is edited and rebuilt
// incrementally, N times; prints each time and the median.
//
// index: the search index alone. Every Markdown file under FOLDER (a benchmark corpus's
// `content/desa`, say) becomes a page with its text as body, and the index of them all is
// made N times; prints the median wall and CPU time of one index.
//
// json: the JSON parser alone, on FILE (a benchmark corpus's `data/desa.json`, say), N times;
// prints the median time of one parse.
//
// data: the data package alone: FOLDER's `datapackage.json` (a benchmark corpus's
// `content/data`, say) and every file it names, read, checked against their schemas and decoded
// (the registry too) N times; prints the median time of one read.
import Content
import Foundation
import Search
import Site

func median(_ values: [Double]) -> Double {
    let sorted = values.sorted()
    return sorted.count % 2 == 1 ? sorted[sorted.count / 2] : (sorted[sorted.count / 2 - 1] + sorted[sorted.count / 2]) / 2
}

func rebuildBenchmark(runs: Int) throws {
    let repository = URL(fileURLWithPath: FileManager.default.currentDirectoryPath)
    // On tmpfs when there is one (as `make bench` builds), unless TMPDIR says otherwise: on this
    // machine's ext4, creating a file right after mass deletions (each run copies and removes
    // 1,400 files) scans the deleted inodes, and the write step took 1 ms or 12 ms by the order
    // the benchmarks ran in.
    let scratch = ProcessInfo.processInfo.environment["TMPDIR"] == nil && FileManager.default.fileExists(atPath: "/dev/shm")
        ? URL(fileURLWithPath: "/dev/shm") : FileManager.default.temporaryDirectory
    let temp = scratch.appendingPathComponent("desmigratif-bench-\(UUID().uuidString)")
    defer { try? FileManager.default.removeItem(at: temp) }
    try FileManager.default.createDirectory(at: temp, withIntermediateDirectories: true)
    try FileManager.default.copyItem(at: repository.appendingPathComponent("content"), to: temp.appendingPathComponent("content"))
    try FileManager.default.copyItem(at: repository.appendingPathComponent("themes/default"), to: temp.appendingPathComponent("theme"))
    let builder = IncrementalBuilder(options: BuildOptions(contentDirectory: temp.appendingPathComponent("content").path,
                                                          themeDirectory: temp.appendingPathComponent("theme").path,
                                                          outputDirectory: temp.appendingPathComponent("public").path))
    let first = try builder.build()
    print("first build: \(Int(first.seconds * 1000)) ms, \(first.written) files")
    let file = temp.appendingPathComponent("content/desa/kenanga.md")
    let original = try String(contentsOf: file, encoding: .utf8)
    var times: [Double] = []
    for run in 0..<runs {
        try (original + "\nSuntingan \(run).\n").write(to: file, atomically: true, encoding: .utf8)
        let report = try builder.build()
        times.append(report.seconds)
        let steps = report.timings.map { "\($0.step) \(String(format: "%.1f", $0.seconds * 1000))" }.joined(separator: ", ")
        print("edit \(run + 1): \(String(format: "%.1f", report.seconds * 1000)) ms, \(report.written) files written (\(steps))")
    }
    print(String(format: "one village edit, incremental rebuild: median %.1f ms over %d runs (%@)", median(times) * 1000, runs,
                 ProcessInfo.processInfo.activeProcessorCount == 1 ? "1 core" : "\(ProcessInfo.processInfo.activeProcessorCount) cores"))
}

func indexBenchmark(folder: String, runs: Int) throws {
    var documents: [SearchDocument] = []
    let files = FileManager.default.enumerator(atPath: folder)?.compactMap { $0 as? String }.filter { $0.hasSuffix(".md") }.sorted() ?? []
    for file in files {
        let text = try String(contentsOfFile: folder + "/" + file, encoding: .utf8)
        let name = String(file.dropLast(3))
        documents.append(SearchDocument(url: "/desa/\(name)/", title: name, breadcrumb: "Desa", headings: [], keywords: [name], body: text,
                                        facets: ["jenis": "desa"]))
    }
    let tokenizer = Tokenizer(stopwords: ["dan", "di", "yang"], stems: true)
    func cpuSeconds() -> Double {
        var usage = rusage()
        getrusage(RUSAGE_SELF.rawValue, &usage)
        return Double(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) + Double(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e6
    }
    var walls: [Double] = [], cpus: [Double] = []
    for _ in 0..<runs {
        let (began, cpu) = (Date(), cpuSeconds())
        let index = SearchIndex(documents: documents, tokenizer: tokenizer, language: "id")
        walls.append(Date().timeIntervalSince(began))
        cpus.append(cpuSeconds() - cpu)
        precondition(!index.files.isEmpty)
    }
    print(String(format: "index of %d pages: median %.1f ms wall, %.1f ms CPU over %d runs", documents.count, median(walls) * 1000, median(cpus) * 1000, runs))
}

func jsonBenchmark(file: String, runs: Int) throws {
    let text = try String(contentsOfFile: file, encoding: .utf8)
    var times: [Double] = []
    for _ in 0..<runs {
        let began = Date()
        let parsed = try JSONParser.parse(text)
        times.append(Date().timeIntervalSince(began))
        withExtendedLifetime(parsed) {}
    }
    print(String(format: "JSON parse of %d bytes: median %.1f ms over %d runs", text.utf8.count, median(times) * 1000, runs))
}

func dataBenchmark(folder: String, runs: Int) throws {
    let descriptor = try String(contentsOfFile: folder + "/datapackage.json", encoding: .utf8)
    var texts: [String: String] = [:]
    for name in try FileManager.default.contentsOfDirectory(atPath: folder) where name != "datapackage.json" {
        texts[name] = try String(contentsOfFile: folder + "/" + name, encoding: .utf8)
    }
    var times: [Double] = []
    for _ in 0..<runs {
        var diagnostics = Diagnostics()
        let began = Date()
        let data = ProgramData.read(descriptor: descriptor, file: "datapackage.json", resources: texts, display: { $0 }, diagnostics: &diagnostics)
        times.append(Date().timeIntervalSince(began))
        precondition(data != nil && !diagnostics.hasErrors, "the data package did not read: \(diagnostics.errors.first.map(String.init(describing:)) ?? "")")
    }
    let bytes = texts.values.reduce(0) { $0 + $1.utf8.count }
    print(String(format: "data package of %d bytes: median %.1f ms over %d runs", bytes, median(times) * 1000, runs))
}

let arguments = CommandLine.arguments.dropFirst()
let runs = arguments.firstIndex(of: "--runs").flatMap { Int(arguments[arguments.index(after: $0)]) } ?? 15
switch arguments.first {
case "rebuild":
    try rebuildBenchmark(runs: runs)
case "index" where arguments.count > 1:
    try indexBenchmark(folder: arguments[arguments.index(after: arguments.startIndex)], runs: runs)
case "json" where arguments.count > 1:
    try jsonBenchmark(file: arguments[arguments.index(after: arguments.startIndex)], runs: runs)
case "data" where arguments.count > 1:
    try dataBenchmark(folder: arguments[arguments.index(after: arguments.startIndex)], runs: runs)
default:
    print("usage: desmigratif-bench rebuild [--runs N] | index FOLDER [--runs N] | json FILE [--runs N] | data FOLDER [--runs N]")
    exit(2)
}
