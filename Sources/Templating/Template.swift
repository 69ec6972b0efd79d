/// A Mustache template compiled once into a tree of nodes, rendered against `TemplateValue`s.
///
/// Supported: variables (`{{name}}` escaped, `{{{name}}}` and `{{&name}}` raw, dotted names,
/// `{{.}}`), sections and inverted sections, comments, partials (`{{>name}}`) and template
/// inheritance (`{{<parent}}` with `{{$block}}` overrides), with the spec's standalone-line
/// rules so templates can be laid out one tag per line. Not supported, and reported as errors:
/// lambdas, changing delimiters, dynamic partials.
public struct Template: Sendable {
    indirect enum Node: Sendable {
        case text(String)
        case variable(Path, escaped: Bool, at: (line: Int, column: Int))
        case section(Path, [Node], inverted: Bool, at: (line: Int, column: Int))
        case partial(String, indentation: String, at: (line: Int, column: Int))
        /// A block and its default content; `indentation` is set when the block stands alone on
        /// its line (see `Override`).
        case block(String, [Node], indentation: String?)
        case parent(String, blocks: [String: Override], indentation: String, at: (line: Int, column: Int))
    }

    /// A tag's dotted name, by part (empty for `{{.}}`), with each part's number
    /// (`TemplateNames`) for looking it up while rendering.
    struct Path: Sendable {
        let names: [String]
        let numbers: [Int32]

        init(_ names: [String]) {
            self.names = names
            numbers = names.map(TemplateNames.number)
        }
    }

    /// A block's content given by a template that extends a parent. When both the override and
    /// the block it replaces stand alone on their lines, each rendered line of the override
    /// loses the override's own indentation and takes the block's.
    struct Override: Sendable {
        let nodes: [Node]
        let indentation: String?
    }

    let nodes: [Node]
    /// The names of the partials and parents it uses, for checking that a theme has them all.
    public let references: Set<String>

    /// Compiles a template, or throws with the line and column of the first problem.
    public init(_ source: String) throws(TemplateSyntaxError) {
        var parser = TemplateParser(source)
        nodes = try parser.parseAll()
        references = parser.references
    }

    /// Every name its tags look up (each part of a dotted name), in blocks and overrides too.
    public var tagNames: Set<String> {
        var names: Set<String> = []
        func collect(_ nodes: [Node]) {
            for node in nodes {
                switch node {
                case .text, .partial: break
                case .variable(let path, _, _): names.formUnion(path.names)
                case .section(let path, let inner, _, _):
                    names.formUnion(path.names)
                    collect(inner)
                case .block(_, let inner, _): collect(inner)
                case .parent(_, let blocks, _, _): for block in blocks.values { collect(block.nodes) }
                }
            }
        }
        collect(nodes)
        return names
    }
}

/// A template problem and its place.
public struct TemplateSyntaxError: Error, Sendable {
    /// What is wrong.
    public let message: String
    /// 1-based line.
    public let line: Int
    /// 1-based column.
    public let column: Int
}

/// A template that could not be rendered: partials or parents that include each other deeper
/// than `TemplateLibrary.maximumDepth` (a cycle), named with the tag that went too deep.
public struct TemplateRenderError: Error, Sendable, CustomStringConvertible {
    /// The template holding the tag.
    public let template: String
    /// 1-based line and column of the tag.
    public let line: Int
    public let column: Int
    /// The chain of templates being rendered, outermost first.
    public let chain: [String]

    public var description: String {
        "partial atau induk template bersarang lebih dari \(TemplateLibrary.maximumDepth) tingkat (berputar?): \(chain.suffix(6).joined(separator: " › ")) …"
    }
}

/// Named templates that can include each other.
public struct TemplateLibrary: Sendable {
    private var templates: [String: Template] = [:]

    /// An empty library.
    public init() {}

    /// Adds a template under a name.
    public mutating func register(_ template: Template, named name: String) {
        templates[name] = template
    }

    /// Whether a template of that name exists.
    public func contains(_ name: String) -> Bool { templates[name] != nil }

    /// The names of all templates.
    public var names: [String] { templates.keys.sorted() }

