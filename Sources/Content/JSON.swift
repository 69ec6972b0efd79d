/// A JSON value that remembers where it stood in its file, so data errors can name the line.
///
/// Foundation's decoder loses positions; this small parser keeps them. It follows RFC 8259, rejects
/// duplicate keys and nesting deeper than `JSONParser.maximumDepth`.
public struct JSONNode: Sendable {
    /// The value's kinds.
    public indirect enum Value: Sendable {
        case null
        case bool(Bool)
        /// A number, with its text as written (so integers stay exact).
        case number(Double, text: String)
        case string(String)
        case array([JSONNode])
        case object([JSONMember])
    }

    /// The value.
    public var value: Value
    /// Where the value starts.
    public var position: SourcePosition

    /// The members when this is an object.
    public var members: [JSONMember]? {
        if case .object(let members) = value { return members }
        return nil
    }

    /// The elements when this is an array.
    public var elements: [JSONNode]? {
        if case .array(let elements) = value { return elements }
        return nil
    }

    /// The text when this is a string.
    public var string: String? {
        if case .string(let text) = value { return text }
        return nil
    }

    /// The value when this is a number without fraction or exponent that fits an `Int`.
    public var integer: Int? {
        if case .number(_, let text) = value { return Int(text) }
        return nil
    }

    /// The value when this is any number.
    public var number: Double? {
        if case .number(let number, _) = value { return number }
        return nil
    }

    /// The value when this is `true` or `false`.
    public var bool: Bool? {
        if case .bool(let flag) = value { return flag }
        return nil
    }

    /// The member named `key` when this is an object.
    public subscript(key: String) -> JSONNode? {
        members?.first { $0.key == key }?.value
    }

    /// A word for the kind of value, for error messages ("teks", "angka", ...).
    public var kindName: String {
        switch value {
        case .null: return "null"
        case .bool: return "boolean"
        case .number: return "angka"
        case .string: return "teks"
        case .array: return "daftar (array)"
        case .object: return "objek"
        }
    }
}

/// One `"key": value` pair of a JSON object.
public struct JSONMember: Sendable {
    /// The key.
    public var key: String
    /// Where the key starts (its opening quote).
    public var keyPosition: SourcePosition
    /// The value.
    public var value: JSONNode
}

/// A JSON syntax error with its place in the text.
public struct JSONSyntaxError: Error, Sendable {
    /// What is wrong.
    public var message: String
    /// Where.
    public var position: SourcePosition
}

/// A position-keeping JSON parser over UTF-8 bytes.
public struct JSONParser {
    /// Deeper nesting than this is refused, so hostile files cannot exhaust the stack.
    public static let maximumDepth = 64

    private let bytes: [UInt8]
    private var index = 0
    private var line = 1
    private var lineStart = 0
    private var columns = ColumnCounter()

    /// Parses a whole JSON text.
    public static func parse(_ text: String) throws(JSONSyntaxError) -> JSONNode {
        var parser = JSONParser(bytes: Array(text.utf8))
        parser.skipWhitespace()
        let node = try parser.parseValue(depth: 0)
        parser.skipWhitespace()
        if parser.index < parser.bytes.count {
            throw parser.error("teks tambahan setelah nilai JSON")
        }
        return node
    }

    private init(bytes: [UInt8]) {
        self.bytes = bytes
    }

    private var position: SourcePosition {
        mutating get { SourcePosition(line: line, column: columns.column(of: index, lineStart: lineStart, in: bytes)) }
    }

    private mutating func error(_ message: String) -> JSONSyntaxError {
        JSONSyntaxError(message: message, position: position)
    }

    private mutating func skipWhitespace() {
        while index < bytes.count {
            switch bytes[index] {
            case 0x20, 0x09, 0x0D:
                index += 1
            case 0x0A:
                index += 1
                line += 1
                lineStart = index
            default:
                return
            }
        }
    }

    private mutating func parseValue(depth: Int) throws(JSONSyntaxError) -> JSONNode {
        guard index < bytes.count else { throw error("berkas JSON berakhir sebelum nilainya lengkap") }
        let start = position
        switch bytes[index] {
        case UInt8(ascii: "{"):
            guard depth < Self.maximumDepth else { throw error("JSON bersarang terlalu dalam (lebih dari \(Self.maximumDepth) tingkat)") }
            return JSONNode(value: .object(try parseObject(depth: depth + 1)), position: start)
        case UInt8(ascii: "["):
            guard depth < Self.maximumDepth else { throw error("JSON bersarang terlalu dalam (lebih dari \(Self.maximumDepth) tingkat)") }
            return JSONNode(value: .array(try parseArray(depth: depth + 1)), position: start)
        case UInt8(ascii: "\""):
            return JSONNode(value: .string(try parseString()), position: start)
        case UInt8(ascii: "t"):
            try expectWord("true")
            return JSONNode(value: .bool(true), position: start)
        case UInt8(ascii: "f"):
            try expectWord("false")
            return JSONNode(value: .bool(false), position: start)
        case UInt8(ascii: "n"):
            try expectWord("null")
            return JSONNode(value: .null, position: start)
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"):
            return try parseNumber(start: start)
        default:
            throw error("nilai JSON tidak dikenali di sini (\(describeByte()))")
        }
    }

