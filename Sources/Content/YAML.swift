import Yams

/// A YAML value with its position in the file, converted from Yams' tree.
///
/// Scalars stay text: the meaning of a value (a year, a flag, a code) is decided by the key that
/// holds it, not by YAML's guessing (`no` is not `false` for a village named "No").
public struct YAMLNode: Sendable {
    /// The kinds of value.
    public indirect enum Value: Sendable {
        /// A scalar's text; `isNull` for an empty plain value, `~` or `null`.
        case scalar(String, isNull: Bool)
        case sequence([YAMLNode])
        case mapping([YAMLEntry])
    }

    /// The value.
    public var value: Value
    /// Where it starts in the file.
    public var position: SourcePosition

    /// The text when this is a non-null scalar.
    public var text: String? {
        if case .scalar(let text, let isNull) = value, !isNull { return text }
        return nil
    }

    /// Whether this is a null scalar.
    public var isNull: Bool {
        if case .scalar(_, let isNull) = value { return isNull }
        return false
    }

    /// The entries when this is a mapping.
    public var entries: [YAMLEntry]? {
        if case .mapping(let entries) = value { return entries }
        return nil
    }

    /// The items when this is a sequence.
    public var items: [YAMLNode]? {
        if case .sequence(let items) = value { return items }
        return nil
    }

    /// A word for the kind of value, for error messages.
    public var kindName: String {
        switch value {
        case .scalar(_, let isNull): return isNull ? "kosong" : "teks"
        case .sequence: return "daftar"
        case .mapping: return "pemetaan (mapping)"
        }
    }
}

/// One `key: value` entry of a YAML mapping.
public struct YAMLEntry: Sendable {
    /// The key's text.
    public var key: String
    /// Where the key starts.
    public var keyPosition: SourcePosition
    /// The value.
    public var value: YAMLNode
}

/// YAML parsing through Yams, with positions mapped to the file and hostile input refused.
public enum YAML {
    /// More nodes than this in one document is refused: it stops alias "billion laughs" bombs,
    /// which Yams expands lazily but a walk over the tree would not.
    public static let maximumNodes = 20_000
    /// Deeper nesting than this is refused.
    public static let maximumDepth = 32

    /// Parses one YAML document. `firstLine` is the file line the text starts on (2 for front
    /// matter after its `---` line), so positions point into the file.
    public static func parse(_ text: String, file: String, firstLine: Int = 1) -> Result<YAMLNode?, Diagnostic> {
        let offset = firstLine - 1
        func at(_ mark: Mark?) -> SourcePosition {
            guard let mark else { return SourcePosition(line: firstLine, column: 1) }
            return SourcePosition(line: mark.line + offset, column: mark.column)
        }
        let root: Node?
        do {
            root = try Yams.compose(yaml: text, .basic)
        } catch let error as YamlError {
            switch error {
            case .scanner(_, let problem, let mark, _), .parser(_, let problem, let mark, _), .composer(_, let problem, let mark, _):
                return .failure(Diagnostic(file: file, at: at(mark), "YAML tidak sah: \(problem)", hint: hintFor(problem)))
            case .duplicatedKeysInMapping(let duplicates, let context):
                return .failure(Diagnostic(
                    file: file, at: at(context.mark),
                    "kunci ganda dalam YAML: \(duplicates.map { "\"\($0)\"" }.joined(separator: ", "))",
                    hint: "setiap kunci hanya boleh ditulis sekali; hapus salah satunya"
                ))
            case .reader(let problem, _, _, _):
                return .failure(Diagnostic(file: file, at: at(nil), "YAML tidak terbaca: \(problem)"))
            default:
                return .failure(Diagnostic(file: file, at: at(nil), "YAML tidak sah: \(error)"))
            }
        } catch {
            return .failure(Diagnostic(file: file, at: at(nil), "YAML tidak sah: \(error)"))
        }
        guard let root else { return .success(nil) }
        var budget = maximumNodes
        do {
            return .success(try convert(root, depth: 0, budget: &budget, at: at))
        } catch {
            return .failure(Diagnostic(file: file, at: error.position, error.message, hint: "sederhanakan YAML ini: tanpa alias (*) dan tanpa sarang yang dalam"))
        }
    }

    private struct TooComplex: Error {
        var message: String
        var position: SourcePosition
    }

    private static func convert(_ node: Node, depth: Int, budget: inout Int, at: (Mark?) -> SourcePosition) throws(TooComplex) -> YAMLNode {
        budget -= 1
        guard budget >= 0 else {
            throw TooComplex(message: "YAML terlalu besar (lebih dari \(maximumNodes) nilai)", position: at(node.mark))
        }
        guard depth <= maximumDepth else {
            throw TooComplex(message: "YAML bersarang terlalu dalam (lebih dari \(maximumDepth) tingkat)", position: at(node.mark))
        }
        switch node {
        case .scalar(let scalar):
            let isNull = scalar.style == .plain && ["", "~", "null", "Null", "NULL"].contains(scalar.string)
            return YAMLNode(value: .scalar(scalar.string, isNull: isNull), position: at(scalar.mark))
        case .sequence(let sequence):
            var items: [YAMLNode] = []
            for item in sequence {
                items.append(try convert(item, depth: depth + 1, budget: &budget, at: at))
            }
            return YAMLNode(value: .sequence(items), position: at(sequence.mark))
        case .mapping(let mapping):
            var entries: [YAMLEntry] = []
            for (key, value) in mapping {
                guard let keyText = key.scalar?.string else {
                    throw TooComplex(message: "kunci YAML harus berupa teks", position: at(key.mark))
                }
                entries.append(YAMLEntry(
                    key: keyText, keyPosition: at(key.mark),
                    value: try convert(value, depth: depth + 1, budget: &budget, at: at)
                ))
            }
            return YAMLNode(value: .mapping(entries), position: at(mapping.mark))
        case .alias:
            throw TooComplex(message: "alias YAML (*) tidak didukung", position: at(node.mark))
        }
    }

    private static func hintFor(_ problem: String) -> String? {
        if problem.contains("mapping values are not allowed") {
            return "nilai yang mengandung ': ' perlu diapit tanda kutip, misalnya title: \"Desa: Kenanga\""
        }
        if problem.contains("tab") {
            return "YAML memakai spasi untuk indentasi, bukan tab"
        }
        if problem.contains("unexpected end of stream") {
            return "periksa tanda kutip atau kurung yang belum ditutup"
        }
        if problem.contains("could not find expected ':'") {
            return "setiap baris front matter berbentuk kunci: nilai"
        }
        return nil
    }
}
