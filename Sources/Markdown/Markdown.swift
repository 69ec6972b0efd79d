import CCmark
import Content
#if canImport(Glibc)
import Glibc
#endif

/// A heading found in a Markdown document, with the anchor id given to it in the HTML.
public struct Heading: Sendable, Equatable {
    /// Heading level, 1 to 6.
    public let level: Int
    /// The heading's plain text.
    public let text: String
    /// The `id` attribute written on the heading, unique within the document.
    public let id: String

    /// Creates a heading record.
    public init(level: Int, text: String, id: String) {
        self.level = level
        self.text = text
        self.id = id
    }
}

/// Options for turning Markdown into HTML.
public struct MarkdownOptions: Sendable, Equatable {
    /// Keep raw HTML and `javascript:` links. Off by default: editors' text is not trusted as HTML.
    public var allowUnsafeHTML: Bool
    /// Curly quotes, dashes and ellipses.
    public var smartPunctuation: Bool

    /// Creates options; the defaults are the safe ones.
    public init(allowUnsafeHTML: Bool = false, smartPunctuation: Bool = true) {
        self.allowUnsafeHTML = allowUnsafeHTML
        self.smartPunctuation = smartPunctuation
    }
}

/// A citation of a source in Markdown: `[@id]`, or several at once `[@a; @b]` (Pandoc's syntax;
/// to CommonMark it is plain text, so the file stays valid Markdown anywhere).
public struct Citation: Sendable, Equatable {
    /// The source's id, as declared in the page's `sumber:`.
    public let id: String
    /// Its number on the page: sources are numbered in the order they are first cited.
    public let number: Int
    /// Line and column of the `@` in the Markdown body (1-based, counted from the body's first line).
    public let line: Int
    public let column: Int

    /// Creates a citation record.
    public init(id: String, number: Int, line: Int, column: Int) {
        self.id = id
        self.number = number
        self.line = line
        self.column = column
    }
}

/// A Markdown document parsed once by libcmark, with everything the site needs taken from its tree.
public struct RenderedMarkdown: Sendable, Equatable {
    /// The body as HTML; headings carry `id` attributes.
    public let html: String
    /// Every heading, in document order.
    public let headings: [Heading]
    /// The text without markup, blocks separated by a newline (for search and summaries).
    public let plainText: String
    /// The plain text of the first paragraph, or empty.
    public let firstParagraph: String
    /// Every citation, in document order.
    public var citations: [Citation] = []

    /// The cited source ids in the order of their numbers.
    public var cited: [String] {
        var seen = Set<String>()
        return citations.filter { seen.insert($0.id).inserted }.map(\.id)
    }
}

/// Markdown rendering through libcmark, the CommonMark reference implementation.
public enum MarkdownRenderer {
    /// Parses `source` once and renders it to HTML, collecting headings and plain text on the way.
    ///
    /// Each heading gets an `id` made from its text (unique in the document) so that a table of
    /// contents and outside links can point at it.
    public static func render(_ source: String, options: MarkdownOptions = MarkdownOptions()) -> RenderedMarkdown {
        var cmarkOptions = CMARK_OPT_DEFAULT
        if options.smartPunctuation { cmarkOptions |= CMARK_OPT_SMART }
        if options.allowUnsafeHTML { cmarkOptions |= CMARK_OPT_UNSAFE }

        let length = source.utf8.count
        guard let document = source.withCString({ cmark_parse_document($0, length, cmarkOptions) }) else {
            return RenderedMarkdown(html: "", headings: [], plainText: "", firstParagraph: "")
        }
        defer { cmark_node_free(document) }

        // Citations first, so that their markers never reach the plain text, summaries or search.
        let citations = CitationLinker.link(document, source: source)
        let walk = TreeWalk(document: document)
        for (node, heading) in walk.headingNodes {
            markHeading(node, id: heading.id)
        }
        guard let cHTML = cmark_render_html(document, cmarkOptions) else {
            return RenderedMarkdown(html: "", headings: walk.headings, plainText: walk.plainText, firstParagraph: walk.firstParagraph, citations: citations)
        }
        defer { free(cHTML) }
        return RenderedMarkdown(
            html: attachHeadingIDs(String(cString: cHTML)),
            headings: walk.headings,
            plainText: walk.plainText,
            firstParagraph: walk.firstParagraph,
            citations: citations
        )
    }

    /// cmark's HTML renderer cannot put attributes on headings, so each heading gets a custom
    /// inline first child that prints `U+0001 id U+0001`; `attachHeadingIDs` then turns
    /// `<h2>` followed by that marker into `<h2 id="...">`. Ids are slugs (`a-z0-9-`), so the
    /// marker is unambiguous.
    private static func markHeading(_ node: OpaquePointer, id: String) {
        guard let marker = cmark_node_new(CMARK_NODE_CUSTOM_INLINE) else { return }
        cmark_node_set_on_enter(marker, "\u{1}\(id)\u{1}")
        cmark_node_set_on_exit(marker, "")
        cmark_node_prepend_child(node, marker)
    }

