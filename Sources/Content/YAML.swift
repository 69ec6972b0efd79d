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
        if let simple = parseFlatMapping(text, firstLine: firstLine) { return .success(simple) }
        return parseWithYams(text, file: file, firstLine: firstLine)
    }

    /// Most front matter is a few `key: value` lines. Those are read here directly, with the
    /// same result as Yams, because composing a YAML tree through libyaml costs more than the rest
    /// of a page's build; anything else (lists, nesting, escapes, anchors, errors) returns nil and
    /// goes to Yams. Accepted: blank lines, `#` comment lines, and `key: value` at column 1 where
    /// the value is empty, a plain scalar with no YAML indicator, or a quoted string whose only
    /// escapes are `\"` and `\\` (double) or `''` (single). Empty values go to Yams too.
    static func parseFlatMapping(_ text: String, firstLine: Int) -> YAMLNode? {
        // Lines end in LF or CRLF here. Split on scalars: to `String`, CRLF is one Character and
        // not "\n", so a CRLF file would read as one line. Other YAML line breaks (a lone CR, NEL,
        // U+2028, U+2029), the byte-order mark and control characters are Yams's to judge.
        // Line feeds and carriage returns are ASCII, so lines are found on bytes (as fast as the
        // rest of a page's build needs) and their indices are the text's own.
        let utf8 = text.utf8
        func refused(_ scalar: Unicode.Scalar) -> Bool {
            (scalar.value < 0x20 && scalar != "\n" && scalar != "\r" && scalar != "\t") || scalar == "\u{85}" || scalar == "\u{2028}"
                || scalar == "\u{2029}" || scalar == "\u{FEFF}" || (0x7F...0x9F).contains(scalar.value)
        }
        let isASCII = utf8.allSatisfy { $0 < 0x80 }
        guard isASCII ? !utf8.contains(where: { refused(Unicode.Scalar($0)) }) : !text.unicodeScalars.contains(where: refused) else { return nil }
        var entries: [YAMLEntry] = []
        var keys = Set<String>()
        var lineNumber = firstLine - 1
        for rawLine in utf8.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false) {
            lineNumber += 1
            var lineBytes = rawLine
            if lineBytes.last == UInt8(ascii: "\r") { lineBytes = lineBytes.dropLast() }
            guard !lineBytes.contains(UInt8(ascii: "\r")) else { return nil }
            let line = text[lineBytes.startIndex..<lineBytes.endIndex]
            if line.allSatisfy({ $0 == " " }) || line.first == "#" { continue }
            guard let first = line.unicodeScalars.first, first.properties.isAlphabetic || first == "_",
                  let colon = line.firstIndex(of: ":") else { return nil }
            let key = line[..<colon]
            guard key.unicodeScalars.allSatisfy({ $0.isASCII && ($0.properties.isAlphabetic || ("0"..."9").contains($0) || $0 == "_" || $0 == "-") }),
                  keys.insert(String(key)).inserted else { return nil }
            var rest = line[line.index(after: colon)...]
            guard rest.isEmpty || rest.first == " " else { return nil }
            var column = key.unicodeScalars.count + 2
            while rest.first == " " {
                rest = rest.dropFirst()
                column += 1
            }
            let value: YAMLNode.Value
            if rest.isEmpty {
                // Where libyaml places an empty value is its own business: let Yams say.
                return nil
            } else if rest.first == "\"" {
                guard let text = doubleQuoted(rest) else { return nil }
                value = .scalar(text, isNull: false)
            } else if rest.first == "'" {
                guard let text = singleQuoted(rest) else { return nil }
                value = .scalar(text, isNull: false)
            } else {
                guard let text = plain(rest) else { return nil }
                value = .scalar(text, isNull: ["~", "null", "Null", "NULL"].contains(text))
            }
            let keyPosition = SourcePosition(line: lineNumber, column: 1)
            entries.append(YAMLEntry(key: String(key), keyPosition: keyPosition, value: YAMLNode(value: value, position: SourcePosition(line: lineNumber, column: column))))
        }
        guard let first = entries.first else { return nil }
        return YAMLNode(value: .mapping(entries), position: first.keyPosition)
    }

    private static func plain(_ text: Substring) -> String? {
        guard let first = text.first, !"[]{}&*!|>'\"%@`#,?-:".contains(first) else { return nil }
        guard !contains(text, ": "), !contains(text, " #"), !text.utf8.contains(UInt8(ascii: "\t")), text.utf8.last != UInt8(ascii: ":") else { return nil }
        var trimmed = text
        while trimmed.last == " " { trimmed = trimmed.dropLast() }
        return String(trimmed)
    }

    /// Whether `text` holds the two ASCII bytes of `pair`, compared on bytes.
    private static func contains(_ text: Substring, _ pair: StaticString) -> Bool {
        let (first, second) = (pair.utf8Start[0], pair.utf8Start[1])
        var previous: UInt8 = 0
        for byte in text.utf8 {
            if previous == first, byte == second { return true }
            previous = byte
        }
        return false
    }

    // Quoted scalars are read on bytes: the quotes and the backslash are ASCII, which UTF-8
    // never uses inside another character's bytes, and YAML reads code points, not the
    // grapheme clusters a `Character` walk broke the text into (271 of the 2,735 samples of
    // parsing pages in a profile of 83,762 villages: each page's title is quoted).

    private static func doubleQuoted(_ text: Substring) -> String? {
        let bytes = text.utf8
        var result: [UInt8] = []
        result.reserveCapacity(bytes.count)
        var index = bytes.index(after: bytes.startIndex)
        while index < bytes.endIndex {
            var byte = bytes[index]
            if byte == UInt8(ascii: "\"") {
                return onlySpaces(bytes[bytes.index(after: index)...]) ? String(decoding: result, as: UTF8.self) : nil
            }
            if byte == UInt8(ascii: "\\") {
                index = bytes.index(after: index)
                guard index < bytes.endIndex else { return nil }
                byte = bytes[index]
                guard byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") else { return nil }
            }
            result.append(byte)
            index = bytes.index(after: index)
        }
        return nil
    }

    private static func singleQuoted(_ text: Substring) -> String? {
        let bytes = text.utf8
        var result: [UInt8] = []
        result.reserveCapacity(bytes.count)
        var index = bytes.index(after: bytes.startIndex)
        while index < bytes.endIndex {
            let byte = bytes[index]
            if byte == UInt8(ascii: "'") {
                let next = bytes.index(after: index)
                if next < bytes.endIndex, bytes[next] == UInt8(ascii: "'") {
                    result.append(byte)
                    index = bytes.index(after: next)
                    continue
                }
                return onlySpaces(bytes[next...]) ? String(decoding: result, as: UTF8.self) : nil
            }
            result.append(byte)
            index = bytes.index(after: index)
        }
        return nil
    }

    private static func onlySpaces(_ bytes: Substring.UTF8View.SubSequence) -> Bool {
        bytes.allSatisfy { $0 == UInt8(ascii: " ") }
    }

    static func parseWithYams(_ text: String, file: String, firstLine: Int) -> Result<YAMLNode?, Diagnostic> {
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
