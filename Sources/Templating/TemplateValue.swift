import Synchronization

/// A value a template can show: the typed view model of a page.
///
/// Templates are logic-less; Swift prepares everything they place, as typed view models
/// (`ViewModel`) that convert straight to these values. Lookups compare numbered names
/// (`TemplateObject`), with no dynamic casts and no hashing of text while rendering.
///
/// Not `indirect`: lists and objects already keep their values in array storage, and boxing
/// every case cost an allocation per value a page shows.
public enum TemplateValue: Sendable, Hashable {
    /// Text, escaped for HTML by `{{name}}` and placed as it is by `{{{name}}}`.
    case text(String)
    /// A flag: a section renders once when true, an inverted section when false.
    case bool(Bool)
    /// A list: a section renders once per item, an inverted section when empty.
    case list([TemplateValue])
    /// Named values: a section renders once with them on top of the context.
    case object(TemplateObject)
    /// Nothing: sections are skipped, variables print nothing.
    case null

    /// The member named `key` when this is an object.
    subscript(key: String) -> TemplateValue? {
        if case .object(let members) = self { return members[key] }
        return nil
    }

    /// The member with the name numbered `number` when this is an object.
    func member(_ number: Int32) -> TemplateValue? {
        if case .object(let members) = self { return members[number: number] }
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

/// Named values, their names numbered (`TemplateNames`).
///
/// Rendering looks a name up in every context frame from the innermost out; with dictionaries
/// keyed by text, each frame hashed the name again (a tenth of building a national site with
/// the default theme). Here the template's tags carry their names' numbers: a small object
/// (most: a view model's fields) is read in order, a large one (the page's root, the strings
/// table) through a table of slots indexed by number.
public struct TemplateObject: Sendable, Hashable, ExpressibleByDictionaryLiteral {
    /// A value and its name's number.
    struct Member: Sendable {
        let number: Int32
        var value: TemplateValue
    }

    /// In the order they were added, no number twice.
    private var members: [Member] = []
    /// Empty for a small object; otherwise open addressing with linear probing over a power
    /// of two at least twice the members: a member's index plus one, or 0 for a free slot.
    private var slots: [Int32] = []

    /// Objects with at most this many members have no slots.
    private static let orderedLimit = 16

    /// No members.
    public init() {}

    /// The members of a dictionary.
    public init(_ dictionary: [String: TemplateValue]) {
        self.init(dictionary.map { Member(number: TemplateNames.number($0.key), value: $0.value) })
    }

    /// The members of a literal; a name given twice keeps its last value.
    public init(dictionaryLiteral elements: (String, TemplateValue)...) {
        self.init(elements.map { Member(number: TemplateNames.number($0.0), value: $0.1) })
    }

    /// Members in any order; of members with the same number, the last is kept.
    init(_ members: [Member]) {
        self.members.reserveCapacity(members.count)
        for member in members { set(member) }
    }

    /// The value named `name`.
    public subscript(name: String) -> TemplateValue? {
        TemplateNames.existing(name).flatMap { self[number: $0] }
    }

    /// The value whose name is numbered `number`.
    subscript(number number: Int32) -> TemplateValue? {
        index(of: number).map { members[$0].value }
    }

    /// How many members it has.
    public var count: Int { members.count }

    /// The members' names, sorted.
    public var names: [String] { members.map { TemplateNames.name($0.number) }.sorted() }

    /// Adds `other`'s members, its values replacing those of the same names.
    public mutating func merge(_ other: TemplateObject) {
        for member in other.members { set(member) }
    }

    /// Adds a member, or replaces the value of the member with its number.
    mutating func set(_ member: Member) {
        if let index = index(of: member.number) {
            members[index].value = member.value
            return
        }
        members.append(member)
        if slots.isEmpty {
            if members.count > Self.orderedLimit { makeSlots() }
        } else if members.count * 2 > slots.count {
            makeSlots()
        } else {
            slots[freeSlot(for: member.number)] = Int32(members.count)
        }
    }

    /// Where the member numbered `number` is in `members`.
    private func index(of number: Int32) -> Int? {
        if slots.isEmpty {
            return members.withUnsafeBufferPointer { members in members.firstIndex { $0.number == number } }
        }
        return slots.withUnsafeBufferPointer { slots in
            let mask = slots.count - 1
            var slot = Self.hash(number) & mask
            while slots[slot] != 0 {
                let index = Int(slots[slot]) - 1
                if members[index].number == number { return index }
                slot = (slot + 1) & mask
            }
            return nil
        }
    }

    /// The first free slot on `number`'s probe sequence (which holds no member numbered so).
    private func freeSlot(for number: Int32) -> Int {
        let mask = slots.count - 1
        var slot = Self.hash(number) & mask
        while slots[slot] != 0 { slot = (slot + 1) & mask }
        return slot
    }

    /// Numbers are dense from 0; Fibonacci hashing spreads neighbours apart.
    private static func hash(_ number: Int32) -> Int {
        Int(truncatingIfNeeded: (UInt64(UInt32(bitPattern: number)) &* 0x9E37_79B9_7F4A_7C15) >> 32)
    }

    /// Slots for every member, in a table at least four times their count.
    private mutating func makeSlots() {
        var size = 64
        while size < members.count * 4 { size *= 2 }
        slots = [Int32](repeating: 0, count: size)
        for (index, member) in members.enumerated() { slots[freeSlot(for: member.number)] = Int32(index + 1) }
    }

    /// Equal when they have the same names with equal values, in whatever order they were added.
    public static func == (lhs: TemplateObject, rhs: TemplateObject) -> Bool {
        lhs.count == rhs.count && lhs.members.allSatisfy { rhs[number: $0.number] == $0.value }
    }

    /// Hashes the members regardless of their order (a sum of each member's hash).
    public func hash(into hasher: inout Hasher) {
        var sum = 0
        for member in members {
            var own = Hasher()
            own.combine(member.number)
            own.combine(member.value)
            sum &+= own.finalize()
        }
        hasher.combine(count)
        hasher.combine(sum)
    }
}

/// Every name a template or view model uses, numbered once for the life of the process: tags
/// get their names' numbers when a template is parsed, view model fields when their type's
/// fields are made, so rendering never numbers a name.
enum TemplateNames {
    private struct Table {
        var numbers: [String: Int32] = [:]
        var names: [String] = []
    }

    private static let table = Mutex(Table())

    /// The number of `name`, numbering it if it is new.
    static func number(_ name: String) -> Int32 {
        table.withLock { table in
            if let number = table.numbers[name] { return number }
            let number = Int32(table.names.count)
            table.numbers[name] = number
            table.names.append(name)
            return number
        }
    }

    /// The number of `name`, or nil when nothing has used it (and so no object has it).
    static func existing(_ name: String) -> Int32? {
        table.withLock { $0.numbers[name] }
    }

    /// The name numbered `number`.
    static func name(_ number: Int32) -> String {
        table.withLock { $0.names[Int(number)] }
    }
}

/// A set of names for checking many times which fields to make (`ViewModel.templateMembers`):
/// one bit per numbered name, so each check is a shift and a mask.
public struct TemplateNameSet: Sendable, Hashable {
    private var words: [UInt64] = []

    /// The set of `names`.
    public init(_ names: some Sequence<String>) {
        for name in names {
            let number = Int(TemplateNames.number(name))
            if number / 64 >= words.count { words += [UInt64](repeating: 0, count: number / 64 + 1 - words.count) }
            words[number / 64] |= 1 << UInt64(number % 64)
        }
    }

    /// Whether `name` is in the set.
    public func contains(_ name: String) -> Bool {
        TemplateNames.existing(name).map(contains) ?? false
    }

    /// Whether the name numbered `number` is in the set.
    func contains(_ number: Int32) -> Bool {
        let word = Int(number) / 64
        return word < words.count && words[word] & (1 << UInt64(Int(number) % 64)) != 0
    }
}
