import Content
import Testing

@Suite struct JSONParserTests {
    @Test func parsesValuesWithPositions() throws {
        let node = try JSONParser.parse("{\n  \"a\": [1, 2.5, -3e2],\n  \"b\": {\"c\": \"Soka\\\"an\\u00e9\\ud83d\\ude00\"},\n  \"d\": true, \"e\": null\n}")
        let a = try #require(node["a"]?.elements)
        #expect(a.map(\.number) == [1, 2.5, -300])
        #expect(a[0].integer == 1)
        #expect(a[1].integer == nil)
        #expect(a[1].position == SourcePosition(line: 2, column: 12))
        #expect(node["b"]?["c"]?.string == "Soka\"ané😀")
        #expect(node["b"]?.position == SourcePosition(line: 3, column: 8))
        #expect(node.members?.map(\.key) == ["a", "b", "d", "e"])
        #expect(node["d"]?.bool == true)
    }

    @Test func writtenStringsReadBackAndNeverCloseAScript() throws {
        let text = "Desa \"Kenanga\"\\ C:\\\n\tbaris\r</script>\u{1}é😀"
        let written = JSONText.string(text)
        #expect(!written.contains("</script"))
        #expect(!written.unicodeScalars.contains { $0.value < 0x20 })
        #expect(written.contains("\\u0001"))
        #expect(try JSONParser.parse(written).string == text)
    }

    /// Each escape exactly, with the text around and between escapes (multi-byte characters
    /// too) copied as it was.
    @Test func escapesAreExactAndTheTextBetweenThemIsKept() {
        #expect(JSONText.string("é\"a\\b\nc\rd\te<f\u{1F}\u{0}g😀") == #""é\"a\\b\nc\rd\te\u003cf\u001f\u0000g😀""#)
        #expect(JSONText.string("\"") == #""\"""#)
        #expect(JSONText.string("tanpa tanda") == #""tanpa tanda""#)
        #expect(JSONText.string("") == #""""#)
    }

