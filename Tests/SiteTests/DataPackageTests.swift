import Content
import Foundation
@testable import Site
import Testing

/// The data model lives in `content/`: data staff add an indicator or a year by editing the data
/// package and its files only, and spreadsheets' CSV variants read as the same data.
@Suite struct DataPackageTests {
    /// A copy of the bundled content in a temporary folder, its descriptor as JSON to edit.
    struct BundledCopy {
        let temp: TemporaryDirectory
        let content: URL
        var descriptorURL: URL { content.appendingPathComponent("data/datapackage.json") }

        init() throws {
            temp = try TemporaryDirectory()
            content = temp.url.appendingPathComponent("content")
            try copySite(Paths.content, to: content)
        }

        /// Edits the descriptor as JSON (Foundation's serializer: the generator must not care how it is laid out).
        func editDescriptor(_ edit: (inout [String: Any]) throws -> Void) throws {
            var descriptor = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: descriptorURL)) as? [String: Any])
            try edit(&descriptor)
            try JSONSerialization.data(withJSONObject: descriptor, options: [.prettyPrinted, .sortedKeys]).write(to: descriptorURL)
        }

        /// Rewrites the indicator CSV, row by row (header included).
        func editIndicators(_ edit: (_ header: Bool, _ cells: [String]) -> [String]) throws {
            let url = content.appendingPathComponent("data/indikator.csv")
            let lines = try String(contentsOf: url, encoding: .utf8).components(separatedBy: "\r\n").filter { !$0.isEmpty }
            let edited = lines.enumerated().map { index, line in edit(index == 0, line.components(separatedBy: ";")).joined(separator: ";") }
            try (edited.joined(separator: "\r\n") + "\r\n").write(to: url, atomically: true, encoding: .utf8)
        }

        func generate() throws -> GeneratedSite {
            try SiteBuilder.generate(BuildOptions(contentDirectory: content.path, themeDirectory: Paths.theme.path))
        }
    }

    static func text(_ site: GeneratedSite, _ path: String) throws -> String {
        String(decoding: try #require(site.files[path], "\(path) missing"), as: UTF8.self)
    }

    @Test func aFourteenthIndicatorNeedsOnlyContent() throws {
        let copy = try BundledCopy()
        try copy.editDescriptor { descriptor in
            var resources = try #require(descriptor["resources"] as? [[String: Any]])
            let index = try #require(resources.firstIndex { $0["name"] as? String == "indikator" })
            var schema = try #require(resources[index]["schema"] as? [String: Any])
            var fields = try #require(schema["fields"] as? [[String: Any]])
            fields.append([
                "name": "rumah_edukasi", "type": "integer", "title": "Rumah Edukasi aktif", "unit": "rumah", "pilar": "community-parenting",
                "constraints": ["minimum": 0], "i18n": ["en": ["title": "Active learning houses", "unit": "houses"]],
            ])
            schema["fields"] = fields
            resources[index]["schema"] = schema
            descriptor["resources"] = resources
        }
        // Every village reports 1, except Kenanga with 3 in each of its years.
        try copy.editIndicators { header, cells in
            cells + [header ? "rumah_edukasi" : cells[0] == "32.12.16.2004" ? "3" : "1"]
        }
        let site = try copy.generate()
        let rows = csvBody(try Self.text(site, "data/sumber/indikator.csv")).split(separator: "\r\n").count - 1

        // The pillar page: its national table and a chart for the new indicator.
        let pillar = try Self.text(site, "pilar/community-parenting/index.html")
        #expect(pillar.contains("<th scope=\"col\" class=\"num\">Rumah Edukasi aktif</th>"))
        #expect(pillar.contains("id=\"grafik-nasional-rumah_edukasi-judul\">Rumah Edukasi aktif (rumah)</title>"))
        let national = csvBody(try Self.text(site, "data/pilar-community-parenting-nasional.csv"))
        #expect(national.hasPrefix("tahun,anak_didampingi,pengasuh_dilatih,sesi_pengasuhan,rumah_edukasi\r\n"))
        // Sums per year add up to the rows of that year (one house each, Kenanga three).
        let total = national.split(separator: "\r\n").dropFirst().compactMap { Int($0.split(separator: ",", omittingEmptySubsequences: false).last!) }.reduce(0, +)
        #expect(total == rows + 2 * 8)
        // The village page and its download; English labels in English.
        let kenanga = try Self.text(site, "desa/jawa-barat/indramayu/kenanga/index.html")
        #expect(kenanga.contains("<th scope=\"col\" class=\"num\">Rumah Edukasi aktif</th>"))
        #expect(try Self.text(site, "en/desa/jawa-barat/indramayu/kenanga/index.html").contains(">Active learning houses</th>"))
        #expect(csvBody(try Self.text(site, "data/desa/3212162004.csv")).contains("2024,rumah_edukasi,3,"))
        // /data/ documents it; the all-villages table and the open-data descriptor carry it.
        #expect(try Self.text(site, "data/index.html").contains("<code>rumah_edukasi</code><br>Rumah Edukasi aktif</th><td>integer</td><td>rumah</td>"))
        #expect(csvBody(try Self.text(site, "data/desa.csv")).split(separator: "\r\n").first!.hasSuffix(",modal_koperasi,rumah_edukasi"))
        let descriptor = try Self.text(site, "data/datapackage.json")
        let published = try #require(try JSONSerialization.jsonObject(with: Data(descriptor.utf8)) as? [String: Any])
        let resources = try #require(published["resources"] as? [[String: Any]])
        let source = try #require(resources.first { $0["name"] as? String == "sumber-indikator" })
        let fields = try #require((source["schema"] as? [String: Any])?["fields"] as? [[String: Any]])
        let field = try #require(fields.last)
        #expect(field["name"] as? String == "rumah_edukasi" && field["title"] as? String == "Rumah Edukasi aktif" && field["unit"] as? String == "rumah")
        #expect(resources.contains { $0["path"] as? String == "pilar-community-parenting-nasional.csv" })
        #expect(site.warnings.isEmpty)
    }

    @Test func aYear2025NeedsOnlyContent() throws {
        let copy = try BundledCopy()
        // Without widening the declared range, a 2025 row is refused at its cell.
        let path = copy.content.appendingPathComponent("data/indikator.csv")
        let base = try String(contentsOf: path, encoding: .utf8)
        let extra = "32.12.16.2004;2025;70;12;50;3;30;9;4;40;15;12;1;80;60\r\n"
        try (base + extra).write(to: path, atomically: true, encoding: .utf8)
        do throws(BuildFailure) {
            _ = try SiteBuilder.generate(BuildOptions(contentDirectory: copy.content.path, themeDirectory: Paths.theme.path))
            Issue.record("a 2025 row outside the declared years was accepted")
        } catch {
            let lines = base.split(separator: "\r\n").count + 1
            #expect(error.description.hasSuffix("indikator.csv:\(lines):15: error: \"tahun\" harus bilangan bulat dari 2017 sampai 2024, bukan \"2025\""))
        }
        try copy.editDescriptor { descriptor in
            var resources = try #require(descriptor["resources"] as? [[String: Any]])
            let index = try #require(resources.firstIndex { $0["name"] as? String == "indikator" })
            var schema = try #require(resources[index]["schema"] as? [String: Any])
            var fields = try #require(schema["fields"] as? [[String: Any]])
            fields[1]["constraints"] = ["required": true, "minimum": 2017, "maximum": 2025]
            schema["fields"] = fields
            resources[index]["schema"] = schema
            descriptor["resources"] = resources
        }
        let site = try copy.generate()
        let national = csvBody(try Self.text(site, "data/pilar-pusat-layanan-migrasi-nasional.csv"))
        #expect(national.hasSuffix("2025,70,12,50,3\r\n"))
        #expect(csvBody(try Self.text(site, "data/desa/3212162004.csv")).contains("2025,cpmi_dilayani,70,"))
        #expect(try Self.text(site, "statistik/index.html").contains(">2025</text>"))
        #expect(csvBody(try Self.text(site, "data/wilayah/32.csv")).contains("\r\n2025,"))
    }

    /// The same table written as spreadsheets export it builds the same site, byte for byte:
    /// comma or semicolon, BOM or not, CRLF or LF, decimal comma or point, and as JSON.
    @Test func csvDialectsAndJSONBuildTheSameSite() throws {
        let temp = try TemporaryDirectory()
        let reference = temp.url.appendingPathComponent("reference")
        try copySite(Paths.validSite, to: reference)
        let original = try SiteBuilder.generate(BuildOptions(contentDirectory: reference.path, themeDirectory: Paths.theme.path))

        // The fixture's participants as a data officer might type them, with a decimal share too.
        let rows = [("koordinator", "40", "20.5"), ("kepala-desa", "80", "40"), ("petugas", "80", "39.5")]
        func variant(_ name: String, delimiter: String, bom: Bool, lineEnd: String, decimalComma: Bool, json: Bool = false) throws -> GeneratedSite {
            let site = temp.url.appendingPathComponent(name)
            try copySite(Paths.validSite, to: site)
            let data = site.appendingPathComponent("data")
            try FileManager.default.removeItem(at: data.appendingPathComponent("evaluasi-peserta.csv"))
            let file: String
            if json {
                file = "evaluasi-peserta.json"
                let objects = rows.map { "{\"peran\": \"\($0.0)\", \"jumlah\": \($0.1), \"persen\": \($0.2)}" }
                try ("[\n" + objects.joined(separator: ",\n") + "\n]\n").write(to: data.appendingPathComponent(file), atomically: true, encoding: .utf8)
            } else {
                // A tab-separated export keeps its own extension; the descriptor names it.
                file = delimiter == "\t" ? "evaluasi-peserta.tsv" : "evaluasi-peserta.csv"
                let lines = [["peran", "jumlah", "persen"]] + rows.map { [$0.0, $0.1, decimalComma ? $0.2.replacingOccurrences(of: ".", with: ",") : $0.2] }
                let quoted = lines.map { $0.map { $0.contains(delimiter) ? "\"\($0)\"" : $0 }.joined(separator: delimiter) }
                var bytes = [UInt8]((quoted.joined(separator: lineEnd) + lineEnd).utf8)
                if bom { bytes = [0xEF, 0xBB, 0xBF] + bytes }
                try Data(bytes).write(to: data.appendingPathComponent(file))
            }
            let descriptorURL = data.appendingPathComponent("datapackage.json")
            var descriptor = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: descriptorURL)) as? [String: Any])
            var resources = try #require(descriptor["resources"] as? [[String: Any]])
            let index = try #require(resources.firstIndex { $0["name"] as? String == "evaluasi-peserta" })
            resources[index]["path"] = file
            resources[index]["format"] = json ? "json" : "csv"
            if delimiter != "," { resources[index]["dialect"] = ["delimiter": delimiter] }
            var schema = try #require(resources[index]["schema"] as? [String: Any])
            var fields = try #require(schema["fields"] as? [[String: Any]])
            fields.append(decimalComma ? ["name": "persen", "type": "number", "decimalChar": ","] : ["name": "persen", "type": "number"])
            schema["fields"] = fields
            resources[index]["schema"] = schema
            descriptor["resources"] = resources
            try JSONSerialization.data(withJSONObject: descriptor, options: [.prettyPrinted]).write(to: descriptorURL)
            return try SiteBuilder.generate(BuildOptions(contentDirectory: site.path, themeDirectory: Paths.theme.path))
        }
        let comma = try variant("comma", delimiter: ",", bom: false, lineEnd: "\r\n", decimalComma: false)
        #expect(csvBody(try Self.text(comma, "data/sumber/evaluasi-peserta.csv")) == "peran,jumlah,persen\r\nkoordinator,40,20.5\r\nkepala-desa,80,40\r\npetugas,80,39.5\r\n")
        // The added column changes the site from the fixture's, and only where that table shows.
        let changed = Set(original.files.keys.filter { original.files[$0] != comma.files[$0] })
        #expect(changed.allSatisfy { $0.hasPrefix("data/") || $0.hasPrefix("en/data/") || $0.hasSuffix("statistik/index.html") }, "\(changed.sorted())")
        let variants = [
            try variant("semicolon", delimiter: ";", bom: false, lineEnd: "\r\n", decimalComma: true),
            try variant("bom-lf", delimiter: ";", bom: true, lineEnd: "\n", decimalComma: true),
            try variant("comma-bom-lf", delimiter: ",", bom: true, lineEnd: "\n", decimalComma: false),
            try variant("comma-quoted-decimals", delimiter: ",", bom: false, lineEnd: "\r\n", decimalComma: true),
            try variant("tab", delimiter: "\t", bom: false, lineEnd: "\r\n", decimalComma: true),
            try variant("json", delimiter: ",", bom: false, lineEnd: "\n", decimalComma: false, json: true),
        ]
        for other in variants {
            #expect(other.files.keys.sorted() == comma.files.keys.sorted())
            let differing = comma.files.keys.filter { comma.files[$0] != other.files[$0] }
            #expect(differing.isEmpty, "\(differing.sorted())")
        }
    }

    @Test func anUnregisteredDataFileIsAWarning() throws {
        let temp = try TemporaryDirectory()
        let site = temp.url.appendingPathComponent("site")
        try copySite(Paths.validSite, to: site)
        try "a,b\r\n1,2\r\n".write(to: site.appendingPathComponent("data/lupa.csv"), atomically: true, encoding: .utf8)
        let generated = try SiteBuilder.generate(BuildOptions(contentDirectory: site.path, themeDirectory: Paths.theme.path))
        #expect(generated.warnings.map(\.message) == ["berkas data ini tidak terdaftar di datapackage.json, jadi tidak diterbitkan"])
        #expect(generated.files["data/sumber/lupa.csv"] == nil)
    }
}

