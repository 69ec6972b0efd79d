import Testing
@testable import Templating

/// Typed view models: their values, their shapes, and a theme checked against them.
struct ViewModelTests {
    struct Link: ViewModel {
        let name: String
        let url: String?
        static let fields: [ViewField<Link>] = [.init("name") { $0.name }, .init("url") { $0.url }]
    }

    struct Page: ViewModel {
        let title: String
        let count: Int
        let links: [Link]
        let featured: Link?
        let draft: Bool
        static let fields: [ViewField<Page>] = [
            .init("title") { $0.title }, .init("count") { $0.count }, .init("links") { $0.links }, .init("featured") { $0.featured }, .init("draft") { $0.draft },
        ]
    }

    /// Strings by key, as a theme's `t`.
    struct Texts: TemplateRepresentable, Hashable {
        let table: [String: String]
        var templateValue: TemplateValue { .object(TemplateObject(table.mapValues { .text($0) })) }
        static var templateShape: TemplateShape { .keyed("strings", .text) }
    }

    struct Root: ViewModel {
        let page: Page
        let t: Texts
        static let fields: [ViewField<Root>] = [.init("page") { $0.page }, .init("t") { $0.t }]
    }

    static let root = Root(
        page: Page(title: "Kenanga", count: 3, links: [Link(name: "a", url: "/a/"), Link(name: "b", url: nil)], featured: nil, draft: false),
        t: Texts(table: ["lihat": "Lihat"])
    )

    static func library(_ templates: [String: String]) throws -> TemplateLibrary {
        var library = TemplateLibrary()
        for (name, text) in templates { library.register(try Template(text), named: name) }
        return library
    }

    @Test func valuesRenderWithAbsentOptionalsAsNull() throws {
        let library = try Self.library(["main": "{{page.title}} {{page.count}}{{#page.links}} {{name}}{{#url}}={{url}}{{/url}}{{/page.links}}{{#page.featured}}F{{/page.featured}}{{^page.draft}} final{{/page.draft}} {{t.lihat}}"])
        #expect(try library.render(Self.root.templateValue, withTemplate: "main") == "Kenanga 3 a=/a/ b final Lihat")
    }

    /// An absent optional is a null of its own: a section inside a list item over a name the item
    /// has as nil must not find the same name further out.
    @Test func absentOptionalDoesNotFallThroughToOuterContext() throws {
        struct Outer: ViewModel {
            let url: String
            let links: [Link]
            static let fields: [ViewField<Outer>] = [.init("url") { $0.url }, .init("links") { $0.links }]
        }
        let library = try Self.library(["main": "{{#links}}[{{url}}]{{/links}}"])
        #expect(try library.render(Outer(url: "/outer/", links: [Link(name: "x", url: nil)]).templateValue, withTemplate: "main") == "[]")
    }

    /// A theme's tag names cover sections, dotted parts, blocks and overrides; a model's members
    /// limited to them render the same as all of them.
    @Test func onlyTheFieldsATemplateNamesAreMade() throws {
        let library = try Self.library([
            "layout": "<h1>{{$judul}}{{page.title}}{{/judul}}</h1>{{$isi}}{{/isi}}",
            "main": "{{<layout}}{{$isi}}{{#page.links}}{{name}} {{/page.links}}{{^page.draft}}final{{/page.draft}}{{/isi}}{{/layout}}",
        ])
        #expect(library.tagNames == ["page", "title", "links", "name", "draft"])
        let page = Self.root.page
        #expect(page.templateMembers(named: TemplateNameSet(library.tagNames)).names == ["draft", "links", "title"])
        let all = TemplateValue.object(["page": .object(page.templateMembers)])
        let named = TemplateValue.object(["page": .object(page.templateMembers(named: TemplateNameSet(library.tagNames)))])
        #expect(try library.render(named, withTemplate: "main") == library.render(all, withTemplate: "main"))
        #expect(try library.render(named, withTemplate: "main") == "<h1>Kenanga</h1>a b final")
    }

