/// Writing JSON text. The one string escaper behind the open-data downloads, the search index
/// and the preview's error messages, so they all agree on what is escaped.
public enum JSONText {
    /// `text` as a JSON string literal, safe to embed in an HTML `<script>` data block.
    public static func string(_ text: String) -> String {
        // Most text needs no escape: copy it whole (pages' text runs to megabytes).
        func special(_ byte: UInt8) -> Bool { byte < 0x20 || byte == 0x22 || byte == 0x5C || byte == 0x3C }
        if !text.utf8Contains(where: special) { return "\"" + text + "\"" }
        // Escaped over the UTF-8 bytes, copying the runs between escapes whole: every byte to
        // escape is ASCII, so a run never splits a character. Appending scalar by scalar took
        // 50 ns a byte, most of the search index's time on a site whose texts have quotes.
        var input = text
        return input.withUTF8 { bytes in
            var result: [UInt8] = [0x22]
            result.reserveCapacity(bytes.count + 16)
            var start = 0
            for index in bytes.indices where special(bytes[index]) {
                result.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[start..<index]))
                switch bytes[index] {
                case 0x22: result += [0x5C, 0x22]  // \"
                case 0x5C: result += [0x5C, 0x5C]  // \\
                case 0x0A: result += [0x5C, 0x6E]  // \n
                case 0x0D: result += [0x5C, 0x72]  // \r
                case 0x09: result += [0x5C, 0x74]  // \t
                // Other control characters, and < (safe to embed in an HTML <script> block),
                // as \u00XX in lower-case hex.
                case let byte: result += Array("\\u00".utf8) + [hexDigits[Int(byte >> 4)], hexDigits[Int(byte & 0x0F)]]
                }
                start = index + 1
            }
            result.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[start...]))
            result.append(0x22)
            return String(decoding: result, as: UTF8.self)
        }
    }

    private static let hexDigits = Array("0123456789abcdef".utf8)
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