    /// Every name any of its templates looks up: a view model's field named in none of them can
    /// never be shown, so it need not be made.
    public var tagNames: Set<String> {
        templates.values.reduce(into: Set<String>()) { $0.formUnion($1.tagNames) }
    }

    /// The template of that name.
    public func template(named name: String) -> Template? { templates[name] }

    /// How deep partials and parents may nest. A partial may include itself (the spec allows
    /// recursion that the data ends); past this depth it is a cycle, reported, never a crash.
    public static let maximumDepth = 64

    /// Renders the named template with `value` as the context; nil when there is no such template.
    public func render(_ value: TemplateValue, withTemplate name: String) throws(TemplateRenderError) -> String? {
        guard let template = templates[name] else { return nil }
        var renderer = Renderer(library: self)
        renderer.chain = [name]
        var stack = [value]
        renderer.render(template.nodes, stack: &stack, blocks: [:])
        if let failure = renderer.failure { throw failure }
        return renderer.output
    }
}

/// Walks compiled nodes, appending to one output string.
struct Renderer {
    let library: TemplateLibrary
    var output = ""
    /// The indentation of the standalone partials being rendered, outermost first: every line of
    /// their template text starts with it (the spec's "each line of the partial is indented"), but
    /// line breaks inside interpolated values do not.
    private var indentation = ""
    /// Whether the next output starts a line of template text (and so gets the indentation).
    private var atLineStart = false
    /// The templates being rendered, outermost first (for the error of a cycle).
    var chain: [String] = []
    /// Set when nesting went too deep; rendering stops.
    var failure: TemplateRenderError?

    init(library: TemplateLibrary) {
        self.library = library
        output.reserveCapacity(32 * 1024)
    }

    mutating func render(_ nodes: [Template.Node], stack: inout [TemplateValue], blocks: [String: Template.Override]) {
        for node in nodes where failure == nil {
            switch node {
            case .text(let text):
                appendTemplateText(text)
            case .variable(let path, let escaped, _):
                switch lookup(path, in: stack) {
                case .text(let text)?:
                    startLine(unlessEmpty: text)
                    if escaped { appendEscaped(text) } else { output += text }
                case .bool(let flag)?:
                    startLine(unlessEmpty: "x")
                    output += flag ? "true" : "false"
                default:
                    break
                }
            case .section(let path, let children, let inverted, _):
                let value = lookup(path, in: stack) ?? .null
                if inverted {
                    if !value.isTruthy { render(children, stack: &stack, blocks: blocks) }
                    continue
                }
                switch value {
                case .list(let items):
                    for item in items {
                        stack.append(item)
                        render(children, stack: &stack, blocks: blocks)
                        stack.removeLast()
                    }
                case .bool(true):
                    render(children, stack: &stack, blocks: blocks)
                case .object, .text:
                    stack.append(value)
                    render(children, stack: &stack, blocks: blocks)
                    stack.removeLast()
                default:
                    break
                }
            case .partial(let name, let indentation, let place):
                guard let template = library.template(named: name), enter(name, at: place) else { continue }
                renderIndented(indentation) { renderer in renderer.render(template.nodes, stack: &stack, blocks: blocks) }
                chain.removeLast()
            case .block(let name, let defaults, let indentation):
                guard let override = blocks[name] else {
                    render(defaults, stack: &stack, blocks: blocks)
                    continue
                }
                guard (override.indentation ?? "") != (indentation ?? "") else {
                    render(override.nodes, stack: &stack, blocks: blocks)
                    continue
                }
                // Render apart, then move each line from the override's indentation to the block's.
                let outer = output
                output = ""
                render(override.nodes, stack: &stack, blocks: blocks)
                let rendered = output
                output = outer
                appendReindented(rendered, from: override.indentation ?? "", to: indentation ?? "")
            case .parent(let name, let overrides, let indentation, let place):
                guard let template = library.template(named: name), enter(name, at: place) else { continue }
                // The innermost overrides win over those of an enclosing parent.
                let merged = blocks.merging(overrides) { outer, _ in outer }
                renderIndented(indentation) { renderer in renderer.render(template.nodes, stack: &stack, blocks: merged) }
                chain.removeLast()
            }
        }
    }

