/// A position in a source file: 1-based line and column (columns count Unicode scalars).
public struct SourcePosition: Sendable, Hashable, Comparable {
    /// 1-based line number.
    public var line: Int
    /// 1-based column, in Unicode scalars.
    public var column: Int

    /// Creates a position.
    public init(line: Int, column: Int) {
        self.line = line
        self.column = column
    }

    /// The start of a file.
    public static let start = SourcePosition(line: 1, column: 1)

    public static func < (lhs: SourcePosition, rhs: SourcePosition) -> Bool {
        (lhs.line, lhs.column) < (rhs.line, rhs.column)
    }
}

/// One problem found in the input, pointing at the file and place an editor must fix.
///
/// Printed as `path:line:column: error: message`, followed by an indented `hint:` line when there
/// is one, the form compilers use so that editors and terminals can jump to the place.
public struct Diagnostic: Sendable, Hashable, Comparable, CustomStringConvertible, Error {
    /// Whether the problem fails the build.
    public enum Severity: String, Sendable, Hashable {
        case error
        case warning
    }

    /// How serious the problem is.
    public var severity: Severity
    /// The file's path as the user gave it (relative to the working directory where possible).
    public var file: String
    /// Where in the file.
    public var position: SourcePosition
    /// What is wrong, in plain words.
    public var message: String
    /// How to fix it, when there is something useful to say.
    public var hint: String?

    /// Creates a diagnostic.
    public init(_ severity: Severity = .error, file: String, at position: SourcePosition = .start, _ message: String, hint: String? = nil) {
        self.severity = severity
        self.file = file
        self.position = position
        self.message = message
        self.hint = hint
    }

    public var description: String {
        var text = "\(file):\(position.line):\(position.column): \(severity.rawValue): \(message)"
        if let hint { text += "\n    hint: \(hint)" }
        return text
    }

    public static func < (lhs: Diagnostic, rhs: Diagnostic) -> Bool {
        if lhs.file != rhs.file { return lhs.file < rhs.file }
        if lhs.position != rhs.position { return lhs.position < rhs.position }
        return lhs.message < rhs.message
    }
}

/// Collects the diagnostics of one run, so that every problem is reported, not just the first.
public struct Diagnostics: Sendable {
    /// Everything reported so far, in the order reported.
    public private(set) var all: [Diagnostic] = []

    /// Creates an empty collection.
    public init() {}

    /// Records a diagnostic.
    public mutating func add(_ diagnostic: Diagnostic) {
        all.append(diagnostic)
    }

    /// Records several diagnostics.
    public mutating func add(contentsOf diagnostics: [Diagnostic]) {
        all.append(contentsOf: diagnostics)
    }

    /// Records an error.
    public mutating func error(_ file: String, _ position: SourcePosition, _ message: String, hint: String? = nil) {
        all.append(Diagnostic(.error, file: file, at: position, message, hint: hint))
    }

    /// Records a warning.
    public mutating func warning(_ file: String, _ position: SourcePosition, _ message: String, hint: String? = nil) {
        all.append(Diagnostic(.warning, file: file, at: position, message, hint: hint))
    }

    /// Whether any error (not just warnings) was recorded.
    public var hasErrors: Bool { all.contains { $0.severity == .error } }

    /// The errors only, sorted by file and position.
    public var errors: [Diagnostic] { all.filter { $0.severity == .error }.sorted() }

    /// The warnings only, sorted by file and position.
    public var warnings: [Diagnostic] { all.filter { $0.severity == .warning }.sorted() }
}

/// Suggests the known name closest to a mistyped one, for "did you mean" hints.
public enum Suggestion {
    /// The candidate within a small edit distance of `word`, if any; ties go to the first listed.
    public static func closest(to word: String, in candidates: [String]) -> String? {
        let lowered = word.lowercased()
        var best: (name: String, distance: Int)?
        for candidate in candidates {
            let distance = editDistance(Array(lowered.unicodeScalars), Array(candidate.lowercased().unicodeScalars))
            let limit = max(2, candidate.count / 3)
            if distance <= limit, distance < (best?.distance ?? Int.max) {
                best = (candidate, distance)
            }
        }
        return best?.name
    }

    /// The Levenshtein distance between two scalar sequences.
    static func editDistance(_ a: [Unicode.Scalar], _ b: [Unicode.Scalar]) -> Int {
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var previous = Array(0...b.count)
        var current = [Int](repeating: 0, count: b.count + 1)
        for i in 1...a.count {
            current[0] = i
            for j in 1...b.count {
                let cost = a[i - 1] == b[j - 1] ? 0 : 1
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
            }
            swap(&previous, &current)
        }
        return previous[b.count]
    }

    /// A "did you mean" hint for an unknown key (or value, with `noun: "nilai"`), or a list of
    /// the allowed ones.
    public static func hint(for word: String, in candidates: [String], noun: String = "kunci") -> String {
        if let match = closest(to: word, in: candidates) {
            return "maksud Anda \"\(match)\"? \(noun.prefix(1).uppercased() + noun.dropFirst()) yang dikenal: \(candidates.joined(separator: ", "))"
        }
        return "\(noun) yang dikenal: \(candidates.joined(separator: ", "))"
    }
}

/// Counts columns (Unicode scalars, so a multi-byte character is one column) forward through
/// UTF-8 bytes from the last position asked for, never from the line start again, so that a
/// parser asking for positions in file order stays linear even on one huge line.
struct ColumnCounter {
    private var markIndex = 0
    private var mark = 1

    /// The column of byte `offset` on the line that starts at byte `lineStart`.
    mutating func column(of offset: Int, lineStart: Int, in bytes: [UInt8]) -> Int {
        if markIndex < lineStart {
            markIndex = lineStart
            mark = 1
        }
        while markIndex < offset {
            // Lead bytes only: continuation bytes (10xxxxxx) belong to the scalar before them.
            if bytes[markIndex] & 0xC0 != 0x80 { mark += 1 }
            markIndex += 1
        }
        return mark
    }
}
