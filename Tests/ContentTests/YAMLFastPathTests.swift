@testable import Content
import Foundation
import TestSupport
import Testing

/// The flat front matter reader must give exactly what Yams gives, or step aside.
@Suite struct YAMLFastPathTests {
    static func describe(_ node: YAMLNode?) -> String {
        guard let node else { return "nil" }
        switch node.value {
        case .scalar(let text, let isNull): return "\(node.position.line):\(node.position.column) scalar(\(text.debugDescription), null: \(isNull))"
        case .sequence(let items): return "\(node.position.line):\(node.position.column) [" + items.map { describe($0) }.joined(separator: ", ") + "]"
        case .mapping(let entries):
            return "{" + entries.map { "\($0.keyPosition.line):\($0.keyPosition.column) \($0.key) = \(describe($0.value))" }.joined(separator: "; ") + "}"
        }
    }

    static func yams(_ text: String, firstLine: Int = 2) -> String {
        switch YAML.parseWithYams(text, file: "x", firstLine: firstLine) {
        case .success(let node): return describe(node)
        case .failure(let diagnostic): return "error \(diagnostic)"
        }
    }

    @Test(arguments: [
        "kode: \"32.12.16.2004\"",
        "title: Tentang situs ini\ndate: 2024-05-22\nweight: 3\ndraft: false",
        "title: 'Soka''an dan \"kutip\"'\nsummary: Ringkas.  ",
        "title: \"Desa \\\"Baru\\\" \\\\ x\"",
        "# komentar\n\ntitle: A\n\n# lagi\nslug: kabar-baru",
        "title: ~\ndescription: null",
        "title: Desa 123\ntoc: yes\nkey_2: v-1",
        "title: Ça va été",
        "title: a:b",
    ])
    func flatFrontMatterReadsLikeYams(text: String) throws {
        let fast = try #require(YAML.parseFlatMapping(text, firstLine: 2), "fast path declined: \(text)")
        #expect(Self.describe(fast) == Self.yams(text))
    }

    @Test(arguments: [
        "title: Desa: Kenanga", "title:", "title: [a, b]", "pilar: [koperasi]", "aliases:\n  - /a/", "title: A\ntitle: B",
        "title: \"a\\nb\"", "title: &a x", "title: *a", "title: |\n  x", "title: 'unterminated", "  title: x", "title: x # komentar",
        "title:\tx", "- a", "title: -x", "2024: tahun", "title: \"a\" b", "{a: b}",
    ])
    func anythingElseGoesToYams(text: String) {
        #expect(YAML.parseFlatMapping(text, firstLine: 2) == nil, "\(text)")
    }

    @Test func everyBundledFrontMatterReadsLikeYams() throws {
        let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        var checked = 0
        // The bundled content and the test sites: pages with sources (lists of mappings) go to Yams.
        let folders = [repository.appendingPathComponent("content"), repository.appendingPathComponent("Tests/Fixtures")]
        for folder in folders {
        for case let url as URL in FileManager.default.enumerator(at: folder, includingPropertiesForKeys: nil)! where url.pathExtension == "md" {
            // Fixtures of broken files (invalid UTF-8) are not front matter to compare.
            guard let text = try? String(contentsOf: url, encoding: .utf8) else { continue }
            guard case .success(let parts) = FrontMatterSplitter.split(text, file: url.path), let yaml = parts.yaml else { continue }
            if let fast = YAML.parseFlatMapping(yaml, firstLine: 2) {
                #expect(Self.describe(fast) == Self.yams(yaml), "\(url.lastPathComponent)")
                checked += 1
            }
        }
        }
        #expect(checked > 30)
    }


    /// Front matter as editors' tools write it: every YAML line break (LF, CRLF, a lone CR, NEL,
    /// U+2028, U+2029), a byte-order mark, control characters, comments, lists and quotes. Whatever
    /// the fast path accepts must read exactly as Yams reads it; a fixed count, not a time limit.
    @Test func randomFrontMatterReadsAsYamsDoes() {
        let keys = ["title", "kode", "date", "summary", "pilar", "aliases", "x_1"]
        let values = ["Desa Kenanga", "\"32.12.16.2004\"", "2024-05-22", "'Soka''an'", "[koperasi, usaha-produktif]", "a: b", "~", "x # y",
                      "\"a\\\"b\"", "é 😀", "", "-1", "|", "'unterminated", "\"\\u0041\""]
        let breaks = ["\n", "\r\n", "\r", "\u{85}", "\u{2028}", "\u{2029}"]
        let extras = ["# komentar", "", "  - /lama/", "- x", "\u{FEFF}title: x", "title:\u{7}x", "\ttitle: x", "key: \u{1}"]
        var random = SplitMix(state: 2_016_2022)
        var agreedFast = 0
        for _ in 0..<4000 {
            var lines: [String] = []
            for _ in 0..<Int.random(in: 1...5, using: &random) {
                if Int.random(in: 0..<4, using: &random) == 0 {
                    lines.append(extras.randomElement(using: &random)!)
                } else {
                    lines.append("\(keys.randomElement(using: &random)!): \(values.randomElement(using: &random)!)")
                }
            }
            // Mostly one kind of line end per file, as editors save them; sometimes mixed.
            let usual = Int.random(in: 0..<3, using: &random) == 0 ? breaks.randomElement(using: &random)! : ["\n", "\r\n"].randomElement(using: &random)!
            var text = ""
            for (index, line) in lines.enumerated() {
                if index > 0 { text += Int.random(in: 0..<8, using: &random) == 0 ? breaks.randomElement(using: &random)! : usual }
                text += line
            }
            let combined: String
            switch YAML.parse(text, file: "x", firstLine: 2) {
            case .success(let node): combined = Self.describe(node)
            case .failure(let diagnostic): combined = "error \(diagnostic)"
            }
            #expect(combined == Self.yams(text), "\(text.debugDescription)")
            if YAML.parseFlatMapping(text, firstLine: 2) != nil { agreedFast += 1 }
        }
        // The fast path did take part (CRLF files among them).
        #expect(agreedFast > 200)
    }

    @Test func crlfFrontMatterWithAListAfterAScalarIsNotSwallowed() throws {
        let text = "title: Tentang\r\naliases:\r\n  - /lama/\r\n# komentar\r\nsummary: Ringkas."
        #expect(YAML.parseFlatMapping(text, firstLine: 2) == nil)
        let fast = try #require(YAML.parseFlatMapping("title: Tentang\r\n# komentar\r\nsummary: Ringkas.", firstLine: 2))
        #expect(Self.describe(fast) == Self.yams("title: Tentang\n# komentar\nsummary: Ringkas."))
    }
}
