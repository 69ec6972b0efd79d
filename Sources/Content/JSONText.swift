/// Writing JSON text. The one string escaper behind the open-data downloads, the search index
/// and the preview's error messages, so they all agree on what is escaped.
public enum JSONText {
    /// `text` as a JSON string literal, safe to embed in an HTML `<script>` data block.
    public static func string(_ text: String) -> String {
        // Most text needs no escape: copy it whole (pages' text runs to megabytes).
        if !text.utf8Contains(where: needsEscape) { return "\"" + text + "\"" }
        var input = text
        return input.withUTF8 { bytes in
            var result: [UInt8] = []
            result.reserveCapacity(bytes.count + 16)
            appendString(bytes, to: &result)
            return String(decoding: result, as: UTF8.self)
        }
    }

    /// Appends the JSON string literal of the UTF-8 `bytes` (quotes included) to `output`,
    /// escaped as `string` escapes: for JSON built as bytes, such as the search index's records.
    /// With `lineBreaksAsSpaces`, a line feed or carriage return is written as a space.
    public static func appendString(_ bytes: UnsafeBufferPointer<UInt8>, to output: inout [UInt8], lineBreaksAsSpaces: Bool = false) {
        output.append(0x22)
        // Escaped over the UTF-8 bytes, copying the runs between escapes whole: every byte to
        // escape is ASCII, so a run never splits a character. Appending scalar by scalar took
        // 50 ns a byte, most of the search index's time on a site whose texts have quotes.
        var start = 0, index = 0
        while index < bytes.count {
            // Eight bytes at a time past runs with nothing to escape (most text): byte by byte,
            // this scan was about half the time spent writing the search index's records.
            if index + 8 <= bytes.count, !mayNeedEscape(UnsafeRawPointer(bytes.baseAddress! + index).loadUnaligned(as: UInt64.self)) {
                index += 8
                continue
            }
            let byte = bytes[index]
            guard needsEscape(byte) else {
                index += 1
                continue
            }
            output.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[start..<index]))
            switch byte {
            case 0x22: output += [0x5C, 0x22]  // \"
            case 0x5C: output += [0x5C, 0x5C]  // \\
            case 0x0A where lineBreaksAsSpaces, 0x0D where lineBreaksAsSpaces: output.append(0x20)
            case 0x0A: output += [0x5C, 0x6E]  // \n
            case 0x0D: output += [0x5C, 0x72]  // \r
            case 0x09: output += [0x5C, 0x74]  // \t
            // Other control characters, and < (safe to embed in an HTML <script> block),
            // as \u00XX in lower-case hex.
            default: output += [0x5C, 0x75, 0x30, 0x30, hexDigits[Int(byte >> 4)], hexDigits[Int(byte & 0x0F)]]
            }
            index += 1
            start = index
        }
        output.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[start...]))
        output.append(0x22)
    }

    /// Whether any of the eight bytes in `word` may need an escape: one below 0x20, or a `"`,
    /// `\\` or `<`. Exact when false (what the scan relies on); the bytes are checked one by one
    /// when true.
    @inline(__always)
    private static func mayNeedEscape(_ word: UInt64) -> Bool {
        let ones: UInt64 = 0x0101_0101_0101_0101, highs: UInt64 = 0x8080_8080_8080_8080
        // A byte below n (n ≤ 0x80) sets its high bit in (x - n·ones) & ~x, and a zero byte of
        // x ^ (c·ones) marks a byte equal to c; no byte that is neither can make these nonzero.
        func below(_ n: UInt64) -> UInt64 { (word &- ones &* n) & ~word & highs }
        func equal(_ c: UInt64) -> UInt64 { let x = word ^ (ones &* c); return (x &- ones) & ~x & highs }
        return below(0x20) | equal(0x22) | equal(0x5C) | equal(0x3C) != 0
    }

    /// Appends the JSON string literal of `text` to `output` (see `appendString(_:to:)`).
    public static func appendString(_ text: String, to output: inout [UInt8]) {
        var text = text
        text.withUTF8 { appendString($0, to: &output) }
    }

    private static func needsEscape(_ byte: UInt8) -> Bool { byte < 0x20 || byte == 0x22 || byte == 0x5C || byte == 0x3C }

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