    @Test func shapeListsEveryField() {
        guard case .object(let fields) = Page.templateShape else { Issue.record("not an object"); return }
        #expect(fields.keys.sorted() == ["count", "draft", "featured", "links", "title"])
        #expect(fields["links"] == .list(Link.templateShape))
        #expect(fields["featured"] == .optional(Link.templateShape))
        #expect(fields["count"] == .text)
    }

    @Test func liftedFieldsDeclareAModelAsAnothersFieldsPlusItsOwn() throws {
        struct Detailed: ViewModel {
            let link: Link
            let extra: Bool
            static let fields: [ViewField<Detailed>] = Link.fields.map { $0.lifted { $0.link } } + [.init("extra") { $0.extra }]
        }
        let value = Detailed(link: Link(name: "n", url: "/u/"), extra: true)
        #expect(value.templateValue == .object(["name": .text("n"), "url": .text("/u/"), "extra": .bool(true)]))
        guard case .object(let fields) = Detailed.templateShape else { Issue.record("not an object"); return }
        #expect(fields.keys.sorted() == ["extra", "name", "url"])
    }

    @Test func prerenderedValuesConvertOnceAndHashAsTheirModel() {
        let links = [Link(name: "a", url: "/a/"), Link(name: "b", url: nil)]
        let prerendered = Prerendered(links)
        #expect(prerendered.templateValue == links.templateValue)
        #expect(prerendered == Prerendered(links))
        #expect(prerendered.hashValue == Prerendered(links).hashValue)
        #expect(prerendered != Prerendered([Link(name: "a", url: "/a/")]))
        #expect(Prerendered<[Link]>.templateShape == [Link].templateShape)
    }

    @Test func aValidThemeHasNoProblems() throws {
        let library = try Self.library([
            "main": "{{<layout}}{{$body}}{{#page.links}}{{> link}}{{/page.links}}{{/body}}{{/layout}}",
            "layout": "<h1>{{page.title}}</h1>{{$body}}{{/body}}{{t.lihat}}",
            // Inside a list item, names the item lacks are found further out (page, t).
            "link": "{{name}} {{#url}}{{url}}{{/url}} {{page.count}} {{t.lihat}}",
        ])
        #expect(library.check("main", against: Root.templateShape, keys: ["strings": ["lihat"]]).isEmpty)
    }

    @Test func unknownNamesAreReportedAtTheirTagInTheirTemplate() throws {
        let library = try Self.library([
            "main": "{{page.titel}}\n{{#page.links}}{{> link}}{{/page.links}}\n{{t.hilang}}{{pgae.title}}{{#page.featured}}{{nama}}{{/page.featured}}",
            "link": "x\n  {{name}}{{url.host}}",
        ])
        let problems = library.check("main", against: Root.templateShape, keys: ["strings": ["lihat"]])
        #expect(problems.map { "\($0.template):\($0.line):\($0.column): \($0.message)" } == [
            "main:1:1: \"page\" tidak punya \"titel\"; maksudnya \"title\"?",
            "link:2:11: \"url\" tidak punya \"host\"",
            "main:3:1: teks antarmuka \"hilang\" tidak ada di i18n tema",
            "main:3:13: \"pgae\" tidak dikenal di sini; maksudnya \"page\"?",
            "main:3:45: \"nama\" tidak dikenal di sini; maksudnya \"name\"?",
        ])
    }

    @Test func listsAndObjectsAsVariablesAreReported() throws {
        let library = try Self.library(["main": "{{page.links}}{{{page}}}{{page.draft}}"])
        let problems = library.check("main", against: Root.templateShape, keys: ["strings": []])
        #expect(problems.map(\.column) == [1, 15])
    }

    @Test func aSelfIncludingPartialIsCheckedWithoutLoopingForever() throws {
        let library = try Self.library(["main": "{{> again}}", "again": "{{page.title}}{{#page.links}}{{> again}}{{/page.links}}{{missing}}"])
        let problems = library.check("main", against: Root.templateShape, keys: ["strings": []])
        #expect(problems.map(\.message) == ["\"missing\" tidak dikenal di sini"])
    }
}
