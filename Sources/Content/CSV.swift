/// How a CSV file is written: the Frictionless CSV Dialect (`dialect` in a data resource), of which
/// the reader honours what spreadsheets vary in. The defaults are RFC 4180's.
public struct CSVDialect: Sendable, Hashable {
    /// The field separator: `,` by default; Excel in the Indonesian locale writes `;`.
    public var delimiter: Character = ","
    /// The quote character.
    public var quoteChar: Character = "\""
    /// Whether a quote inside a quoted field is written twice (`""`), as RFC 4180 says.
    public var doubleQuote = true
    /// Whether the first row names the columns.
    public var header = true
    /// Lines that start with this character are skipped (notes above the data).
    public var commentChar: Character?
    /// Whether spaces right after a delimiter are dropped.
    public var skipInitialSpace = false

    /// The dialect of RFC 4180.
    public init() {}
}

/// One field of a CSV record, with where it starts (for diagnostics).
public struct CSVField: Sendable, Hashable {
    /// The field's text, unquoted.
    public var text: String
    /// Line and column of the field's first character (its opening quote, if quoted).
    public var position: SourcePosition
}

/// One record (row) of a CSV file.
public struct CSVRecord: Sendable, Hashable {
    /// The fields, in file order.
    public var fields: [CSVField]
    /// Where the record starts.
    public var position: SourcePosition
}

/// A CSV text that cannot be read as records (an unclosed quote, text after a closing quote).
public struct CSVSyntaxError: Error, Sendable {
    /// What is wrong, for editors.
    public var message: String
    /// Where.
    public var position: SourcePosition
}

/// Reads CSV as RFC 4180 describes it, with the dialect's variations: CRLF, LF or CR line ends,
/// quoted fields with doubled quotes and line breaks inside, any one-character delimiter. Blank
/// lines are skipped, as Frictionless does. The byte-order mark is dropped before (`SourceText`).
public enum CSVParser {
    /// Parses a whole CSV text into records.
    public static func parse(_ text: String, dialect: CSVDialect = CSVDialect()) throws(CSVSyntaxError) -> [CSVRecord] {
        var reader = Reader(bytes: Array(text.utf8), dialect: dialect)
        return try reader.records()
    }

    private struct Reader {
        let bytes: [UInt8]
        let delimiter: UInt8
        let quote: UInt8
        let doubleQuote: Bool
        let comment: UInt8?
        let skipInitialSpace: Bool
        var index = 0
        var line = 1
        var lineStart = 0

        init(bytes: [UInt8], dialect: CSVDialect) {
            self.bytes = bytes
            // Dialects are checked when the descriptor is read: these are single ASCII characters.
            delimiter = dialect.delimiter.asciiValue ?? UInt8(ascii: ",")
            quote = dialect.quoteChar.asciiValue ?? UInt8(ascii: "\"")
            doubleQuote = dialect.doubleQuote
            comment = dialect.commentChar?.asciiValue
            skipInitialSpace = dialect.skipInitialSpace
        }

        var columns = ColumnCounter()

        /// Line and column of byte `offset` on the current line.
        mutating func position(of offset: Int) -> SourcePosition {
            SourcePosition(line: line, column: columns.column(of: offset, lineStart: lineStart, in: bytes))
        }

        /// Steps over a line end at `index` (CRLF, LF or CR) and starts a new line.
        mutating func consumeLineEnd() {
            if bytes[index] == 0x0D, index + 1 < bytes.count, bytes[index + 1] == 0x0A { index += 1 }
            index += 1
            line += 1
            lineStart = index
        }

        func isLineEnd(_ byte: UInt8) -> Bool { byte == 0x0A || byte == 0x0D }

        mutating func records() throws(CSVSyntaxError) -> [CSVRecord] {
            var records: [CSVRecord] = []
            while index < bytes.count {
                if isLineEnd(bytes[index]) {
                    consumeLineEnd()
                    continue
                }
                if let comment, bytes[index] == comment {
                    while index < bytes.count, !isLineEnd(bytes[index]) { index += 1 }
                    continue
                }
                records.append(try record())
            }
            return records
        }

        mutating func record() throws(CSVSyntaxError) -> CSVRecord {
            let start = position(of: index)
            var fields: [CSVField] = []
            while true {
                if skipInitialSpace {
                    while index < bytes.count, bytes[index] == 0x20 { index += 1 }
                }
                fields.append(try field())
                guard index < bytes.count else { break }
                if bytes[index] == delimiter {
                    index += 1
                    if index == bytes.count { fields.append(CSVField(text: "", position: position(of: index))) }
                    continue
                }
                consumeLineEnd()
                break
            }
            return CSVRecord(fields: fields, position: start)
        }

        mutating func field() throws(CSVSyntaxError) -> CSVField {
            let startOffset = index
            let start = position(of: index)
            guard index < bytes.count, bytes[index] == quote else {
                while index < bytes.count, bytes[index] != delimiter, !isLineEnd(bytes[index]) {
                    if bytes[index] == quote {
                        throw CSVSyntaxError(message: "tanda kutip di tengah kolom yang tidak diawali tanda kutip",
                                             position: position(of: index))
                    }
                    index += 1
                }
                return CSVField(text: String(decoding: bytes[startOffset..<index], as: UTF8.self), position: start)
            }
            index += 1
            var text: [UInt8] = []
            while true {
                guard index < bytes.count else {
                    throw CSVSyntaxError(message: "tanda kutip pembuka tidak pernah ditutup", position: start)
                }
                let byte = bytes[index]
                if byte == quote {
                    if doubleQuote, index + 1 < bytes.count, bytes[index + 1] == quote {
                        text.append(quote)
                        index += 2
                        continue
                    }
                    index += 1
                    if index < bytes.count, bytes[index] != delimiter, !isLineEnd(bytes[index]) {
                        throw CSVSyntaxError(message: "teks setelah tanda kutip penutup; tanda kutip di dalam kolom ditulis dua kali (\"\")",
                                             position: position(of: index))
                    }
                    return CSVField(text: String(decoding: text, as: UTF8.self), position: start)
                }
                if isLineEnd(byte) {
                    // A line break inside quotes belongs to the field; keep it as written.
                    text.append(byte)
                    if byte == 0x0D, index + 1 < bytes.count, bytes[index + 1] == 0x0A {
                        text.append(0x0A)
                        index += 1
                    }
                    index += 1
                    line += 1
                    lineStart = index
                    continue
                }
                text.append(byte)
                index += 1
            }
        }
    }
}

/// Writes CSV as RFC 4180 does: comma-separated, fields with a comma, quote or line break quoted
/// with inner quotes doubled, CRLF after every record.
public enum CSVWriter {
    /// One field, quoted when it needs to be.
    public static func field(_ text: String) -> String {
        guard text.utf8.contains(where: { $0 == UInt8(ascii: ",") || $0 == UInt8(ascii: "\"") || $0 == 0x0A || $0 == 0x0D }) else { return text }
        return "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }

    /// One record with its CRLF.
    public static func record(_ fields: [String]) -> String {
        fields.map(field).joined(separator: ",") + "\r\n"
    }
}