    private func describeByte() -> String {
        let byte = bytes[index]
        if byte >= 0x21, byte < 0x7F { return "'\(Character(Unicode.Scalar(byte)))'" }
        return "byte 0x\(String(byte, radix: 16, uppercase: true))"
    }

    private mutating func expectWord(_ word: String) throws(JSONSyntaxError) {
        let utf8 = Array(word.utf8)
        guard index + utf8.count <= bytes.count, Array(bytes[index..<index + utf8.count]) == utf8 else {
            throw error("nilai JSON tidak dikenali (maksudnya \(word)?)")
        }
        index += utf8.count
    }

    /// Up to this many keys, an object's keys are checked for a repeat one by one.
    static let keysReadInOrder = 16

    private mutating func parseObject(depth: Int) throws(JSONSyntaxError) -> [JSONMember] {
        index += 1
        var members: [JSONMember] = []
        // Keys already read, for refusing one given twice: compared one by one while the
        // object is small (a registry row), by a table past `Self.keysReadInOrder`: a dictionary
        // made and grown for every row was nearly half the parser's time on a national registry.
        var seen: [String: SourcePosition] = [:]
        skipWhitespace()
        if index < bytes.count, bytes[index] == UInt8(ascii: "}") {
            index += 1
            return members
        }
        while true {
            skipWhitespace()
            if index < bytes.count, bytes[index] == UInt8(ascii: "}"), !members.isEmpty {
                throw error("koma berlebih sebelum '}': JSON tidak membolehkan koma setelah anggota terakhir")
            }
            guard index < bytes.count, bytes[index] == UInt8(ascii: "\"") else {
                throw error("diharapkan kunci dalam tanda kutip ganda")
            }
            let keyPosition = position
            let key = try parseString()
            let first = members.count <= Self.keysReadInOrder ? members.first(where: { $0.key == key })?.keyPosition : seen[key]
            if let first {
                throw JSONSyntaxError(message: "kunci \"\(key)\" muncul dua kali dalam objek yang sama (pertama di baris \(first.line))", position: keyPosition)
            }
            if members.count == Self.keysReadInOrder {
                for member in members { seen[member.key] = member.keyPosition }
            }
            if members.count >= Self.keysReadInOrder { seen[key] = keyPosition }
            skipWhitespace()
            guard index < bytes.count, bytes[index] == UInt8(ascii: ":") else { throw error("diharapkan ':' setelah kunci \"\(key)\"") }
            index += 1
            skipWhitespace()
            let value = try parseValue(depth: depth)
            members.append(JSONMember(key: key, keyPosition: keyPosition, value: value))
            skipWhitespace()
            guard index < bytes.count else { throw error("berkas JSON berakhir di dalam objek (kurang '}')") }
            if bytes[index] == UInt8(ascii: ",") {
                index += 1
                continue
            }
            if bytes[index] == UInt8(ascii: "}") {
                index += 1
                return members
            }
            throw error("diharapkan ',' atau '}' dalam objek")
        }
    }

    private mutating func parseArray(depth: Int) throws(JSONSyntaxError) -> [JSONNode] {
        index += 1
        var elements: [JSONNode] = []
        skipWhitespace()
        if index < bytes.count, bytes[index] == UInt8(ascii: "]") {
            index += 1
            return elements
        }
        while true {
            skipWhitespace()
            if index < bytes.count, bytes[index] == UInt8(ascii: "]"), !elements.isEmpty {
                throw error("koma berlebih sebelum ']': JSON tidak membolehkan koma setelah isi terakhir")
            }
            elements.append(try parseValue(depth: depth))
            skipWhitespace()
            guard index < bytes.count else { throw error("berkas JSON berakhir di dalam daftar (kurang ']')") }
            if bytes[index] == UInt8(ascii: ",") {
                index += 1
                continue
            }
            if bytes[index] == UInt8(ascii: "]") {
                index += 1
                return elements
            }
            throw error("diharapkan ',' atau ']' dalam daftar")
        }
    }

