import Foundation

/// Text in the site's languages: the default language's text, and translations by language code
/// (a descriptor's `title` beside `i18n: {"en": {"title": ...}}`).
public struct LocalizedText: Sendable, Hashable {
    /// The text in the default language.
    public var text: String
    /// Translations, by language code.
    public var translations: [String: String]

    /// Creates a text with its translations.
    public init(_ text: String, translations: [String: String] = [:]) {
        self.text = text
        self.translations = translations
    }

    /// The text in `language`, falling back to the default language's.
    public func `in`(_ language: String) -> String { translations[language] ?? text }
}

/// A value of a table cell, typed by its field (Frictionless Table Schema types).
public enum TableValue: Sendable, Hashable, Comparable {
    case string(String)
    case integer(Int)
    case number(Double)
    case boolean(Bool)
    case date(SimpleDate)
    case year(Int)
    /// No value: an empty CSV field, JSON `null`, or a value listed in `missingValues`.
    case missing

    /// The value as a number, for integers, numbers and years.
    public var number: Double? {
        switch self {
        case .integer(let value), .year(let value): return Double(value)
        case .number(let value): return value
        default: return nil
        }
    }

    /// The value as a whole number, for integers and years.
    public var integer: Int? {
        switch self {
        case .integer(let value), .year(let value): return value
        default: return nil
        }
    }

    /// The value as text, for strings.
    public var string: String? {
        if case .string(let text) = self { return text }
        return nil
    }

    /// The canonical text of the value, as written into published CSV (`12.5`, `true`, `2024-05-22`).
    public var canonical: String {
        switch self {
        case .string(let text): return text
        case .integer(let value), .year(let value): return String(value)
        case .number(let value): return DecimalText.plain(value)
        case .boolean(let value): return value ? "true" : "false"
        case .date(let date): return date.description
        case .missing: return ""
        }
    }

    public static func < (lhs: TableValue, rhs: TableValue) -> Bool {
        switch (lhs, rhs) {
        case (.missing, .missing): return false
        case (.missing, _): return true
        case (_, .missing): return false
        default:
            if let a = lhs.number, let b = rhs.number { return a < b }
            return lhs.canonical < rhs.canonical
        }
    }
}

/// Decimal numbers as machines read them: up to four fractional digits, no trailing zeros, no
/// thousands separators (`12.5`, `3`), the same on every machine.
public enum DecimalText {
    /// The plain text of a number.
    public static func plain(_ value: Double) -> String {
        let scaled = (value * 10_000).rounded()
        if scaled == scaled.rounded(.towardZero), abs(scaled) < 9e15 {
            let whole = Int(scaled) / 10_000
            var fraction = abs(Int(scaled) % 10_000)
            if fraction == 0 { return String(whole) }
            var digits = 4
            while fraction % 10 == 0 {
                fraction /= 10
                digits -= 1
            }
            var fractionText = String(fraction)
            while fractionText.count < digits { fractionText = "0" + fractionText }
            let sign = value < 0 && whole == 0 ? "-" : ""
            return "\(sign)\(whole).\(fractionText)"
        }
        return String(value)
    }
}

/// A field's type, from the Table Schema types this generator reads.
public enum FieldType: String, Sendable, Hashable, CaseIterable {
    case string, integer, number, boolean, date, year

    /// Table Schema types that exist in the specification but that no data of this site needs;
    /// a descriptor naming one gets a clear "not supported" error rather than "unknown".
    static let unsupported = ["object", "array", "datetime", "time", "yearmonth", "duration", "geopoint", "geojson", "any", "list"]

    /// The type in words, for messages: "bilangan bulat".
    var words: String {
        switch self {
        case .string: return "teks"
        case .integer: return "bilangan bulat"
        case .number: return "angka"
        case .boolean: return "true atau false"
        case .date: return "tanggal TTTT-BB-HH"
        case .year: return "tahun (empat angka)"
        }
    }
}

