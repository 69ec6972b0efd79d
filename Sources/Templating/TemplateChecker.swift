/// A name in a template that the view model it renders does not have.
public struct TemplateFieldError: Error, Sendable, Hashable {
    /// The template (or partial) holding the tag.
    public let template: String
    /// 1-based line and column of the tag.
    public let line: Int
    public let column: Int
    /// What is wrong, in Indonesian.
    public let message: String
}

extension TemplateLibrary {
    /// Checks the named template, with every partial and parent it uses, against the shape of
    /// the view model it renders: every variable and section must name a field that exists
    /// where the tag stands (in the innermost section's value or further out, as rendering
    /// looks names up), and variables must name text or flags. `keys` are the key sets of
    /// `.keyed` shapes, by set name. Returns every problem, in template order.
    public func check(_ name: String, against shape: TemplateShape, keys: [String: Set<String>]) -> [TemplateFieldError] {
        guard let template = template(named: name) else { return [] }
        var checker = ShapeChecker(library: self, keys: keys)
        checker.walk(template.nodes, in: name, stack: [shape], blocks: [:], depth: 0)
        return checker.problems
    }
}

/// Walks a template's nodes as rendering would, with the shapes of the values instead of values.
private struct ShapeChecker {
    let library: TemplateLibrary
    let keys: [String: Set<String>]
    var problems: [TemplateFieldError] = []
    private var reported = Set<TemplateFieldError>()
    /// Partials already walked with a given context: a partial used in many places (or including
    /// itself) is checked once per distinct context.
    private var walkedNames: [String: Set<[TemplateShape]>] = [:]

    init(library: TemplateLibrary, keys: [String: Set<String>]) {
        self.library = library
        self.keys = keys
    }

    /// Block overrides in force, with the template they were written in.
    typealias Blocks = [String: (nodes: [Template.Node], template: String)]

    mutating func walk(_ nodes: [Template.Node], in template: String, stack: [TemplateShape], blocks: Blocks, depth: Int) {
        guard depth <= TemplateLibrary.maximumDepth else { return }
        for node in nodes {
            switch node {
            case .text:
                continue
            case .variable(let tag, _, let place):
                let path = tag.names
                guard let shape = resolve(path, in: stack, template: template, at: place) else { continue }
                switch shape.present {
                case .list, .object, .keyed:
                    report(template, place, "{{\(dotted(path))}} berisi daftar atau objek, bukan teks; pakai {{#\(dotted(path))}}…{{/\(dotted(path))}}")
                case .text, .flag, .optional:
                    continue
                }
            case .section(let tag, let children, let inverted, let place):
                guard let shape = resolve(tag.names, in: stack, template: template, at: place) else { continue }
                if inverted {
                    walk(children, in: template, stack: stack, blocks: blocks, depth: depth)
                    continue
                }
                switch shape.present {
                case .flag:
                    walk(children, in: template, stack: stack, blocks: blocks, depth: depth)
                case .list(let element):
                    walk(children, in: template, stack: stack + [element.present], blocks: blocks, depth: depth)
                case let other:
                    walk(children, in: template, stack: stack + [other], blocks: blocks, depth: depth)
                }
            case .partial(let name, _, _):
                guard let partial = library.template(named: name),
                      walkedNames[name, default: []].insert(stack).inserted else { continue }
                walk(partial.nodes, in: name, stack: stack, blocks: blocks, depth: depth + 1)
            case .block(let name, let defaults, _):
                if let override = blocks[name] {
                    walk(override.nodes, in: override.template, stack: stack, blocks: blocks, depth: depth)
                } else {
                    walk(defaults, in: template, stack: stack, blocks: blocks, depth: depth)
                }
            case .parent(let name, let overrides, _, _):
                guard let parent = library.template(named: name) else { continue }
                var merged = blocks
                for (block, override) in overrides where merged[block] == nil { merged[block] = (override.nodes, template) }
                walk(parent.nodes, in: name, stack: stack, blocks: merged, depth: depth + 1)
            }
        }
    }

    /// The shape a dotted name finds, or nil (reported) when the view model has no such field.
    private mutating func resolve(_ path: [String], in stack: [TemplateShape], template: String,
                                  at place: (line: Int, column: Int)) -> TemplateShape? {
        guard let first = path.first else { return stack.last }
        guard var found = stack.reversed().lazy.compactMap({ [keys] in Self.member($0, first, keys: keys) }).first else {
            report(template, place, "\"\(first)\" tidak dikenal di sini\(suggestion(first, stack.last))")
            return nil
        }
        for (offset, part) in path.enumerated().dropFirst() {
            guard let next = Self.member(found, part, keys: keys) else {
                let owner = dotted(Array(path.prefix(offset)))
                if case .keyed(let set, _) = found.present {
                    report(template, place, set == "strings" ? "teks antarmuka \"\(part)\" tidak ada di i18n tema"
                                                             : "\"\(part)\" tidak ada di \(set) tema")
                } else {
                    report(template, place, "\"\(owner)\" tidak punya \"\(part)\"\(suggestion(part, found))")
                }
                return nil
            }
            found = next
        }
        return found
    }

    /// The field `name` of a value of this shape, if it has one.
    private static func member(_ shape: TemplateShape, _ name: String, keys: [String: Set<String>]) -> TemplateShape? {
        switch shape.present {
        case .object(let fields): return fields[String(name)]
        case .keyed(let set, let value): return keys[set]?.contains(String(name)) == true ? value : nil
        default: return nil
        }
    }

    /// " (maksudnya …?)" with the closest field name of the innermost object, when one is close.
    private func suggestion(_ name: String, _ shape: TemplateShape?) -> String {
        guard case .object(let fields)? = shape?.present else { return "" }
        let target = Array(name.utf8)
        let close = fields.keys.sorted().map { ($0, editDistance(Array($0.utf8), target)) }.filter { $0.1 <= 2 }.min { $0.1 < $1.1 }
        return close.map { "; maksudnya \"\($0.0)\"?" } ?? ""
    }

    private mutating func report(_ template: String, _ place: (line: Int, column: Int), _ message: String) {
        let problem = TemplateFieldError(template: template, line: place.line, column: place.column, message: message)
        if reported.insert(problem).inserted { problems.append(problem) }
    }

    private func dotted(_ path: [String]) -> String {
        path.isEmpty ? "." : path.joined(separator: ".")
    }
}

/// Levenshtein distance of two byte strings (for "did you mean").
private func editDistance(_ a: [UInt8], _ b: [UInt8]) -> Int {
    var previous = Array(0...b.count)
    for (i, x) in a.enumerated() {
        var current = [i + 1]
        for (j, y) in b.enumerated() {
            current.append(min(previous[j + 1] + 1, current[j] + 1, previous[j] + (x == y ? 0 : 1)))
        }
        previous = current
    }
    return previous[b.count]
}
