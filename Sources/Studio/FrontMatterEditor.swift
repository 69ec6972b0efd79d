/// Edits a content file's front matter one top-level key at a time, keeping every other byte:
/// comments, key order, quoting, blank lines, line endings and the body.
///
/// A key's block is its line and the indented lines after it (a list, a folded text), up to
/// the next top-level key; comment and blank lines at the end of a block stay where they are,
/// as they usually introduce the next key.
public struct FrontMatterEditor: Sendable {
    /// The file's lines, each with its line ending.
    private var lines: [String]
    /// The line ending new lines get: the file's own (`\r\n` when its first line has one).
    private let newline: String
    /// The index of the closing `---` line; nil when the file has no front matter.
    private var closing: Int?

    /// Reads a content file's text.
    public init(_ text: String) {
        var lines: [String] = []
        var current = ""
        for character in text {
            current.append(character)
            // "\r\n" is one Character in Swift.
            if character == "\n" || character == "\r\n" {
                lines.append(current)
                current = ""
            }
        }
        if !current.isEmpty { lines.append(current) }
        self.lines = lines
        newline = lines.first?.hasSuffix("\r\n") == true ? "\r\n" : "\n"
        if let first = lines.first, Self.isFence(first) {
            closing = lines.indices.dropFirst().first { Self.isFence(lines[$0]) }
        }
    }

    /// The whole text.
    public var text: String { lines.joined() }

    /// The Markdown after the front matter, exactly as in the file.
    public var body: String {
        guard let closing else { return text }
        return lines[(closing + 1)...].joined()
    }

    /// The file line (from 1) the body starts on.
    public var bodyFirstLine: Int { (closing ?? -1) + 2 }

    /// The top-level keys of the front matter in file order, each with its lines (0-based,
    /// end exclusive).
    public var blocks: [(key: String, lines: Range<Int>)] {
        guard let closing else { return [] }
        var starts: [(key: String, line: Int)] = []
        for index in 1..<closing {
            if let key = Self.topLevelKey(lines[index]) { starts.append((key, index)) }
        }
        return starts.enumerated().map { offset, start in
            var end = offset + 1 < starts.count ? starts[offset + 1].line : closing
            while end > start.line + 1, Self.isBlankOrComment(lines[end - 1]) { end -= 1 }
            return (start.key, start.line..<end)
        }
    }

    /// Which key's block a file line (from 1) is in; nil outside the front matter or between keys.
    public func key(atLine line: Int) -> String? {
        blocks.first { $0.lines.contains(line - 1) }?.key
    }

    /// Replaces a key's block with `yaml` (lines without endings), adds it before the closing
    /// `---` when the key is absent, or removes it when `yaml` is nil. The file gets front
    /// matter if it had none.
    public mutating func set(_ key: String, to yaml: [String]?) {
        let replacement = (yaml ?? []).map { $0 + newline }
        if let block = blocks.first(where: { $0.key == key }) {
            lines.replaceSubrange(block.lines, with: replacement)
            closing = closing.map { $0 - block.lines.count + replacement.count }
            return
        }
        guard !replacement.isEmpty else { return }
        if let closing {
            // After the last key (before trailing blank lines or comments of the front matter).
            var at = closing
            while at > 1, Self.isBlankOrComment(lines[at - 1]) { at -= 1 }
            lines.insert(contentsOf: replacement, at: at)
            self.closing = closing + replacement.count
        } else {
            lines.insert(contentsOf: ["---" + newline] + replacement + ["---" + newline], at: 0)
            closing = replacement.count + 1
        }
    }

    /// Replaces the body; `\n` line breaks become the file's own.
    public mutating func setBody(_ body: String) {
        var converted = ""
        for scalar in body.unicodeScalars where scalar != "\r" {
            if scalar == "\n" { converted += newline } else { converted.unicodeScalars.append(scalar) }
        }
        let start = closing.map { $0 + 1 } ?? 0
        if start == 0 {
            lines = converted.isEmpty ? [] : FrontMatterEditor(converted).lines
            return
        }
        // The closing fence needs a line ending before any body follows it.
        if !lines[start - 1].hasSuffix("\n"), !lines[start - 1].hasSuffix("\r\n"), !converted.isEmpty { lines[start - 1] += newline }
        lines.replaceSubrange(start..., with: converted.isEmpty ? [] : FrontMatterEditor(converted).lines)
    }

    private static func isFence(_ line: String) -> Bool {
        line.trimmingTrailingWhitespace == "---"
    }

    private static func isBlankOrComment(_ line: String) -> Bool {
        let trimmed = line.trimmingTrailingWhitespace
        return trimmed.isEmpty || trimmed.hasPrefix("#")
    }

    /// The key a line starts, when it is a top-level `key:` line.
    private static func topLevelKey(_ line: String) -> String? {
        guard let first = line.unicodeScalars.first, first.properties.isAlphabetic || first == "_" else { return nil }
        let name = line.prefix { $0.isLetter || $0.isNumber || $0 == "_" || $0 == "-" }
        let rest = line.dropFirst(name.count).drop { $0 == " " }
        guard rest.hasPrefix(":") else { return nil }
        let after = rest.dropFirst().first
        return after == nil || after == " " || after == "\n" || after == "\r\n" || after == "\t" ? String(name) : nil
    }
}

extension String {
    /// The text without trailing spaces, tabs and line endings.
    var trimmingTrailingWhitespace: String {
        var result = Substring(self)
        while let last = result.last, last == " " || last == "\t" || last == "\n" || last == "\r" || last == "\r\n" { result = result.dropLast() }
        return String(result)
    }
}
