import Testing
@testable import Templating

/// `TemplateObject`: members found by their names' numbers, read in order when few and through
/// slots when many, the last value of a name kept, equal whatever the order they came in.
struct TemplateObjectTests {
    /// `count` members named `prefix0`, `prefix1`, … with the text of their position.
    static func members(_ count: Int, prefix: String) -> [(String, TemplateValue)] {
        (0..<count).map { ("\(prefix)\($0)", .text("\($0)")) }
    }

    @Test(arguments: [0, 1, 5, 16, 17, 40, 300])
    func everyMemberIsFoundAndNoOther(count: Int) {
        let pairs = Self.members(count, prefix: "anggota\(count)_")
        let object = TemplateObject(Dictionary(uniqueKeysWithValues: pairs))
        #expect(object.count == count)
        for (name, value) in pairs { #expect(object[name] == value) }
        // A name numbered by another object, and one nothing has numbered.
        _ = TemplateNames.number("lain\(count)")
        #expect(object["lain\(count)"] == nil)
        #expect(object["belum-pernah-dipakai-\(count)"] == nil)
        #expect(object.names == pairs.map(\.0).sorted())
    }

    @Test(arguments: [3, 16, 17, 60])
    func theLastValueOfANameIsKept(count: Int) {
        var object = TemplateObject(Dictionary(uniqueKeysWithValues: Self.members(count, prefix: "ulang\(count)_")))
        // Merged values replace the old ones; new names are added, past the slots' threshold too.
        object.merge(TemplateObject(["ulang\(count)_0": .text("baru"), "ulang\(count)_tambahan": .bool(true)]))
        #expect(object.count == count + 1)
        #expect(object["ulang\(count)_0"] == .text("baru"))
        #expect(object["ulang\(count)_1"] == .text("1"))
        #expect(object["ulang\(count)_tambahan"] == .bool(true))
        // In one literal, the later of two equal names wins.
        let literal: TemplateObject = ["sama": .text("pertama"), "beda": .null, "sama": .text("kedua")]
        #expect(literal.count == 2)
        #expect(literal["sama"] == .text("kedua"))
    }

    @Test(arguments: [4, 30])
    func equalityAndHashIgnoreTheOrderMembersCameIn(count: Int) {
        let pairs = Self.members(count, prefix: "urutan\(count)_")
        var forward = TemplateObject()
        for (name, value) in pairs { forward.merge(TemplateObject([name: value])) }
        var backward = TemplateObject()
        for (name, value) in pairs.reversed() { backward.merge(TemplateObject([name: value])) }
        #expect(forward == backward)
        #expect(forward.hashValue == backward.hashValue)
        var changed = backward
        changed.merge(TemplateObject(["urutan\(count)_0": .text("lain")]))
        #expect(changed != forward)
    }

    @Test func aNameSetHoldsItsNamesOnly() {
        let set = TemplateNameSet(["judul", "tautan"] + (0..<100).map { "nama\($0)" })
        #expect(set.contains("judul"))
        #expect(set.contains("nama99"))
        #expect(!set.contains("isi"))
        #expect(!set.contains("belum-pernah-dipakai-himpunan"))
    }

    @Test func renderingFindsNamesInFramesFurtherOut() throws {
        var library = TemplateLibrary()
        library.register(try Template("{{#daftar}}{{nama}}:{{judul}};{{/daftar}}{{#besar}}{{kunci250}}{{/besar}}"), named: "t")
        let big = TemplateObject(Dictionary(uniqueKeysWithValues: Self.members(300, prefix: "kunci")))
        let root: TemplateObject = ["judul": .text("J"), "besar": .object(big),
                                    "daftar": .list([.object(["nama": .text("a")]), .object(["nama": .text("b"), "judul": .text("K")])])]
        #expect(try library.render(.object(root), withTemplate: "t") == "a:J;b:K;250")
    }
}
