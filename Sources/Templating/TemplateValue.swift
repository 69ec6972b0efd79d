/// A value a template can show: the typed view model of a page.
///
/// Templates are logic-less; Swift prepares everything they place. Typed values make lookups
/// plain dictionary reads, with no dynamic casts while rendering.
public indirect enum TemplateValue: Sendable {
    /// Text, escaped for HTML by `{{name}}` and placed as it is by `{{{name}}}`.
    case text(String)
    /// A flag: a section renders once when true, an inverted section when false.
    case bool(Bool)
    /// A list: a section renders once per item, an inverted section when empty.
    case list([TemplateValue])
    /// Named values: a section renders once with them on top of the context.
    case object([String: TemplateValue])
    /// Nothing: sections are skipped, variables print nothing.
    case null

    /// Converts a view model built from Swift dictionaries, arrays, strings, numbers and flags.
    /// Optionals that are nil become `.null`; anything else prints as its description.
    public init(_ value: Any?) {
        guard let value else {
            self = .null
            return
        }
        switch value {
        case let converted as TemplateValue: self = converted
        case let text as String: self = .text(text)
        case let text as Substring: self = .text(String(text))
        case let flag as Bool: self = .bool(flag)
        case let number as Int: self = .text(String(number))
        case let object as [String: Any]: self = .object(object.mapValues { TemplateValue($0) })
        case let object as [String: Any?]: self = .object(object.mapValues { TemplateValue($0) })
        case let list as [Any]: self = .list(list.map { TemplateValue($0) })
        default:
            // An Optional wrapped in Any: unwrap it, or it is nothing.
            let mirror = Mirror(reflecting: value)
            if mirror.displayStyle == .optional {
                self = mirror.children.first.map { TemplateValue($0.value) } ?? .null
            } else {
                self = .text(String(describing: value))
            }
        }
    }

    /// The member named `key` when this is an object.
    subscript(key: Substring) -> TemplateValue? {
        if case .object(let members) = self { return members[String(key)] }
        return nil
    }

    /// Whether a section shows: non-empty lists, true, objects and text (even empty, as in the
    /// Mustache spec only false, null and empty lists are falsey).
    var isTruthy: Bool {
        switch self {
        case .bool(let flag): return flag
        case .list(let items): return !items.isEmpty
        case .null: return false
        case .text, .object: return true
        }
    }
}
