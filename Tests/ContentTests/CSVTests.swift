import Content
import Testing

/// RFC 4180 and the variations spreadsheets write, read with positions for diagnostics.
@Suite struct CSVTests {
    static func fields(_ text: String, _ dialect: CSVDialect = CSVDialect()) throws -> [[String]] {
        try CSVParser.parse(text, dialect: dialect).map { $0.fields.map(\.text) }
    }

    @Test func rfc4180Records() throws {
        #expect(try Self.fields("a,b,c\r\n1,2,3\r\n") == [["a", "b", "c"], ["1", "2", "3"]])
        // The last record may lack its line break; empty fields stay, a trailing comma is one more.
        #expect(try Self.fields("a,b\r\n,x") == [["a", "b"], ["", "x"]])
        #expect(try Self.fields("a,b,\n1,2,\n") == [["a", "b", ""], ["1", "2", ""]])
        // Quoted fields hold commas, doubled quotes and line breaks (kept as written).
        #expect(try Self.fields("\"Soka\"\"an\",\"a, b\",\"two\r\nlines\"\r\n") == [["Soka\"an", "a, b", "two\r\nlines"]])
        #expect(try Self.fields("\"\"\n") == [[""]])
        // LF, CR and CRLF line ends alike; blank lines skipped.
        #expect(try Self.fields("a\nb\rc\r\n\r\n\nd") == [["a"], ["b"], ["c"], ["d"]])
    }

    @Test func dialects() throws {
        var semicolon = CSVDialect()
        semicolon.delimiter = ";"
        #expect(try Self.fields("kode;jumlah\n32.12;12,5\n", semicolon) == [["kode", "jumlah"], ["32.12", "12,5"]])
        var notes = CSVDialect()
        notes.commentChar = "#"
        notes.skipInitialSpace = true
        #expect(try Self.fields("# data contoh\na, b\n#catatan\n1,  2\n", notes) == [["a", "b"], ["1", "2"]])
    }

    @Test func positionsCountCharactersNotBytes() throws {
        let records = try CSVParser.parse("nama,jumlah\n\"Remba'an\",1\nÉé,\"x\"\n")
        #expect(records[1].position == SourcePosition(line: 2, column: 1))
        #expect(records[1].fields[1].position == SourcePosition(line: 2, column: 12))
        // A quoted field spanning lines: the next record starts on the right line.
        let spanning = try CSVParser.parse("a,\"x\ny\",b\nc\n")
        #expect(spanning[1].position.line == 3)
        #expect(try CSVParser.parse("Éé,\"x\"\n")[0].fields[1].position.column == 4)
    }

    @Test func malformedQuotesAreErrorsWithPositions() {
        #expect(throws: CSVSyntaxError.self) { try CSVParser.parse("a,\"b\n") }
        do {
            _ = try CSVParser.parse("a,b\n1,\"unclosed\n2,3\n")
            Issue.record("unclosed quote accepted")
        } catch {
            #expect(error.position == SourcePosition(line: 2, column: 3))
            #expect(error.message == "tanda kutip pembuka tidak pernah ditutup")
        }
        do {
            _ = try CSVParser.parse("a,b\n\"x\"y,2\n")
            Issue.record("text after a closing quote accepted")
        } catch {
            #expect(error.position == SourcePosition(line: 2, column: 4))
        }
        do {
            _ = try CSVParser.parse("a,b\nx\"y,2\n")
            Issue.record("a quote inside an unquoted field accepted")
        } catch {
            #expect(error.position == SourcePosition(line: 2, column: 2))
        }
    }

    @Test func writerQuotesOnlyWhatNeedsIt() throws {
        #expect(CSVWriter.record(["a", "b, c", "Soka\"an", "x\ny", ""]) == "a,\"b, c\",\"Soka\"\"an\",\"x\ny\",\r\n")
        let text = CSVWriter.record(["kode", "nama"]) + CSVWriter.record(["1", "B, \"Lama\""])
        #expect(try Self.fields(text) == [["kode", "nama"], ["1", "B, \"Lama\""]])
    }
}

/// The descriptor and Table Schema, read with every problem at its line.
@Suite struct TableSchemaTests {
    static func read(_ descriptor: String, _ files: [String: String]) -> (ProgramData?, [String]) {
        var diagnostics = Diagnostics()
        let data = ProgramData.read(descriptor: descriptor, file: "datapackage.json", resources: files, display: { $0 }, diagnostics: &diagnostics)
        return (data, diagnostics.all.map(\.description))
    }

