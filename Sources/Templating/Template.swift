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
        case variable([Substring], escaped: Bool)
        case section([Substring], [Node], inverted: Bool)
        case partial(String, indentation: String)
        case block(String, [Node])
        case parent(String, blocks: [String: [Node]], indentation: String)
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

    /// The template of that name.
    public func template(named name: String) -> Template? { templates[name] }

    /// Renders the named template with `value` as the context; nil when there is no such template.
    public func render(_ value: TemplateValue, withTemplate name: String) -> String? {
        guard let template = templates[name] else { return nil }
        var renderer = Renderer(library: self)
        var stack = [value]
        renderer.render(template.nodes, stack: &stack, blocks: [:])
        return renderer.output
    }
}

/// Walks compiled nodes, appending to one output string.
struct Renderer {
    let library: TemplateLibrary
    var output = ""

    init(library: TemplateLibrary) {
        self.library = library
        output.reserveCapacity(32 * 1024)
    }

    mutating func render(_ nodes: [Template.Node], stack: inout [TemplateValue], blocks: [String: [Template.Node]]) {
        for node in nodes {
            switch node {
            case .text(let text):
                output += text
            case .variable(let path, let escaped):
                switch lookup(path, in: stack) {
                case .text(let text)?:
                    if escaped { appendEscaped(text) } else { output += text }
                case .bool(let flag)?:
                    output += flag ? "true" : "false"
                default:
                    break
                }
            case .section(let path, let children, let inverted):
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
            case .partial(let name, let indentation):
                guard let template = library.template(named: name) else { continue }
                renderIndented(indentation) { renderer in renderer.render(template.nodes, stack: &stack, blocks: blocks) }
            case .block(let name, let defaults):
                render(blocks[name] ?? defaults, stack: &stack, blocks: blocks)
            case .parent(let name, let overrides, let indentation):
                guard let template = library.template(named: name) else { continue }
                // The innermost overrides win over those of an enclosing parent.
                let merged = blocks.merging(overrides) { outer, _ in outer }
                renderIndented(indentation) { renderer in renderer.render(template.nodes, stack: &stack, blocks: merged) }
            }
        }
    }

    /// Renders with every line of the result indented (a standalone partial's indentation).
    private mutating func renderIndented(_ indentation: String, _ body: (inout Renderer) -> Void) {
        guard !indentation.isEmpty else {
            body(&self)
            return
        }
        var inner = Renderer(library: library)
        body(&inner)
        var first = true
        for line in inner.output.split(separator: "\n", omittingEmptySubsequences: false) {
            if !first { output += "\n" }
            if !line.isEmpty { output += indentation }
            output += line
            first = false
        }
    }

    /// Finds a dotted name: its first part in the nearest context that has it, the rest inside.
    private func lookup(_ path: [Substring], in stack: [TemplateValue]) -> TemplateValue? {
        if path.isEmpty { return stack.last }
        var found: TemplateValue?
        for frame in stack.reversed() {
            if let value = frame[path[0]] {
                found = value
                break
            }
        }
        for part in path.dropFirst() {
            found = found?[part]
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
        guard text.utf8.contains(where: { $0 == 0x26 || $0 == 0x3C || $0 == 0x3E || $0 == 0x22 || $0 == 0x27 }) else {
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
