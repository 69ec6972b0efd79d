/// Writing JSON text. The one string escaper behind the open-data downloads, the search index
/// and the preview's error messages, so they all agree on what is escaped.
public enum JSONText {
    /// `text` as a JSON string literal, safe to embed in an HTML `<script>` data block.
    public static func string(_ text: String) -> String {
        // Most text needs no escape: copy it whole (pages' text runs to megabytes).
        func special(_ byte: UInt8) -> Bool { byte < 0x20 || byte == 0x22 || byte == 0x5C || byte == 0x3C }
        if !text.utf8Contains(where: special) { return "\"" + text + "\"" }
        var result = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": result += "\\\""
            case "\\": result += "\\\\"
            case "\n": result += "\\n"
            case "\r": result += "\\r"
            case "\t": result += "\\t"
            case "<": result += "\\u003c"  // safe to embed in HTML <script type="application/ld+json">
            default:
                if scalar.value < 0x20 {
                    let hex = String(scalar.value, radix: 16)
                    result += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                } else {
                    result.unicodeScalars.append(scalar)
                }
            }
        }
        return result + "\""
    }
}

/// A JSON value to write: objects keep their keys' order, so output is the same on every run.
public indirect enum JSONValue: Sendable {
    case string(String)
    /// A number, as written (`12`, `12.5`).
    case number(String)
    case bool(Bool)
    case array([JSONValue])
    case object([(String, JSONValue)])
    case null

    /// Two-space-indented JSON text with a final line break.
    public func text() -> String {
        var out = ""
        write(into: &out, indent: "")
        return out + "\n"
    }

    private func write(into out: inout String, indent: String) {
        switch self {
        case .string(let text): out += JSONText.string(text)
        case .number(let text): out += text
        case .bool(let flag): out += flag ? "true" : "false"
        case .null: out += "null"
        case .array(let elements):
            // Arrays of plain values stay on one line; arrays of objects get a line per element.
            if elements.allSatisfy({ if case .object = $0 { return false } else if case .array = $0 { return false } else { return true } }) {
                out += "[" + elements.map { $0.text().dropLast() }.joined(separator: ", ") + "]"
                return
            }
            let inner = indent + "  "
            out += "[\n"
            for (index, element) in elements.enumerated() {
                out += inner
                element.write(into: &out, indent: inner)
                out += index == elements.count - 1 ? "\n" : ",\n"
            }
            out += indent + "]"
        case .object(let members):
            guard !members.isEmpty else {
                out += "{}"
                return
            }
            let inner = indent + "  "
            out += "{\n"
            for (index, member) in members.enumerated() {
                out += inner + JSONText.string(member.0) + ": "
                member.1.write(into: &out, indent: inner)
                out += index == members.count - 1 ? "\n" : ",\n"
            }
            out += indent + "}"
        }
    }
}
