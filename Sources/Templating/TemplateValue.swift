/// A value a template can show: the typed view model of a page.
///
/// Templates are logic-less; Swift prepares everything they place, as typed view models
/// (`ViewModel`) that convert straight to these values. Lookups are plain dictionary reads,
/// with no dynamic casts while rendering.
///
/// Not `indirect`: lists and objects already keep their values in array and dictionary storage,
/// and boxing every case cost an allocation per value a page shows.
public enum TemplateValue: Sendable, Hashable {
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

    /// The member named `key` when this is an object.
    subscript(key: String) -> TemplateValue? {
        if case .object(let members) = self { return members[key] }
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