    private mutating func parseString() throws(JSONSyntaxError) -> String {
        index += 1
        var scalars = String.UnicodeScalarView()
        var runStart = index
        func flushRun(_ parser: JSONParser, upTo end: Int, into scalars: inout String.UnicodeScalarView) {
            if end > runStart {
                scalars.append(contentsOf: String(decoding: parser.bytes[runStart..<end], as: UTF8.self).unicodeScalars)
            }
        }
        while index < bytes.count {
            let byte = bytes[index]
            switch byte {
            case UInt8(ascii: "\""):
                // Most strings have no escape: made straight from their bytes.
                if scalars.isEmpty {
                    let text = String(decoding: bytes[runStart..<index], as: UTF8.self)
                    index += 1
                    return text
                }
                flushRun(self, upTo: index, into: &scalars)
                index += 1
                return String(scalars)
            case UInt8(ascii: "\\"):
                flushRun(self, upTo: index, into: &scalars)
                index += 1
                guard index < bytes.count else { break }
                let escape = bytes[index]
                index += 1
                switch escape {
                case UInt8(ascii: "\""): scalars.append("\"")
                case UInt8(ascii: "\\"): scalars.append("\\")
                case UInt8(ascii: "/"): scalars.append("/")
                case UInt8(ascii: "b"): scalars.append("\u{08}")
                case UInt8(ascii: "f"): scalars.append("\u{0C}")
                case UInt8(ascii: "n"): scalars.append("\n")
                case UInt8(ascii: "r"): scalars.append("\r")
                case UInt8(ascii: "t"): scalars.append("\t")
                case UInt8(ascii: "u"):
                    scalars.append(try parseUnicodeEscape())
                default:
                    index -= 2
                    throw error("urutan escape tidak sah dalam teks JSON")
                }
                runStart = index
            case 0x00..<0x20:
                throw error(byte == 0x0A ? "teks JSON tidak ditutup sebelum akhir baris" : "karakter kendali dalam teks JSON harus ditulis sebagai escape")
            default:
                index += 1
            }
        }
        throw error("teks JSON tidak ditutup (kurang '\"')")
    }

    private mutating func parseHex4() throws(JSONSyntaxError) -> UInt32 {
        guard index + 4 <= bytes.count else { throw error("escape \\u tidak lengkap") }
        var value: UInt32 = 0
        for _ in 0..<4 {
            let byte = bytes[index]
            let digit: UInt32
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = UInt32(byte - UInt8(ascii: "0"))
            case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = UInt32(byte - UInt8(ascii: "a") + 10)
            case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = UInt32(byte - UInt8(ascii: "A") + 10)
            default: throw error("escape \\u harus diikuti empat digit heksadesimal")
            }
            value = value * 16 + digit
            index += 1
        }
        return value
    }

    private mutating func parseUnicodeEscape() throws(JSONSyntaxError) -> Unicode.Scalar {
        let first = try parseHex4()
        if (0xD800..<0xDC00).contains(first) {
            guard index + 2 <= bytes.count, bytes[index] == UInt8(ascii: "\\"), bytes[index + 1] == UInt8(ascii: "u") else {
                throw error("pasangan surrogate \\u tidak lengkap")
            }
            index += 2
            let second = try parseHex4()
            guard (0xDC00..<0xE000).contains(second) else { throw error("pasangan surrogate \\u tidak sah") }
            let combined = 0x10000 + ((first - 0xD800) << 10) + (second - 0xDC00)
            // Safe: a high and a low surrogate always combine into a scalar in 0x10000...0x10FFFF.
            return Unicode.Scalar(combined)!
        }
        guard let scalar = Unicode.Scalar(first) else { throw error("escape \\u menunjuk surrogate tunggal") }
        return scalar
    }

    private mutating func parseNumber(start: SourcePosition) throws(JSONSyntaxError) -> JSONNode {
        let begin = index
        if bytes[index] == UInt8(ascii: "-") { index += 1 }
        func digits(_ parser: inout JSONParser) -> Int {
            var count = 0
            while parser.index < parser.bytes.count, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(parser.bytes[parser.index]) {
                parser.index += 1
                count += 1
            }
            return count
        }
        let integerStart = index
        let integerDigits = digits(&self)
        guard integerDigits > 0 else { throw error("angka JSON tidak sah") }
        if integerDigits > 1, bytes[integerStart] == UInt8(ascii: "0") {
            throw JSONSyntaxError(message: "angka JSON tidak boleh diawali nol", position: start)
        }
        if index < bytes.count, bytes[index] == UInt8(ascii: ".") {
            index += 1
            guard digits(&self) > 0 else { throw error("angka JSON tidak sah: diharapkan digit setelah '.'") }
        }
        if index < bytes.count, bytes[index] == UInt8(ascii: "e") || bytes[index] == UInt8(ascii: "E") {
            index += 1
            if index < bytes.count, bytes[index] == UInt8(ascii: "+") || bytes[index] == UInt8(ascii: "-") { index += 1 }
            guard digits(&self) > 0 else { throw error("angka JSON tidak sah: eksponen tanpa digit") }
        }
        let text = String(decoding: bytes[begin..<index], as: UTF8.self)
        guard let number = Double(text), number.isFinite else {
            throw JSONSyntaxError(message: "angka JSON di luar jangkauan", position: start)
        }
        return JSONNode(value: .number(number, text: text), position: start)
    }
}