    static let registry = """
    {"name": "desa", "path": "desa.csv", "role": "registri", "schema": {"primaryKey": "kode", "fields": [
      {"name": "kode", "type": "string"}, {"name": "desa", "type": "string"}, {"name": "kecamatan", "type": "string"},
      {"name": "kabupaten", "type": "string"}, {"name": "provinsi", "type": "string"}, {"name": "kode_kecamatan", "type": "string"},
      {"name": "kode_kabupaten", "type": "string"}, {"name": "kode_provinsi", "type": "string"}, {"name": "tahun_berdiri", "type": "year"}]}}
    """
    static let registryCSV = """
    kode,desa,kecamatan,kabupaten,provinsi,kode_kecamatan,kode_kabupaten,kode_provinsi,tahun_berdiri
    32.12.16.2004,Kenanga,Sindang,Kabupaten Indramayu,Jawa Barat,32.12.16,32.12,32,2016

    """

    @Test func typesAndLocalesParse() throws {
        let descriptor = """
        {"name": "uji", "resources": [\(Self.registry),
         {"name": "t", "path": "t.csv", "dialect": {"delimiter": ";"}, "schema": {"fields": [
           {"name": "n", "type": "number", "decimalChar": ",", "groupChar": "."}, {"name": "b", "type": "boolean"},
           {"name": "d", "type": "date"}, {"name": "s", "type": "string", "constraints": {"enum": ["x", "y"]}},
           {"name": "i", "type": "integer", "constraints": {"minimum": -1, "maximum": 5}}]}}]}
        """
        let (data, diagnostics) = Self.read(descriptor, ["desa.csv": Self.registryCSV, "t.csv": "n;b;d;s;i\r\n1.234,5;true;2024-05-22;x;-1\r\n;FALSE;;y;5\r\n"])
        #expect(diagnostics == [])
        let table = try #require(data?.tables.last)
        #expect(table.rows == [[.number(1234.5), .boolean(true), .date(SimpleDate("2024-05-22")!), .string("x"), .integer(-1)],
                               [.missing, .boolean(false), .missing, .string("y"), .integer(5)]])
        #expect(data?.registry.tahunBerdiri == 2016...2016)
    }

    @Test func descriptorMistakesAreNamedAtTheirLine() {
        let descriptor = """
        {"name": "uji",
         "resources": [\(Self.registry),
          {"name": "Tabel Baru", "path": "/etc/passwd", "schema": {"fields": [{"name": "a", "type": "strin"}]}},
          {"name": "t", "path": "https://contoh.example/t.csv", "dialect": {"delimiter": ";;"}, "schema": {"fields": [], "primaryKey": "x"}},
          {"name": "u", "path": "u.csv", "shema": {}}
         ]}
        """
        let (data, diagnostics) = Self.read(descriptor, ["desa.csv": Self.registryCSV])
        #expect(data == nil)
        #expect(diagnostics.contains("datapackage.json:6:12: error: nama resource \"Tabel Baru\" hanya boleh berisi huruf kecil, angka, -, _ dan ."))
        #expect(diagnostics.contains("datapackage.json:6:34: error: path \"/etc/passwd\" harus relatif terhadap folder content/data/\n    hint: path menunjuk berkas di folder content/data/, misalnya \"indikator.csv\""))
        #expect(diagnostics.contains { $0.hasPrefix("datapackage.json:6:93: error: tipe kolom tidak dikenal \"strin\"\n    hint: maksud Anda \"string\"?") })
        #expect(diagnostics.contains { $0.hasPrefix("datapackage.json:7:25: error: path \"https://contoh.example/t.csv\" menunjuk alamat web") })
        #expect(diagnostics.contains("datapackage.json:7:82: error: \"delimiter\" harus satu karakter ASCII, bukan \";;\""))
        #expect(diagnostics.contains("datapackage.json:7:128: error: primaryKey menyebut kolom \"x\" yang tidak ada di skema"))
        #expect(diagnostics.contains { $0.hasPrefix("datapackage.json:8:34: error: properti tidak dikenal \"shema\" di resource\n    hint: maksud Anda \"schema\"?") })
        #expect(diagnostics.contains("datapackage.json:8:3: error: resource tidak punya properti wajib \"schema\""))
    }

    @Test func foreignKeysAndAMissingFile() {
        let descriptor = """
        {"name": "uji", "resources": [\(Self.registry),
         {"name": "catatan", "path": "catatan.csv", "schema": {"fields": [{"name": "kode", "type": "string"}],
          "foreignKeys": [{"fields": "kode", "reference": {"resource": "desa", "fields": "kode"}}]}},
         {"name": "hilang", "path": "hilang.csv", "schema": {"fields": []}}]}
        """
        let (_, diagnostics) = Self.read(descriptor, ["desa.csv": Self.registryCSV, "catatan.csv": "kode\n32.12.16.2004\n32.12.16.2099\n\n"])
        #expect(diagnostics.contains { $0.hasPrefix("catatan.csv:3:1: error: \"kode\" 32.12.16.2099 tidak ada di desa (desa.csv)") })
        #expect(diagnostics.contains("datapackage.json:7:2: error: berkas data \"hilang.csv\" dari resource \"hilang\" tidak ada di content/data/"))
    }
}