    /// Steps into a partial or parent, or records the cycle when the nesting is too deep.
    private mutating func enter(_ name: String, at place: (line: Int, column: Int)) -> Bool {
        guard chain.count <= TemplateLibrary.maximumDepth else {
            failure = TemplateRenderError(template: chain.last ?? name, line: place.line, column: place.column, chain: chain + [name])
            return false
        }
        chain.append(name)
        return true
    }

    /// Renders a standalone partial or parent whose tag was indented: its lines of template text
    /// get the indentation, on top of any already in force.
    private mutating func renderIndented(_ extra: String, _ body: (inout Renderer) -> Void) {
        guard !extra.isEmpty else {
            body(&self)
            return
        }
        let outer = indentation
        indentation += extra
        atLineStart = true
        body(&self)
        indentation = outer
    }

    /// Appends rendered block content line by line, each line's `from` prefix replaced by `to`
    /// (empty lines stay empty).
    private mutating func appendReindented(_ rendered: String, from: String, to: String) {
        var lines = rendered.split(separator: "\n", omittingEmptySubsequences: false)
        let endsWithBreak = lines.last?.isEmpty == true && lines.count > 1
        if endsWithBreak { lines.removeLast() }
        let reindented = lines.map { line -> String in
            let own = line.hasPrefix(from) ? line.dropFirst(from.count) : line[...]
            return own.isEmpty ? "" : to + own
        }
        appendTemplateText(reindented.joined(separator: "\n") + (endsWithBreak ? "\n" : ""))
    }

    /// Template text: after each of its line breaks, the next line starts with the indentation
    /// (an empty line too, but not the end of the template: nothing follows it).
    private mutating func appendTemplateText(_ text: String) {
        guard !indentation.isEmpty else {
            output += text
            return
        }
        var rest = text[...]
        while let newline = rest.firstIndex(of: "\n") {
            if atLineStart { output += indentation }
            output += rest[..<newline]
            output += "\n"
            atLineStart = true
            rest = rest[rest.index(after: newline)...]
        }
        startLine(unlessEmpty: rest)
        output += rest
    }

    /// Writes the pending indentation before content that starts a line of template text.
    private mutating func startLine<S: StringProtocol>(unlessEmpty content: S) {
        guard atLineStart, !content.isEmpty else { return }
        output += indentation
        atLineStart = false
    }

    /// Finds a dotted name: its first part in the nearest context that has it, the rest inside.
    private func lookup(_ path: Template.Path, in stack: [TemplateValue]) -> TemplateValue? {
        guard let first = path.numbers.first else { return stack.last }
        var found: TemplateValue?
        // By index, innermost first: each frame is read in place, not copied.
        var frame = stack.count - 1
        while frame >= 0 {
            if let value = stack[frame].member(first) {
                found = value
                break
            }
            frame -= 1
        }
        for number in path.numbers.dropFirst() {
            found = found?.member(number)
            if found == nil { return nil }
        }
        return found
    }

    private mutating func appendEscaped(_ text: String) {
        HTML.appendEscaped(text, to: &output)
    }
}

/// HTML escaping, the same wherever the site writes text into markup.
public enum HTML {
    /// Escapes `& < > " '` so text is inert in element content and in quoted attributes.
    public static func escape(_ text: String) -> String {
        var result = ""
        appendEscaped(text, to: &result)
        return result
    }

    /// Appends `text` escaped; text with nothing to escape is appended in one piece.
    public static func appendEscaped(_ text: String, to output: inout String) {
        // Scanned through the contiguous bytes: `UTF8View.contains` checks an index per byte,
        // and every variable of every page passes here.
        func special(_ byte: UInt8) -> Bool { byte == 0x26 || byte == 0x3C || byte == 0x3E || byte == 0x22 || byte == 0x27 }
        guard text.utf8.withContiguousStorageIfAvailable({ $0.contains(where: special) }) ?? text.utf8.contains(where: special) else {
            output += text
            return
        }
        output.reserveCapacity(output.utf8.count + text.utf8.count + 16)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": output += "&amp;"
            case "<": output += "&lt;"
            case ">": output += "&gt;"
            case "\"": output += "&quot;"
            case "'": output += "&#39;"
            default: output.unicodeScalars.append(scalar)
            }
        }
    }
}
