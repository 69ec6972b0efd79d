import Content

/// A front matter key as the editing form shows it: typed by the content contract
/// (`FrontMatter.allowedKeys`), so the form offers exactly what a page of its kind may have.
public struct FormField: Sendable, Equatable {
    /// How the field is edited.
    public enum Control: String, Sendable {
        case text, longText, date, flag, choice, number, pillars, village, list, sources
    }

    /// The front matter key.
    public let key: String
    /// The control that edits it.
    public let control: Control

    /// The fields of a page of `kind`, in the order the form shows them.
    public static func fields(for kind: PageKind) -> [FormField] {
        let order = ["kode", "title", "date", "summary", "description", "pilar", "indikator_utama", "draft", "ilustrasi", "sumber", "slug", "weight", "aliases", "toc"]
        let allowed = FrontMatter.allowedKeys(for: kind)
        return order.filter(allowed.contains).map { FormField(key: $0, control: control(of: $0)) }
    }

    static func control(of key: String) -> Control {
        switch key {
        case "summary", "description": return .longText
        case "date": return .date
        case "draft", "ilustrasi": return .flag
        case "toc": return .choice
        case "weight": return .number
        case "pilar": return .pillars
        case "kode": return .village
        case "aliases": return .list
        case "sumber": return .sources
        default: return .text
        }
    }

    /// The keys of a source entry, in the order they are written.
    public static let sourceKeys = ["id", "title", "publisher", "date", "url"]
}

/// A form value: text, a list of texts, or a list of sources (each a key → text map).
public enum FormValue: Sendable, Equatable {
    case text(String)
    case list([String])
    case sources([[String: String]])

    /// The value as text (a list's items joined by commas).
    public var text: String {
        switch self {
        case .text(let text): return text
        case .list(let items): return items.joined(separator: ", ")
        case .sources: return ""
        }
    }

    /// The value as the form can show it: text without trailing spaces or line breaks (an input
    /// cannot hold the final line break of a folded YAML text), sources without empty keys.
    var comparable: FormValue {
        switch self {
        case .text(let text): return .text(text.trimmingTrailingWhitespace)
        case .list: return self
        case .sources(let items): return .sources(items.map { $0.filter { !$0.value.isEmpty } })
        }
    }

    var isEmpty: Bool {
        switch self {
        case .text(let text): return text.trimmingTrailingWhitespace.isEmpty
        case .list(let items): return items.isEmpty
        case .sources(let items): return items.isEmpty
        }
    }
}

/// A content file opened in the form: its front matter values by key and its body, and the
/// way back from edited values to the file, changing only what was edited.
public struct PageForm: Sendable {
    /// The file as it was opened.
    public let original: String
    /// The fields of the file's kind of page.
    public let fields: [FormField]
    /// The values in the file, by key (absent keys are missing).
    public let values: [String: FormValue]
    /// The body as it is in the file.
    public var body: String { FrontMatterEditor(original).body }

    /// Opens a file of `kind`.
    public init(text: String, kind: PageKind) {
        original = text
        fields = FormField.fields(for: kind)
        var values: [String: FormValue] = [:]
        if case .success(let parts) = FrontMatterSplitter.split(text, file: ""), let yaml = parts.yaml,
           case .success(let node) = YAML.parse(yaml, file: "", firstLine: parts.yamlFirstLine), let entries = node?.entries {
            for entry in entries { values[entry.key] = Self.value(of: entry.value, control: FormField.control(of: entry.key)) }
        }
        self.values = values
    }

    /// The file with `edited` values and `body`: a key's lines change only when its value
    /// differs from the file's, and the body only when it differs. An empty value removes its key.
    public func text(with edited: [String: FormValue], body newBody: String) -> String {
        var editor = FrontMatterEditor(original)
        for field in fields {
            guard let value = edited[field.key] else { continue }
            let old = values[field.key]
            if old?.comparable == value.comparable || (old == nil && value.isEmpty) { continue }
            editor.set(field.key, to: value.isEmpty ? nil : Self.yaml(field.key, value, control: field.control))
        }
        if Self.normalized(newBody) != Self.normalized(editor.body) { editor.setBody(newBody) }
        return editor.text
    }