/// How an indicator's values combine over villages into a region's or the country's figure.
public enum Aggregation: String, Sendable, Hashable, CaseIterable {
    /// Added up: people served, sessions held.
    case sum
    /// The median: rates and shares, where a sum means nothing.
    case median
}

/// The constraints a field's values must meet (Table Schema `constraints`).
public struct FieldConstraints: Sendable, Hashable {
    /// A value must be present.
    public var required = false
    /// No two rows share a value.
    public var unique = false
    /// Smallest allowed value (numbers, years, dates).
    public var minimum: TableValue?
    /// Largest allowed value.
    public var maximum: TableValue?
    /// Shortest allowed text, in characters.
    public var minLength: Int?
    /// Longest allowed text, in characters.
    public var maxLength: Int?
    /// A regular expression the whole text matches.
    public var pattern: String?
    /// The allowed values.
    public var enumValues: [TableValue]?

    /// No constraints.
    public init() {}
}

/// One column of a table (Table Schema `fields[]`), with the site's own properties.
public struct TableField: Sendable, Hashable {
    /// The column's name: the CSV header, the JSON key.
    public var name: String
    /// The type of its values.
    public var type: FieldType
    /// Its label for readers, per language (`title` and `i18n`).
    public var title: LocalizedText?
    /// What it means, per language.
    public var description: LocalizedText?
    /// Its unit for readers (`orang`, `juta rupiah`), per language. A site property.
    public var unit: LocalizedText?
    /// Labels of `enum` values for readers, by value then language. A site property.
    public var valueLabels: [String: LocalizedText] = [:]
    /// The constraints on its values.
    public var constraints = FieldConstraints()
    /// The decimal mark of numbers in the file (`,` in Indonesian spreadsheets).
    public var decimalChar: Character = "."
    /// The thousands separator of numbers in the file, if any.
    public var groupChar: Character?
    /// The pillar the field measures (indicator tables): a page's slug under `content/pilar/`.
    public var pilar: String?
    /// How the field combines over villages (indicator tables).
    public var aggregation: Aggregation = .sum
    /// Where the field is declared in the descriptor.
    public var position: SourcePosition

    /// Creates a field.
    public init(name: String, type: FieldType, position: SourcePosition = .start) {
        self.name = name
        self.type = type
        self.position = position
    }

    /// The field's label in a language: its title, or its name.
    public func label(_ language: String) -> String { title?.in(language) ?? name }
}

/// A foreign key: the values of some fields must appear in another resource's fields.
public struct ForeignKey: Sendable, Hashable {
    /// Fields of this table.
    public var fields: [String]
    /// The resource referred to (its `name`); empty for the same resource.
    public var resource: String
    /// Fields of that resource.
    public var referenceFields: [String]
    /// Where it is declared.
    public var position: SourcePosition
}

/// A table's schema (Frictionless Table Schema).
public struct TableSchema: Sendable, Hashable {
    /// The columns, in order.
    public var fields: [TableField]
    /// The fields whose values together identify a row.
    public var primaryKey: [String] = []
    /// References into other resources.
    public var foreignKeys: [ForeignKey] = []
    /// Texts that mean "no value" (default: the empty string).
    public var missingValues: [String] = [""]

    /// Creates a schema.
    public init(fields: [TableField]) {
        self.fields = fields
    }

    /// The index of the field with that name.
    public func index(of name: String) -> Int? { fields.firstIndex { $0.name == name } }

    /// The field with that name.
    public func field(_ name: String) -> TableField? { index(of: name).map { fields[$0] } }
}

