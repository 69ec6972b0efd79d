import Content
import Foundation

/// `desmigratif check`: every problem in the content, then every internal link and `#anchor` of
/// the site it would build, each reported at the file and line an editor can fix.
public enum SiteChecker {
    /// What a check found.
    public struct Report: Sendable {
        /// Every problem, sorted by file and position.
        public let diagnostics: [Diagnostic]
        /// Pages whose links were checked.
        public let pageCount: Int
        /// Internal links checked.
        public let linkCount: Int
    }

    /// Validates the content and checks the links of the site it builds, without writing anything.
    public static func check(_ options: BuildOptions) -> Report {
        var pipeline = Pipeline(options: options)
        let prepared: SiteBuilder.Prepared
        let site: GeneratedSite
        do {
            prepared = try pipeline.prepare()
            site = try pipeline.generate(prepared)
        } catch {
            return Report(diagnostics: error.diagnostics, pageCount: 0, linkCount: 0)
        }
        var diagnostics = prepared.warnings
        var linkCount = 0
        var ids: [String: Set<String>] = [:]
        let pagesByFile = Dictionary(prepared.graph.pages.map { ($0.outputFile, $0) }, uniquingKeysWith: { first, _ in first })
        for (path, bytes) in site.files.sorted(by: { $0.key < $1.key }) where path.hasSuffix(".html") {
            let html = String(decoding: bytes, as: UTF8.self)
            let page = pagesByFile[path]
            for link in HTMLScan.attributes(["href", "src"], in: html) {
                guard let target = resolve(link, from: path) else { continue }
                linkCount += 1
                var problem: String?
                let file = outputFile(for: target.path, in: site.files)
                if let file, let targetBytes = site.files[file] {
                    if let anchor = target.anchor, !anchor.isEmpty {
                        let known = ids[file] ?? HTMLScan.ids(in: String(decoding: targetBytes, as: UTF8.self))
                        ids[file] = known
                        if !known.contains(anchor) { problem = "jangkar #\(anchor) tidak ada di halaman \(target.path)" }
                    }
                } else {
                    problem = "tautan ke \(target.path) tidak menuju halaman atau berkas mana pun"
                }
                guard let problem else { continue }
                diagnostics.append(locate(link, problem: problem, page: page, outputPath: path, prepared: prepared, options: options))
            }
        }
        let pages = site.files.keys.filter { $0.hasSuffix(".html") }.count
        return Report(diagnostics: Array(Set(diagnostics)).sorted(), pageCount: pages, linkCount: linkCount)
    }

    /// A link's site path and anchor, or nil for links that leave the site (other schemes,
    /// other hosts) or are only an anchor into the same page handled as such.
    static func resolve(_ link: String, from page: String) -> (path: String, anchor: String?)? {
        let decoded = HTMLScan.unescape(link)
        let lowered = decoded.lowercased()
        if lowered.hasPrefix("//") || lowered.contains(":") && !lowered.hasPrefix("/") && !lowered.hasPrefix("#") { return nil }
        if decoded.isEmpty { return nil }
        let parts = decoded.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false)
        var path = String(parts[0].split(separator: "?", maxSplits: 1, omittingEmptySubsequences: false)[0])
        let anchor = parts.count > 1 ? String(parts[1]).removingPercentEncoding ?? String(parts[1]) : nil
        let pageDirectory = "/" + page.split(separator: "/").dropLast().joined(separator: "/")
        if path.isEmpty {
            path = "/" + page
        } else if !path.hasPrefix("/") {
            path = (pageDirectory.hasSuffix("/") ? pageDirectory : pageDirectory + "/") + path
        }
        // Normalise "." and ".." the way a browser does.
        var segments: [Substring] = []
        for segment in path.split(separator: "/", omittingEmptySubsequences: true) {
            if segment == "." { continue }
            if segment == ".." { _ = segments.popLast(); continue }
            segments.append(segment)
        }
        var normalised = "/" + segments.joined(separator: "/")
        if path.hasSuffix("/"), normalised != "/" { normalised += "/" }
        return (normalised.removingPercentEncoding ?? normalised, anchor)
    }

    /// The generated file a site path serves, if any.
    static func outputFile(for path: String, in files: [String: [UInt8]]) -> String? {
        let relative = String(path.dropFirst())
        if relative.isEmpty || relative.hasSuffix("/") { return files[relative + "index.html"] != nil ? relative + "index.html" : nil }
        if files[relative] != nil { return relative }
        return files[relative + "/index.html"] != nil ? relative + "/index.html" : nil
    }

    /// The place to report a broken link: the Markdown line that wrote it, or else the theme
    /// template that renders the page.
    static func locate(_ link: String, problem: String, page: SitePage?, outputPath: String, prepared: SiteBuilder.Prepared, options: BuildOptions) -> Diagnostic {
        let written = HTMLScan.unescape(link)
        if let index = page?.document {
            let document = prepared.graph.documents[index].page
            if let position = position(of: written, in: document.body, firstLine: document.bodyFirstLine) {
                return Diagnostic(file: document.file, at: position, problem, hint: "diperiksa di halaman /\(outputPath)")
            }
        }
        let template = page.map { "templates/\($0.subject.template).mustache" } ?? "templates"
        return Diagnostic(file: joinPath(options.themeDirectory, template), at: .start, problem, hint: "tautan ini dibuat oleh tema, di halaman /\(outputPath)")
    }

    /// The line and column where `needle` first appears in a Markdown body.
    static func position(of needle: String, in body: String, firstLine: Int) -> SourcePosition? {
        guard let range = body.range(of: needle) else { return nil }
        let before = body[..<range.lowerBound]
        let line = before.reduce(0) { $1 == "\n" ? $0 + 1 : $0 }
        let lineStart = before.lastIndex(of: "\n").map { body.index(after: $0) } ?? body.startIndex
        let column = body.unicodeScalars[lineStart..<range.lowerBound].count + 1
        return SourcePosition(line: firstLine + line, column: column)
    }
}

/// Just enough HTML reading for link checks: the generator's own output, attribute values in
/// double quotes.
enum HTMLScan {
    /// The values of the named attributes, in order.
    static func attributes(_ names: [String], in html: String) -> [String] {
        var values: [String] = []
        let bytes = Array(html.utf8)
        let patterns = names.map { Array(" \($0)=\"".utf8) }
        var index = 0
        while index < bytes.count {
            for pattern in patterns where bytes[index] == pattern[0] && index + pattern.count <= bytes.count && Array(bytes[index..<index + pattern.count]) == pattern {
                var end = index + pattern.count
                while end < bytes.count, bytes[end] != UInt8(ascii: "\"") { end += 1 }
                values.append(String(decoding: bytes[(index + pattern.count)..<end], as: UTF8.self))
                index = end
                break
            }
            index += 1
        }
        return values
    }

    /// Every `id` in the page.
    static func ids(in html: String) -> Set<String> {
        Set(attributes(["id"], in: html).map(unescape))
    }

    /// Undoes the entity escaping of an attribute value.
    static func unescape(_ text: String) -> String {
        guard text.contains("&") else { return text }
        return text.replacingOccurrences(of: "&quot;", with: "\"").replacingOccurrences(of: "&#39;", with: "'")
            .replacingOccurrences(of: "&lt;", with: "<").replacingOccurrences(of: "&gt;", with: ">").replacingOccurrences(of: "&amp;", with: "&")
    }
}
