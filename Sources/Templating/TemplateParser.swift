/// Compiles Mustache text into nodes.
struct TemplateParser {
    private let text: [UInt8]
    private var index = 0
    private(set) var references = Set<String>()

    init(_ source: String) {
        text = Array(source.utf8)
    }

    private enum TagKind {
        case variable, raw, section, inverted, close, comment, partial, parent, block
    }

    private struct Tag {
        var kind: TagKind
        var name: String
        var start: Int
        var end: Int
    }

    /// Parses the whole template.
    mutating func parseAll() throws(TemplateSyntaxError) -> [Template.Node] {
        let (nodes, closing) = try parse(until: nil)
        if let closing { throw error("penutup {{/\(closing.name)}} tanpa pembuka", at: closing.start) }
        return nodes
    }

    /// Parses nodes until the closing tag of `section` (or the end of the text).
    private mutating func parse(until section: (name: String, start: Int, kind: TagKind)?) throws(TemplateSyntaxError) -> ([Template.Node], Tag?) {
        var nodes: [Template.Node] = []
        var textStart = index
        while index < text.count {
            guard text[index] == UInt8(ascii: "{"), index + 1 < text.count, text[index + 1] == UInt8(ascii: "{") else {
                index += 1
                continue
            }
            let tagStart = index
            var tag = try readTag()
            var pending = String(decoding: text[textStart..<tagStart], as: UTF8.self)
            var indentation = ""
            var standaloneLine = false
            // Parent and block tags may share their line with each other and still stand alone
            // (`{{<parent}}{{$block}}`): the first takes the indentation, the last the line end.
            let inheritance = tag.kind == .parent || tag.kind == .block || (tag.kind == .close && (section?.kind == .parent || section?.kind == .block))
            if tag.kind != .variable && tag.kind != .raw,
               let standalone = standaloneRange(tagStart: tagStart, tagEnd: tag.end, sharing: inheritance) {
                // A tag alone on its line takes the whole line with it.
                standaloneLine = true
                if standalone.first {
                    indentation = String(decoding: text[standalone.lineStart..<tagStart], as: UTF8.self)
                    pending = String(decoding: text[textStart..<standalone.lineStart], as: UTF8.self)
                }
                // A block opened and closed on one line keeps the line's end: it stands for its
                // content, which the line break follows (the spec's "Standalone block").
                let closesBlockOnItsLine = tag.kind == .close && section?.kind == .block && lineStart(of: section?.start ?? 0) == standalone.lineStart
                if standalone.last, !closesBlockOnItsLine { tag.end = standalone.lineEnd }
            }
            if !pending.isEmpty { nodes.append(.text(pending)) }
            index = tag.end
            textStart = index
            switch tag.kind {
            case .variable: nodes.append(.variable(path(tag.name), escaped: true, at: position(of: tag.start)))
            case .raw: nodes.append(.variable(path(tag.name), escaped: false, at: position(of: tag.start)))
            case .comment: break
            case .section, .inverted:
                let (children, _) = try parse(until: (tag.name, tag.start, tag.kind))
                nodes.append(.section(path(tag.name), children, inverted: tag.kind == .inverted, at: position(of: tag.start)))
                textStart = index
            case .block:
                let (children, _) = try parse(until: (tag.name, tag.start, tag.kind))
                // A standalone block's content is reindented where it is placed: its own
                // indentation (that of its first line, or of the tag when it is empty) is the
                // one to replace (the spec's "Block reindentation").
                let own = standaloneLine ? (Self.firstLineIndentation(children) ?? indentation) : nil
                nodes.append(.block(tag.name, children, indentation: own))
                textStart = index
            case .partial:
                references.insert(tag.name)
                nodes.append(.partial(tag.name, indentation: indentation, at: position(of: tag.start)))
            case .parent:
                references.insert(tag.name)
                let (children, _) = try parse(until: (tag.name, tag.start, tag.kind))
                var blocks: [String: Template.Override] = [:]
                for child in children {
                    switch child {
                    case .block(let name, let body, let own): blocks[name] = Template.Override(nodes: body, indentation: own)
                    // Text between the blocks of a parent is ignored, as the spec says.
                    case .text: continue
                    default: throw error("di dalam {{<\(tag.name)}} hanya boleh ada blok {{$nama}}", at: tag.start)
                    }
                }
                nodes.append(.parent(tag.name, blocks: blocks, indentation: indentation, at: position(of: tag.start)))
                textStart = index
            case .close:
                guard let section, section.name == tag.name else {
                    throw error(section.map { "diharapkan {{/\($0.name)}}, bukan {{/\(tag.name)}}" } ?? "penutup {{/\(tag.name)}} tanpa pembuka", at: tag.start)
                }
                return (nodes, tag)
            }
        }
        let rest = String(decoding: text[textStart..<text.count], as: UTF8.self)
        if !rest.isEmpty { nodes.append(.text(rest)) }
        if let section { throw error("{{#\(section.name)}} tidak ditutup", at: section.start) }
        return (nodes, nil)
    }

