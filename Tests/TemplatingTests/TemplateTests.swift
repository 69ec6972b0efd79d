import Templating
import Testing

@Suite struct TemplateTests {
    static func render(_ templates: [String: String], _ name: String = "main", _ value: Any) throws -> String {
        var library = TemplateLibrary()
        for (templateName, text) in templates { library.register(try Template(text), named: templateName) }
        return try #require(try library.render(TemplateValue(value), withTemplate: name))
    }

    @Test func variablesAreEscapedUnlessTripleBraced() throws {
        let value: [String: Any] = ["a": "<b class=\"x\">Soka'an & co</b>", "n": 5, "flag": true]
        #expect(try Self.render(["main": "{{a}}|{{{a}}}|{{& a}}|{{n}}|{{flag}}|{{missing}}"], "main", value)
                == "&lt;b class=&quot;x&quot;&gt;Soka&#39;an &amp; co&lt;/b&gt;|<b class=\"x\">Soka'an & co</b>|<b class=\"x\">Soka'an & co</b>|5|true|")
    }

    @Test func sectionsOverListsObjectsAndFlags() throws {
        let value: [String: Any] = [
            "items": [["name": "a"], ["name": "b"]], "empty": [Any](), "page": ["title": "T", "sub": ["x": "y"]],
            "yes": true, "no": false, "name": "outer",
        ]
        let template = "{{#items}}[{{name}}]{{/items}}{{^empty}}none{{/empty}}{{#page}}{{title}}{{sub.x}}{{/page}}{{page.sub.x}}{{#yes}}Y{{/yes}}{{#no}}N{{/no}}{{^no}}!{{/no}}{{#missing}}M{{/missing}}"
        #expect(try Self.render(["main": template], "main", value) == "[a][b]noneTyyY!")
        // Names not found in an item come from the enclosing context.
        #expect(try Self.render(["main": "{{#items}}{{name}}-{{yes}} {{/items}}"], "main", value) == "a-true b-true ")
        #expect(try Self.render(["main": "{{#list}}{{.}},{{/list}}"], "main", ["list": ["x", "y"]]) == "x,y,")
    }

    @Test func standaloneTagsTakeTheirLine() throws {
        let template = "<ul>\n{{#items}}\n  <li>{{.}}</li>\n{{/items}}\n</ul>\n{{! comment }}\nend\n"
        #expect(try Self.render(["main": template], "main", ["items": ["a", "b"]]) == "<ul>\n  <li>a</li>\n  <li>b</li>\n</ul>\nend\n")
    }

    @Test func partialsAndInheritance() throws {
        let templates = [
            "layout": "<html>\n{{$head}}<title>default</title>{{/head}}\n<main>\n{{$main}}{{/main}}\n</main>\n</html>\n",
            "item": "<li>{{name}}</li>\n",
            "main": "{{<layout}}\n{{$main}}\n{{#items}}\n{{> item}}\n{{/items}}\n{{/main}}\n{{/layout}}\n",
        ]
        let output = try Self.render(templates, "main", ["items": [["name": "a"], ["name": "b"]]])
        // "{{$main}}{{/main}}" shares its line, so that line's newline stays after the block.
        #expect(output == "<html>\n<title>default</title>\n<main>\n<li>a</li>\n<li>b</li>\n\n</main>\n</html>\n")
    }

    @Test func indentedPartialsIndentEveryLine() throws {
        #expect(try Self.render(["main": "<div>\n  {{> p}}\n</div>\n", "p": "a\nb\n"], "main", [String: Any]()) == "<div>\n  a\n  b\n</div>\n")
    }

    @Test(arguments: [
        ("{{#a}}x", "template tidak sah: {{#a}} tidak ditutup", 1, 1),
        ("x\n  {{#a}}{{/b}}", "template tidak sah: diharapkan {{/a}}, bukan {{/b}}", 2, 9),
        ("{{/a}}", "template tidak sah: penutup {{/a}} tanpa pembuka", 1, 1),
        ("ab {{name", "template tidak sah: tag {{ tidak ditutup", 1, 4),
        ("{{=<% %>=}}", "template tidak sah: mengganti pembatas ({{=...=}}) tidak didukung", 1, 1),
        ("{{a b}}", "template tidak sah: nama tag tidak sah \"a b\"", 1, 1),
    ])
    func syntaxErrorsNameTheirPlace(text: String, message: String, line: Int, column: Int) {
        do {
            _ = try Template(text)
            Issue.record("accepted \(text)")
        } catch {
            #expect(error.message == message)
            #expect((error.line, error.column) == (line, column))
        }
    }

    @Test func referencesAreListed() throws {
        #expect(try Template("{{<layout}}{{$main}}{{> figure}}{{/main}}{{/layout}}").references == ["layout", "figure"])
    }

    @Test func partialCyclesAreErrorsNamingTheTagAndTheChain() throws {
        var library = TemplateLibrary()
        library.register(try Template("a{{> b}}"), named: "main")
        library.register(try Template("x\n {{> c}}\n"), named: "b")
        library.register(try Template("{{> b}}"), named: "c")
        do {
            _ = try library.render(.object([:]), withTemplate: "main")
            Issue.record("a cycle rendered")
        } catch {
            #expect(error.template == "c" || error.template == "b")
            #expect(error.chain.prefix(4) == ["main", "b", "c", "b"])
            #expect(error.chain.count == TemplateLibrary.maximumDepth + 2)
        }
        // Recursion that the data ends is the spec's, and renders.
        library.register(try Template("{{content}}<{{#nodes}}{{> node}}{{/nodes}}>"), named: "node")
        let tree = TemplateValue(["content": "X", "nodes": [["content": "Y", "nodes": [[String: Any]]()]]] as [String: Any])
        #expect(try library.render(tree, withTemplate: "node") == "X<Y<>>")
    }
}