/// Issue #11's promise, checked: the program's schema is in `content/`, so no indicator id,
/// pillar slug or program year is written in the generator's source.
@Suite struct SchemaLivesInContentTests {
    @Test func sourcesNameNoIndicatorPillarOrYear() throws {
        let descriptor = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: Paths.content.appendingPathComponent("data/datapackage.json"))) as? [String: Any])
        let resources = try #require(descriptor["resources"] as? [[String: Any]])
        let indicator = try #require(resources.first { $0["role"] as? String == "indikator" })
        let ids = ((indicator["schema"] as? [String: Any])?["fields"] as? [[String: Any]] ?? []).compactMap { $0["name"] as? String }
            .filter { !["kode", "tahun"].contains($0) }
        let pillars = try FileManager.default.contentsOfDirectory(atPath: Paths.content.appendingPathComponent("pilar").path)
            .filter { $0.hasSuffix(".md") && !$0.hasPrefix("_") && $0.split(separator: ".").count == 2 }.map { String($0.dropLast(3)) }
        #expect(ids.count == 13 && pillars.count == 4)
        let sources = Paths.repository.appendingPathComponent("Sources")
        let files = try #require(FileManager.default.enumerator(atPath: sources.path)).compactMap { $0 as? String }.filter { $0.hasSuffix(".swift") }
        // A year of the program, alone: not part of a longer number or of an ISO date (`2024-05-22` in a hint is an example date).
        let year = try Regex("(^|[^0-9{])20(1[6-9]|2[0-5])(?![0-9]|-[0-9]{2}-)")
        var found: [String] = []
        for file in files {
            let text = try String(contentsOf: sources.appendingPathComponent(file), encoding: .utf8)
            for word in ids + pillars where text.contains(word) { found.append("\(file): \(word)") }
            for match in text.matches(of: year) { found.append("\(file): \(text[match.range])") }
        }
        #expect(found == [])
    }
}