    private static func normalized(_ text: String) -> String {
        String(String.UnicodeScalarView(text.unicodeScalars.filter { $0 != "\r" }))
    }

    /// What the form shows for a YAML value.
    static func value(of node: YAMLNode, control: FormField.Control) -> FormValue {
        switch control {
        case .pillars, .list:
            if let items = node.items { return .list(items.compactMap(\.text)) }
            return .list(node.text.map { [$0] } ?? [])
        case .sources:
            guard let items = node.items else { return .sources([]) }
            return .sources(items.map { item in
                var source: [String: String] = [:]
                // Only the keys the form edits: another key (an error of its own) is not a change.
                for entry in item.entries ?? [] where FormField.sourceKeys.contains(entry.key) { source[entry.key] = entry.value.text ?? "" }
                return source
            })
        default:
            return .text(node.text ?? "")
        }
    }

    /// The YAML lines of one key.
    static func yaml(_ key: String, _ value: FormValue, control: FormField.Control) -> [String] {
        switch value {
        case .text(let text):
            let text = text.trimmingTrailingWhitespace
            switch control {
            // A code is always quoted: 32.12.16.2004 must not read as a number.
            case .village: return ["\(key): \(quoted(text))"]
            case .date: return ["\(key): \(isDate(text) ? text : quoted(text))"]
            case .flag, .choice: return ["\(key): \(["true", "false"].contains(text) ? text : quoted(text))"]
            case .number: return ["\(key): \(Int(text) != nil ? text : quoted(text))"]
            default: return ["\(key): \(scalar(text))"]
            }
        case .list(let items):
            return ["\(key): [\(items.map(scalar).joined(separator: ", "))]"]
        case .sources(let sources):
            var lines = ["\(key):"]
            for source in sources {
                var first = true
                for name in FormField.sourceKeys {
                    guard let text = source[name]?.trimmingTrailingWhitespace, !text.isEmpty else { continue }
                    let written = name == "date" && isDate(text) ? text : scalar(text)
                    lines.append((first ? "  - " : "    ") + "\(name): \(written)")
                    first = false
                }
            }
            return lines
        }
    }

    static func isDate(_ text: String) -> Bool {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        return parts.map(\.count) == [4, 2, 2] && parts.allSatisfy { $0.allSatisfy(\.isASCII) && $0.allSatisfy(\.isNumber) }
    }

    /// A YAML scalar: plain when YAML would read it back as the same text, else double-quoted.
    static func scalar(_ text: String) -> String {
        let reserved: Set<String> = ["true", "false", "yes", "no", "on", "off", "y", "n", "null", "~"]
        let indicators = "-?:,[]{}#&*!|>'\"%@`"
        guard let first = text.first, !indicators.contains(first), first != " ", text.last != " ", !reserved.contains(text.lowercased()),
              !text.contains(": "), !text.contains(" #"), !text.hasSuffix(":"), !text.contains(where: { $0.isNewline || $0 == "\t" }),
              Double(text) == nil, !isDate(text), text.unicodeScalars.allSatisfy({ $0.value >= 0x20 && $0.value != 0x7F })
        else { return quoted(text) }
        return text
    }

    /// A double-quoted YAML scalar; what YAML cannot hold raw (control characters, DEL, C1)
    /// is escaped.
    static func quoted(_ text: String) -> String {
        var result = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\\": result += "\\\\"
            case "\"": result += "\\\""
            case "\n": result += "\\n"
            case "\t": result += "\\t"
            case "\r": result += "\\r"
            default:
                if scalar.value < 0x20 || (0x7F...0x9F).contains(scalar.value) && scalar.value != 0x85 {
                    result += "\\x" + String(format: "%02X", scalar.value)
                } else {
                    result.unicodeScalars.append(scalar)
                }
            }
        }
        return result + "\""
    }
}