extension TableField {
    /// Reads a value of this field from its text in a CSV file (or a string in JSON), or says
    /// what is wrong in words for editors.
    func parse(_ text: String) -> Result<TableValue, FieldError> {
        switch type {
        case .string:
            return .success(.string(text))
        case .integer:
            var digits = text
            if let groupChar { digits.removeAll { $0 == groupChar } }
            guard let value = Int(digits), !digits.hasPrefix("+") else { return .failure(.type) }
            return .success(.integer(value))
        case .number:
            var digits = text
            if let groupChar { digits.removeAll { $0 == groupChar } }
            if decimalChar != "." {
                guard !digits.contains(".") else { return .failure(.type) }
                digits = digits.replacingOccurrences(of: String(decimalChar), with: ".")
            }
            // Plain decimal notation only: no "nan", "inf" or hexadecimal that Double would take.
            guard !digits.isEmpty, digits.allSatisfy({ $0.isASCII && ($0.isNumber || $0 == "." || $0 == "-" || $0 == "e" || $0 == "E") }),
                  let value = Double(digits), value.isFinite else { return .failure(.type) }
            return .success(.number(value))
        case .boolean:
            switch text {
            case "true", "True", "TRUE", "1": return .success(.boolean(true))
            case "false", "False", "FALSE", "0": return .success(.boolean(false))
            default: return .failure(.type)
            }
        case .date:
            return SimpleDate(text).map { .success(.date($0)) } ?? .failure(.type)
        case .year:
            guard text.count == 4, let value = Int(text), value >= 0 else { return .failure(.type) }
            return .success(.year(value))
        }
    }

    /// Checks a present value against the field's constraints (all but `unique`, which needs
    /// the whole column).
    func check(_ value: TableValue, pattern regex: Regex<AnyRegexOutput>?) -> FieldError? {
        let c = constraints
        if let minimum = c.minimum, value < minimum { return .range }
        if let maximum = c.maximum, maximum < value { return .range }
        if let text = value.string {
            if let minLength = c.minLength, text.count < minLength { return .length }
            if let maxLength = c.maxLength, text.count > maxLength { return .length }
            if let regex, (try? regex.wholeMatch(in: text)) == nil { return .pattern }
        }
        if let allowed = c.enumValues, !allowed.contains(value) { return .enumeration }
        return nil
    }

    /// What a value of this field must be, in words: "bilangan bulat ≥ 0".
    var requirement: String {
        var words = type.words
        switch (constraints.minimum, constraints.maximum) {
        case let (minimum?, maximum?): words += " dari \(minimum.canonical) sampai \(maximum.canonical)"
        case let (minimum?, nil): words += " ≥ \(minimum.canonical)"
        case let (nil, maximum?): words += " ≤ \(maximum.canonical)"
        case (nil, nil): break
        }
        return words
    }

    /// The message for a value that fails, quoting what was written.
    func message(_ error: FieldError, written: String) -> (message: String, hint: String?) {
        let quoted = "\"\(written)\""
        switch error {
        case .type, .range:
            var hint: String?
            if type == .integer, written.contains(",") || written.contains(".") {
                hint = "kolom ini bilangan bulat; untuk angka pecahan ubah tipenya menjadi \"number\" di datapackage.json"
            } else if type == .number, decimalChar == ".", written.contains(",") {
                hint = "angka ini memakai koma desimal: tulis \"decimalChar\": \",\" pada kolom ini di datapackage.json"
            }
            return ("\"\(name)\" harus \(requirement), bukan \(quoted)", hint)
        case .length:
            let bounds = [constraints.minLength.map { "paling sedikit \($0)" }, constraints.maxLength.map { "paling banyak \($0)" }].compactMap { $0 }
            return ("\"\(name)\" harus \(bounds.joined(separator: " dan ")) karakter, bukan \(quoted)", nil)
        case .pattern:
            return ("\"\(name)\" tidak cocok dengan pola \(constraints.pattern ?? ""): \(quoted)", nil)
        case .enumeration:
            let allowed = (constraints.enumValues ?? []).map(\.canonical)
            return ("\"\(name)\" harus salah satu dari \(allowed.joined(separator: ", ")), bukan \(quoted)",
                    Suggestion.closest(to: written, in: allowed).map { "mungkin maksudnya \"\($0)\"?" })
        }
    }
}

/// Why a value does not fit its field.
enum FieldError: Error {
    case type, range, length, pattern, enumeration
}