    private static func attachHeadingIDs(_ html: String) -> String {
        guard html.utf8Contains(where: { $0 == 1 }) else { return html }
        var output: [UInt8] = []
        let bytes = Array(html.utf8)
        output.reserveCapacity(bytes.count + 64)
        var index = 0
        while index < bytes.count {
            // Pattern: "<hN>" U+0001 id U+0001
            if bytes[index] == UInt8(ascii: "<"), index + 4 < bytes.count, bytes[index + 1] == UInt8(ascii: "h"),
               (UInt8(ascii: "1")...UInt8(ascii: "6")).contains(bytes[index + 2]), bytes[index + 3] == UInt8(ascii: ">"),
               bytes[index + 4] == 1,
               let end = bytes[(index + 5)...].firstIndex(of: 1),
               bytes[(index + 5)..<end].allSatisfy({ ($0 >= UInt8(ascii: "a") && $0 <= UInt8(ascii: "z")) || ($0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9")) || $0 == UInt8(ascii: "-") }) {
                output.append(contentsOf: Array("<h".utf8))
                output.append(bytes[index + 2])
                output.append(contentsOf: Array(" id=\"".utf8))
                output.append(contentsOf: bytes[(index + 5)..<end])
                output.append(contentsOf: Array("\">".utf8))
                index = end + 1
                continue
            }
            output.append(bytes[index])
            index += 1
        }
        return String(decoding: output, as: UTF8.self)
    }
}

/// Turns `[@id]` and `[@a; @b]` in text into numbered links to the page's source list
/// (`#sumber-<id>`), outside code and links. Ids are slugs: `a-z`, `0-9`, `-`.
enum CitationLinker {
    static func link(_ document: OpaquePointer, source: String) -> [Citation] {
        guard source.utf8Contains(where: { $0 == UInt8(ascii: "@") }) else { return [] }
        // cmark splits text at brackets; joined again, a citation is one text node.
        cmark_consolidate_text_nodes(document)
        var candidates: [OpaquePointer] = []
        guard let iterator = cmark_iter_new(document) else { return [] }
        var linkDepth = 0
        while true {
            let event = cmark_iter_next(iterator)
            if event == CMARK_EVENT_DONE { break }
            guard let node = cmark_iter_get_node(iterator) else { continue }
            let type = cmark_node_get_type(node)
            if type == CMARK_NODE_LINK || type == CMARK_NODE_IMAGE {
                linkDepth += event == CMARK_EVENT_ENTER ? 1 : -1
            } else if type == CMARK_NODE_TEXT, linkDepth == 0, let literal = cmark_node_get_literal(node),
                      String(cString: literal).contains("[@") {
                candidates.append(node)
            }
        }
        cmark_iter_free(iterator)

        var numbers: [String: Int] = [:]
        var citations: [Citation] = []
        var locator = SourceLocator(source)
        for node in candidates {
            let text = String(cString: cmark_node_get_literal(node))
            let pieces = split(text)
            guard pieces.contains(where: { if case .citation = $0 { return true } else { return false } }) else { continue }
            for piece in pieces {
                guard let new = cmark_node_new(piece.isText ? CMARK_NODE_TEXT : CMARK_NODE_CUSTOM_INLINE) else { continue }
                switch piece {
                case .text(let literal):
                    cmark_node_set_literal(new, literal)
                case .citation(let ids):
                    var links: [String] = []
                    for id in ids {
                        let number = numbers[id] ?? (numbers.count + 1)
                        numbers[id] = number
                        let (line, column) = locator.next("@" + id)
                        citations.append(Citation(id: id, number: number, line: line, column: column))
                        links.append("<a href=\"#sumber-\(id)\">\(number)</a>")
                    }
                    cmark_node_set_on_enter(new, "<sup class=\"kutipan\">[" + links.joined(separator: ", ") + "]</sup>")
                    cmark_node_set_on_exit(new, "")
                }
                cmark_node_insert_before(node, new)
            }
            cmark_node_free(node)
        }
        return citations
    }

    enum Piece {
        case text(String)
        case citation([String])
        var isText: Bool { if case .text = self { return true } else { return false } }
    }

    /// Splits text into plain runs and citation groups; anything that is not exactly a group of
    /// `@slug` separated by `;` stays text.
    static func split(_ text: String) -> [Piece] {
        var pieces: [Piece] = []
        var plain = ""
        var rest = Substring(text)
        while let open = rest.range(of: "[@") {
            guard let close = rest[open.upperBound...].firstIndex(of: "]"),
                  let ids = ids(rest[rest.index(after: open.lowerBound)..<close]) else {
                plain += rest[..<open.upperBound]
                rest = rest[open.upperBound...]
                continue
            }
            plain += rest[..<open.lowerBound]
            // The citation sits against the word it supports: `kata [@x].` reads `kata[1].`, and
            // the plain text (summaries, search) has no stray space before the punctuation.
            while plain.last == " " { plain.removeLast() }
            if !plain.isEmpty { pieces.append(.text(plain)) }
            plain = ""
            pieces.append(.citation(ids))
            rest = rest[rest.index(after: close)...]
        }
        plain += rest
        if !plain.isEmpty { pieces.append(.text(plain)) }
        return pieces
    }

    /// `@a; @b` → ["a", "b"], or nil when it is not a citation group.
    static func ids(_ inner: Substring) -> [String]? {
        var ids: [String] = []
        for part in inner.split(separator: ";", omittingEmptySubsequences: false) {
            let trimmed = part.drop { $0 == " " }.reversed().drop { $0 == " " }.reversed()
            let word = String(trimmed)
            guard word.hasPrefix("@"), word.count > 1,
                  word.dropFirst().allSatisfy({ $0.isASCII && ($0.isLowercase || $0.isNumber || $0 == "-") }) else { return nil }
            ids.append(String(word.dropFirst()))
        }
        return ids.isEmpty ? nil : ids
    }
}

/// Finds successive needles in the Markdown source, for line and column of each citation.
private struct SourceLocator {
    let scalars: [Unicode.Scalar]
    var offset = 0

    init(_ source: String) { scalars = Array(source.unicodeScalars) }

    /// Line and column (1-based) of the next occurrence of `needle` at or after the last one found.
    mutating func next(_ needle: String) -> (Int, Int) {
        let target = Array(needle.unicodeScalars)
        var index = offset
        while index + target.count <= scalars.count {
            if scalars[index] == target[0], Array(scalars[index..<(index + target.count)]) == target {
                offset = index + target.count
                var line = 1
                var lineStart = 0
                for (position, scalar) in scalars[..<index].enumerated() where scalar == "\n" {
                    line += 1
                    lineStart = position + 1
                }
                return (line, index - lineStart + 1)
            }
            index += 1
        }
        return (1, 1)
    }
}

/// One pass over the cmark tree collecting headings, plain text and the first paragraph.
private struct TreeWalk {
    var headings: [Heading] = []
    var headingNodes: [(OpaquePointer, Heading)] = []
    var plainText = ""
    var firstParagraph = ""

    init(document: OpaquePointer) {
        var usedIDs: [String: Int] = [:]
        var headingText: String?
        var paragraphText: String?
        var sawParagraph = false
        guard let iterator = cmark_iter_new(document) else { return }
        defer { cmark_iter_free(iterator) }

        while true {
            let event = cmark_iter_next(iterator)
            if event == CMARK_EVENT_DONE { break }
            guard let node = cmark_iter_get_node(iterator) else { continue }
            let type = cmark_node_get_type(node)
            let entering = event == CMARK_EVENT_ENTER
            switch type {
            case CMARK_NODE_HEADING:
                if entering {
                    headingText = ""
                } else if let text = headingText {
                    let base = Slug.make(text).isEmpty ? "bagian" : Slug.make(text)
                    let count = usedIDs[base, default: 0]
                    usedIDs[base] = count + 1
                    let id = count == 0 ? base : "\(base)-\(count)"
                    let heading = Heading(level: Int(cmark_node_get_heading_level(node)), text: text, id: id)
                    headings.append(heading)
                    headingNodes.append((node, heading))
                    headingText = nil
                    plainText += "\n"
                }
            case CMARK_NODE_PARAGRAPH:
                if entering, !sawParagraph {
                    paragraphText = ""
                } else if !entering {
                    if let text = paragraphText {
                        firstParagraph = text
                        paragraphText = nil
                        sawParagraph = true
                    }
                    plainText += "\n"
                }
            case CMARK_NODE_TEXT, CMARK_NODE_CODE, CMARK_NODE_CODE_BLOCK:
                let literal = cmark_node_get_literal(node).map { String(cString: $0) } ?? ""
                plainText += literal
                headingText? += literal
                paragraphText? += literal
            case CMARK_NODE_SOFTBREAK, CMARK_NODE_LINEBREAK:
                plainText += " "
                headingText? += " "
                paragraphText? += " "
            case CMARK_NODE_ITEM, CMARK_NODE_BLOCK_QUOTE:
                if !entering { plainText += "\n" }
            default:
                break
            }
        }
        plainText = PlainText.tidyLines(plainText)
    }
}

/// Plain text as search and summaries take it.
enum PlainText {
    /// The text's lines without leading or trailing spaces, blank lines dropped. Done on bytes:
    /// splitting by `Character` ran grapheme breaking over every body and was a tenth of a
    /// build. As with `Character`, a line feed after a carriage return does not end a line.
    static func tidyLines(_ text: String) -> String {
        let bytes = Array(text.utf8)
        var output: [UInt8] = []
        output.reserveCapacity(bytes.count)
        var start = 0
        while start < bytes.count {
            var end = start
            while end < bytes.count, !(bytes[end] == 0x0A && (end == 0 || bytes[end - 1] != 0x0D)) { end += 1 }
            var first = start, last = end
            while first < last, bytes[first] == 0x20 { first += 1 }
            while last > first, bytes[last - 1] == 0x20 { last -= 1 }
            if first < last {
                if !output.isEmpty { output.append(0x0A) }
                output.append(contentsOf: bytes[first..<last])
            }
            start = end + 1
        }
        return String(decoding: output, as: UTF8.self)
    }
}