    /// Reads the tag at `index`, which starts with `{{`.
    private mutating func readTag() throws(TemplateSyntaxError) -> Tag {
        let start = index
        var cursor = index + 2
        var kind = TagKind.variable
        var closing: [UInt8] = [UInt8(ascii: "}"), UInt8(ascii: "}")]
        if cursor < text.count {
            switch text[cursor] {
            case UInt8(ascii: "{"): kind = .raw; closing = [UInt8(ascii: "}"), UInt8(ascii: "}"), UInt8(ascii: "}")]; cursor += 1
            case UInt8(ascii: "&"): kind = .raw; cursor += 1
            case UInt8(ascii: "#"): kind = .section; cursor += 1
            case UInt8(ascii: "^"): kind = .inverted; cursor += 1
            case UInt8(ascii: "/"): kind = .close; cursor += 1
            case UInt8(ascii: "!"): kind = .comment; cursor += 1
            case UInt8(ascii: ">"): kind = .partial; cursor += 1
            case UInt8(ascii: "<"): kind = .parent; cursor += 1
            case UInt8(ascii: "$"): kind = .block; cursor += 1
            case UInt8(ascii: "="): throw error("mengganti pembatas ({{=...=}}) tidak didukung", at: start)
            default: break
            }
        }
        var end = cursor
        while end + closing.count <= text.count, Array(text[end..<end + closing.count]) != closing { end += 1 }
        guard end + closing.count <= text.count else { throw error("tag {{ tidak ditutup", at: start) }
        let name = String(decoding: text[cursor..<end], as: UTF8.self).trimmingSpaces()
        if kind != .comment {
            guard !name.isEmpty else { throw error("tag tanpa nama", at: start) }
            guard name.allSatisfy({ $0.isLetter || $0.isNumber || "_-.".contains($0) }) else {
                throw error("nama tag tidak sah \"\(name)\"", at: start)
            }
        }
        return Tag(kind: kind, name: name, start: start, end: end + closing.count)
    }

    /// The line around a tag when nothing but spaces shares it: from the line's start to just
    /// after its newline. With `sharing`, parent, block and closing tags on the line count as
    /// spaces; `first` and `last` say whether the tag is the first or last one on its line.
    private func standaloneRange(tagStart: Int, tagEnd: Int, sharing: Bool) -> (lineStart: Int, lineEnd: Int, first: Bool, last: Bool)? {
        var lineStart = tagStart
        var first = true
        while lineStart > 0, text[lineStart - 1] != UInt8(ascii: "\n") {
            if sharing, let start = inheritanceTag(endingAt: lineStart) {
                first = false
                lineStart = start
                continue
            }
            guard text[lineStart - 1] == UInt8(ascii: " ") || text[lineStart - 1] == UInt8(ascii: "\t") else { return nil }
            lineStart -= 1
        }
        var lineEnd = tagEnd
        var last = true
        while lineEnd < text.count, text[lineEnd] != UInt8(ascii: "\n") {
            if sharing, let end = inheritanceTag(startingAt: lineEnd) {
                last = false
                lineEnd = end
                continue
            }
            guard text[lineEnd] == UInt8(ascii: " ") || text[lineEnd] == UInt8(ascii: "\t") || text[lineEnd] == UInt8(ascii: "\r") else { return nil }
            lineEnd += 1
        }
        if lineEnd < text.count { lineEnd += 1 }
        return (lineStart, lineEnd, first, last)
    }

    /// The end of a `{{<…}}`, `{{$…}}` or `{{/…}}` tag starting at `offset`, if one does.
    private func inheritanceTag(startingAt offset: Int) -> Int? {
        guard offset + 2 < text.count, text[offset] == UInt8(ascii: "{"), text[offset + 1] == UInt8(ascii: "{"),
              [UInt8(ascii: "<"), UInt8(ascii: "$"), UInt8(ascii: "/")].contains(text[offset + 2]) else { return nil }
        var end = offset + 3
        while end + 1 < text.count {
            if text[end] == UInt8(ascii: "}"), text[end + 1] == UInt8(ascii: "}") { return end + 2 }
            if text[end] == UInt8(ascii: "\n") { return nil }
            end += 1
        }
        return nil
    }

    /// The start of a `{{<…}}`, `{{$…}}` or `{{/…}}` tag ending just before `offset`, if one does.
    private func inheritanceTag(endingAt offset: Int) -> Int? {
        guard offset >= 2, text[offset - 1] == UInt8(ascii: "}"), text[offset - 2] == UInt8(ascii: "}") else { return nil }
        var start = offset - 3
        while start >= 0, text[start] != UInt8(ascii: "\n") {
            if start + 1 < offset, text[start] == UInt8(ascii: "{"), text[start + 1] == UInt8(ascii: "{") {
                return inheritanceTag(startingAt: start) == offset ? start : nil
            }
            start -= 1
        }
        return nil
    }

    /// The offset where the line holding `offset` starts.
    private func lineStart(of offset: Int) -> Int {
        var start = offset
        while start > 0, text[start - 1] != UInt8(ascii: "\n") { start -= 1 }
        return start
    }

    /// The spaces and tabs that start the first line of some nodes' text, if it has text.
    static func firstLineIndentation(_ nodes: [Template.Node]) -> String? {
        guard case .text(let text)? = nodes.first else { return nil }
        let indentation = text.prefix { $0 == " " || $0 == "\t" }
        return indentation.count < text.count ? String(indentation) : nil
    }

    private func path(_ name: String) -> Template.Path {
        Template.Path(name == "." ? [] : name.split(separator: ".").map(String.init))
    }

    private func error(_ message: String, at offset: Int) -> TemplateSyntaxError {
        let place = position(of: offset)
        return TemplateSyntaxError(message: "template tidak sah: \(message)", line: place.line, column: place.column)
    }

    /// Line and column (1-based, columns in Unicode scalars) of byte `offset`.
    private func position(of offset: Int) -> (line: Int, column: Int) {
        var line = 1
        var column = 1
        for byte in text[0..<min(offset, text.count)] {
            if byte == UInt8(ascii: "\n") {
                line += 1
                column = 1
            } else if byte & 0xC0 != 0x80 {
                column += 1
            }
        }
        return (line, column)
    }
}

extension String {
    fileprivate func trimmingSpaces() -> String {
        var slice = self[...]
        while slice.first?.isWhitespace == true { slice = slice.dropFirst() }
        while slice.last?.isWhitespace == true { slice = slice.dropLast() }
        return String(slice)
    }
}