    /// The escaper skips eight bytes at a time where none needs an escape: every byte that does
    /// (each below 0x20, `"`, `\`, `<`), and the bytes just beside them (0x20, `!`, `#`, `[`,
    /// `]`, `;`, `=`, 0x7F, 0x80, 0xFF), at every position of texts of 0–24 bytes, among plain
    /// letters or among multi-byte characters, must come out as escaping byte by byte writes them.
    @Test func escapingEightBytesAtATimeMissesNoByte() {
        func reference(_ bytes: [UInt8], lineBreaksAsSpaces: Bool) -> [UInt8] {
            var out: [UInt8] = [0x22]
            for byte in bytes {
                switch byte {
                case 0x22: out += Array(#"\""#.utf8)
                case 0x5C: out += Array(#"\\"#.utf8)
                case 0x0A where lineBreaksAsSpaces, 0x0D where lineBreaksAsSpaces: out.append(0x20)
                case 0x0A: out += Array(#"\n"#.utf8)
                case 0x0D: out += Array(#"\r"#.utf8)
                case 0x09: out += Array(#"\t"#.utf8)
                case let byte where byte < 0x20 || byte == 0x3C: out += Array(#"\u00"#.utf8) + Array((byte < 0x10 ? "0" : "").utf8) + Array(String(byte, radix: 16).utf8)
                default: out.append(byte)
                }
            }
            return out + [0x22]
        }
        let specials = Array(0..<0x20) + [0x22, 0x5C, 0x3C, 0x20, 0x21, 0x23, 0x5B, 0x5D, 0x3B, 0x3D, 0x7F, 0x80, 0xFF].map(UInt8.init)
        let fillers: [[UInt8]] = [Array(repeating: UInt8(ascii: "a"), count: 24), Array("éééééééééééé".utf8)]
        var checked = 0
        for filler in fillers {
            for length in 0...24 {
                for position in 0..<max(length, 1) {
                    for special in specials {
                        var bytes = Array(filler.prefix(length))
                        if length > 0 { bytes[position] = special }
                        for spaces in [false, true] {
                            var written: [UInt8] = []
                            bytes.withUnsafeBufferPointer { JSONText.appendString($0, to: &written, lineBreaksAsSpaces: spaces) }
                            #expect(written == reference(bytes, lineBreaksAsSpaces: spaces), "\(bytes) spaces: \(spaces)")
                            checked += 1
                        }
                    }
                }
            }
        }
        #expect(checked > 20_000)
    }

    @Test func columnsCountScalarsNotBytes() throws {
        let node = try JSONParser.parse("{\"é\": \"ü\", \"x\": 1}")
        #expect(node["x"]?.position == SourcePosition(line: 1, column: 17))
    }

    @Test(arguments: [
        ("{\"a\": 1,}", "koma berlebih sebelum '}': JSON tidak membolehkan koma setelah anggota terakhir", 1, 9),
        ("{,}", "diharapkan kunci dalam tanda kutip ganda", 1, 2),
        ("[1,]", "koma berlebih sebelum ']': JSON tidak membolehkan koma setelah isi terakhir", 1, 4),
        ("{\"a\": 1 \"b\": 2}", "diharapkan ',' atau '}' dalam objek", 1, 9),
        ("[1, 2", "berkas JSON berakhir di dalam daftar (kurang ']')", 1, 6),
        ("{\"a\": 01}", "angka JSON tidak boleh diawali nol", 1, 7),
        ("{\"a\": \"x\ny\"}", "teks JSON tidak ditutup sebelum akhir baris", 1, 9),
        ("{\"a\": tru}", "nilai JSON tidak dikenali (maksudnya true?)", 1, 7),
        ("{\"a\": 1} x", "teks tambahan setelah nilai JSON", 1, 10),
        ("{\"a\": \"\\q\"}", "urutan escape tidak sah dalam teks JSON", 1, 8),
        ("", "berkas JSON berakhir sebelum nilainya lengkap", 1, 1),
    ])
    func syntaxErrorsNameTheirPlace(text: String, message: String, line: Int, column: Int) {
        #expect(throws: JSONSyntaxError.self) { try JSONParser.parse(text) }
        do {
            _ = try JSONParser.parse(text)
        } catch {
            #expect(error.message == message)
            #expect(error.position == SourcePosition(line: line, column: column))
        }
    }

    @Test func duplicateKeysAreRefused() {
        do {
            _ = try JSONParser.parse("{\n\"kode\": 1,\n\"kode\": 2}")
            Issue.record("duplicate keys accepted")
        } catch {
            #expect(error.message == "kunci \"kode\" muncul dua kali dalam objek yang sama (pertama di baris 2)")
            #expect(error.position.line == 3)
        }
    }

    /// Small objects check their keys one by one, large ones through a table: a repeat is found
    /// either way, whichever earlier key it repeats, and distinct keys pass.
    @Test(arguments: [(3, 1), (16, 0), (17, 15), (17, 16), (40, 2), (40, 39)])
    func aRepeatedKeyIsFoundInObjectsOfAnySize(count: Int, repeated: Int) throws {
        let distinct = (0..<count).map { "\"k\($0)\": \($0)" }
        let parsed = try JSONParser.parse("{" + distinct.joined(separator: ",\n") + "}")
        #expect(parsed.members?.count == count)
        do {
            _ = try JSONParser.parse("{" + (distinct + ["\"k\(repeated)\": 0"]).joined(separator: ",\n") + "}")
            Issue.record("duplicate key accepted")
        } catch {
            #expect(error.message == "kunci \"k\(repeated)\" muncul dua kali dalam objek yang sama (pertama di baris \(repeated + 1))")
            #expect(error.position.line == count + 1)
        }
    }

    @Test func deepNestingIsRefusedWithoutExhaustingTheStack() {
        let deep = String(repeating: "[", count: 100_000) + String(repeating: "]", count: 100_000)
        do {
            _ = try JSONParser.parse(deep)
            Issue.record("deep nesting accepted")
        } catch {
            #expect(error.message.contains("terlalu dalam"))
        }
        let fine = String(repeating: "[", count: JSONParser.maximumDepth) + String(repeating: "]", count: JSONParser.maximumDepth)
        #expect(throws: Never.self) { try JSONParser.parse(fine) }
    }

    @Test func aHugeSingleLineStaysFast() throws {
        // One minified line with many values: positions must not rescan the line each time.
        let items = Array(repeating: "{\"a\": \"xxxxxxxxxx\"}", count: 50_000).joined(separator: ",")
        let node = try JSONParser.parse("[" + items + "]")
        #expect(node.elements?.count == 50_000)
        #expect(node.elements?.last?.position.line == 1)
    }
}

@Suite struct SourceTextTests {
    @Test func invalidUTF8IsReportedAtItsLineAndColumn() {
        let bytes = Array("---\ntitle: ok\nkode: é".utf8) + [0xFF, 0x0A]
        switch SourceText.decode(bytes, file: "content/desa/x.md") {
        case .success: Issue.record("invalid UTF-8 accepted")
        case .failure(let diagnostic):
            #expect(diagnostic.description.hasPrefix("content/desa/x.md:3:8: error: berkas bukan teks UTF-8 yang sah (byte 0xFF tidak dikenali)"))
        }
    }

    @Test func byteOrderMarkIsDropped() throws {
        let text = try SourceText.decode([0xEF, 0xBB, 0xBF] + Array("abc".utf8), file: "x").get()
        #expect(text == "abc")
    }
}
