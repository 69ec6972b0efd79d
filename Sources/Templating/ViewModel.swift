/// What a template may name in a view model: the fields of its objects, what its lists hold.
///
/// Every view model type declares its shape once, with its fields (`ViewModel.fields`), so a
/// theme can be checked against the page kinds it renders before any page is built
/// (`TemplateLibrary.check`): a misspelt or missing field is an error at its tag, not a silently
/// empty spot on a page.
public indirect enum TemplateShape: Sendable, Hashable {
    /// Text (`{{name}}`); a section over it renders once with the text on top.
    case text
    /// A flag, for sections and inverted sections.
    case flag
    /// A list of values of one shape.
    case list(TemplateShape)
    /// Named fields.
    case object([String: TemplateShape])
    /// A value that may be absent (null): sections over it render only when present.
    case optional(TemplateShape)
    /// Values of one shape by key, whose keys are only known when the theme is loaded: the `t`
    /// strings table (`.keyed("strings", .text)`), the theme's assets. The checker is given
    /// each named set of keys.
    case keyed(String, TemplateShape)

    /// The shape with any optional layers removed: what a section over it sees.
    var present: TemplateShape {
        if case .optional(let inner) = self { return inner.present }
        return self
    }

    /// Two shapes merged into one object (the fields of both; the second wins on a clash).
    public static func merged(_ shapes: [TemplateShape]) -> TemplateShape {
        var fields: [String: TemplateShape] = [:]
        for case .object(let more) in shapes.map(\.present) { fields.merge(more) { $1 } }
        return .object(fields)
    }
}

/// A Swift value a template can show, with its shape.
public protocol TemplateRepresentable {
    /// The value as a template sees it.
    var templateValue: TemplateValue { get }
    /// What templates may name in any value of this type.
    static var templateShape: TemplateShape { get }
}

extension String: TemplateRepresentable {
    public var templateValue: TemplateValue { .text(self) }
    public static var templateShape: TemplateShape { .text }
}

extension Bool: TemplateRepresentable {
    public var templateValue: TemplateValue { .bool(self) }
    public static var templateShape: TemplateShape { .flag }
}

extension Int: TemplateRepresentable {
    public var templateValue: TemplateValue { .text(String(self)) }
    public static var templateShape: TemplateShape { .text }
}

extension Optional: TemplateRepresentable where Wrapped: TemplateRepresentable {
    /// Absent is null, a value of its own: a section over it is skipped and the name is not
    /// looked up further out in the context.
    public var templateValue: TemplateValue { map { $0.templateValue } ?? .null }
    public static var templateShape: TemplateShape { .optional(Wrapped.templateShape) }
}

extension Array: TemplateRepresentable where Element: TemplateRepresentable {
    public var templateValue: TemplateValue { .list(map { $0.templateValue }) }
    public static var templateShape: TemplateShape { .list(Element.templateShape) }
}

/// A typed view model: a struct whose fields templates name.
///
/// ```swift
/// struct Tautan: ViewModel {
///     let name: String
///     let url: String
///     static let fields: [ViewField<Tautan>] = [.init("name") { $0.name }, .init("url") { $0.url }]
/// }
/// ```
/// (Closures rather than key paths: a key path used as a function is instantiated at run time
/// on every call, which cost a third of a rebuild.)
/// The field list is the one declaration of both the value (`templateValue`) and the shape
/// (`templateShape`), so what a template may name and what a page provides cannot drift apart.
///
/// View models are `Hashable` (synthesized from their stored fields), so a page's rebuild key
/// can be derived from the very values its template shows.
public protocol ViewModel: TemplateRepresentable, Hashable {
    /// The fields templates see, by the name they use.
    static var fields: [ViewField<Self>] { get }
}

extension ViewModel {
    public var templateValue: TemplateValue { .object(templateMembers) }

    /// The fields' values by name (to merge several models into one page's context).
    public var templateMembers: TemplateObject {
        templateMembers(named: nil)
    }

    /// The values of the fields whose names are in `names` (all when nil): what a theme that
    /// names only those can show, without converting the rest.
    public func templateMembers(named names: TemplateNameSet?) -> TemplateObject {
        var members: [TemplateObject.Member] = []
        members.reserveCapacity(Self.fields.count)
        for field in Self.fields where names?.contains(field.number) ?? true {
            members.append(TemplateObject.Member(number: field.number, value: field.value(self)))
        }
        return TemplateObject(members)
    }

    public static var templateShape: TemplateShape {
        .object(Dictionary(fields.map { ($0.name, $0.shape) }, uniquingKeysWith: { $1 }))
    }
}

/// One field of a view model: its template name, its shape and how to read it.
public struct ViewField<Model>: Sendable {
    /// The name templates use (`snake_case`, as in the themes).
    public let name: String
    /// The name's number (`TemplateNames`), given when the field is declared.
    let number: Int32
    let shape: TemplateShape
    let value: @Sendable (Model) -> TemplateValue

    /// A field read from a property of the model.
    public init<Value: TemplateRepresentable>(_ name: String, _ read: @escaping @Sendable (Model) -> Value) {
        self.name = name
        self.number = TemplateNames.number(name)
        self.shape = Value.templateShape
        self.value = { read($0).templateValue }
    }
}

extension ViewField {
    /// This field as a field of an enclosing model that holds this one (to declare a model as
    /// another's fields plus its own).
    public func lifted<Outer>(_ read: @escaping @Sendable (Outer) -> Model) -> ViewField<Outer> {
        let value = self.value
        return ViewField<Outer>(name: name, number: number, shape: shape) { value(read($0)) }
    }

    private init(name: String, number: Int32, shape: TemplateShape, value: @escaping @Sendable (Model) -> TemplateValue) {
        self.name = name
        self.number = number
        self.shape = shape
        self.value = value
    }
}

/// A list a template shows inside a wrapper (a heading, a `<table>`): `{items: [...]}`, absent
/// when empty, so `{{#list}}` draws the wrapper once and `{{^list}}` says "none".
public struct ListSection<Item: TemplateRepresentable & Hashable>: TemplateRepresentable, Hashable {
    /// The items, never empty.
    public let items: [Item]

    /// The section, or nil when there are no items.
    public static func of(_ items: [Item]) -> ListSection? {
        items.isEmpty ? nil : ListSection(items: items)
    }

    public var templateValue: TemplateValue {
        .object(TemplateObject([TemplateObject.Member(number: listItemsNumber, value: items.templateValue)]))
    }
    public static var templateShape: TemplateShape { .object(["items": [Item].templateShape]) }
}

/// The number of `ListSection`'s one name, `items` (a generic type has no stored statics).
private let listItemsNumber = TemplateNames.number("items")

/// A view model converted to its template value once, when it is made: for values that are
/// large and shared (a village's figures, kept between rebuilds), so each page that shows them
/// does not convert them again.
public struct Prerendered<Model: TemplateRepresentable & Hashable>: TemplateRepresentable, Hashable {
    /// The typed value.
    public let model: Model
    public let templateValue: TemplateValue
    /// The model's hash, computed once with the value.
    private let modelHash: Int

    public init(_ model: Model) {
        self.model = model
        self.templateValue = model.templateValue
        self.modelHash = model.hashValue
    }

    public static var templateShape: TemplateShape { Model.templateShape }

    public static func == (lhs: Prerendered, rhs: Prerendered) -> Bool { lhs.model == rhs.model }

    public func hash(into hasher: inout Hasher) { hasher.combine(modelHash) }
}
