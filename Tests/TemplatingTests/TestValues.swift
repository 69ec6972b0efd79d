@testable import Templating

extension TemplateValue {
    /// Test data written as Swift literals: dictionaries, arrays, strings, numbers, flags.
    /// (The generator itself builds typed view models; this is only for tests.)
    init(_ value: Any?) {
        switch value {
        case nil: self = .null
        case let converted as TemplateValue: self = converted
        case let text as String: self = .text(text)
        case let flag as Bool: self = .bool(flag)
        case let number as Int: self = .text(String(number))
        case let object as [String: Any]: self = .object(TemplateObject(object.mapValues { TemplateValue($0) }))
        case let list as [Any]: self = .list(list.map { TemplateValue($0) })
        default: self = .text("\(value!)")
        }
    }
}
