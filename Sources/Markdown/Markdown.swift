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

        let walk = TreeWalk(document: document)
        for (node, heading) in walk.headingNodes {
            markHeading(node, id: heading.id)
        }
        guard let cHTML = cmark_render_html(document, cmarkOptions) else {
            return RenderedMarkdown(html: "", headings: walk.headings, plainText: walk.plainText, firstParagraph: walk.firstParagraph)
        }
        defer { free(cHTML) }
        return RenderedMarkdown(
            html: attachHeadingIDs(String(cString: cHTML)),
            headings: walk.headings,
            plainText: walk.plainText,
            firstParagraph: walk.firstParagraph
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
        guard html.utf8.contains(1) else { return html }
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
        plainText = plainText.split(separator: "\n", omittingEmptySubsequences: true)
            .map { $0.trimmingSpaces() }
            .filter { !$0.isEmpty }
            .joined(separator: "\n")
    }
}

extension Substring {
    fileprivate func trimmingSpaces() -> String {
        var slice = self[...]
        while slice.first == " " { slice = slice.dropFirst() }
        while slice.last == " " { slice = slice.dropLast() }
        return String(slice)
    }
}
