import Content
import Statistics
import Testing

@Suite struct DistributionTests {
    @Test func quartilesInterpolateLikeSpreadsheets() throws {
        // QUARTILE.INC / numpy.percentile(linear) of 1, 2, 3, 4: 1.75, 2.5, 3.25.
        let even = try #require(Distribution([4, 1, 3, 2]))
        #expect((even.q1, even.median, even.q3) == (1.75, 2.5, 3.25))
        #expect((even.minimum, even.maximum, even.count) == (1, 4, 4))
        let odd = try #require(Distribution([10, 0, 5, 7, 3]))
        #expect((odd.q1, odd.median, odd.q3) == (3, 5, 7))
        let one = try #require(Distribution([42]))
        #expect((one.q1, one.median, one.q3) == (42, 42, 42))
        #expect(Distribution([]) == nil)
    }
}

@Suite struct ProgramStatisticsTests {
    /// Five villages in two provinces; indicators written out so each figure can be counted by hand.
    static func fixture() throws -> ProgramStatistics {
        let registryRows = """
        {"kode": "32.12.16.2004", "desa": "A", "kecamatan": "K1", "kabupaten": "Kabupaten Indramayu", "provinsi": "Jawa Barat", "kode_kecamatan": "32.12.16", "kode_kabupaten": "32.12", "kode_provinsi": "32", "tahun_berdiri": 2016},
        {"kode": "32.12.16.2005", "desa": "B, \\"Lama\\"", "kecamatan": "K1", "kabupaten": "Kabupaten Indramayu", "provinsi": "Jawa Barat", "kode_kecamatan": "32.12.16", "kode_kabupaten": "32.12", "kode_provinsi": "32", "tahun_berdiri": 2017},
        {"kode": "32.09.01.2001", "desa": "C", "kecamatan": "K2", "kabupaten": "Kabupaten Cirebon", "provinsi": "Jawa Barat", "kode_kecamatan": "32.09.01", "kode_kabupaten": "32.09", "kode_provinsi": "32", "tahun_berdiri": 2018},
        {"kode": "52.03.17.2006", "desa": "D", "kecamatan": "K3", "kabupaten": "Kabupaten Lombok Timur", "provinsi": "Nusa Tenggara Barat", "kode_kecamatan": "52.03.17", "kode_kabupaten": "52.03", "kode_provinsi": "52", "tahun_berdiri": 2017},
        {"kode": "52.03.17.2007", "desa": "E", "kecamatan": "K3", "kabupaten": "Kabupaten Lombok Timur", "provinsi": "Nusa Tenggara Barat", "kode_kecamatan": "52.03.17", "kode_kabupaten": "52.03", "kode_provinsi": "52", "tahun_berdiri": 2021}
        """
        let indicatorRows = """
        {"kode": "32.12.16.2004", "tahun": 2017, "cpmi_dilayani": 10, "anak_didampingi": 0},
        {"kode": "32.12.16.2004", "tahun": 2018, "cpmi_dilayani": 20, "anak_didampingi": 4},
        {"kode": "32.12.16.2005", "tahun": 2017, "cpmi_dilayani": 30},
        {"kode": "32.12.16.2005", "tahun": 2018, "cpmi_dilayani": 0, "usaha_berjalan": 2},
        {"kode": "32.09.01.2001", "tahun": 2018, "cpmi_dilayani": 50},
        {"kode": "52.03.17.2006", "tahun": 2017, "cpmi_dilayani": 5},
        {"kode": "52.03.17.2006", "tahun": 2018, "cpmi_dilayani": 7, "anggota_koperasi": 12},
        {"kode": "52.03.17.2007", "tahun": 2021, "cpmi_dilayani": 1}
        """
        let data = try Fixture.data(registryRows: registryRows, indicatorRows: indicatorRows)
        return ProgramStatistics(registry: data.registry, pilar: Fixture.pilar(data), indicators: data.indicators, tables: data.tables)
    }

    static let cpmi = 0, usaha = 1, anak = 2, anggota = 3

    @Test func nationalTotalsAndReporting() throws {
        let statistics = try Self.fixture()
        #expect(statistics.years == [2017, 2018, 2021])
        #expect(statistics.nationalTotals[Self.cpmi] == [2017: 10 + 30 + 5, 2018: 20 + 0 + 50 + 7, 2021: 1])
        #expect(statistics.reporting[Self.cpmi] == [2017: 3, 2018: 4, 2021: 1])
        #expect(statistics.nationalTotals[Self.anak] == [2017: 0, 2018: 4])
        let table = statistics.indikatorNasional
        #expect(table.columns.first == "tahun")
        #expect(table.rows.first?[1] == .integer(45))
        #expect(table.rows.first?[table.columns.firstIndex(of: "usaha_berjalan")!] == .missing)
    }

    @Test func distributionAndMedians() throws {
        let statistics = try Self.fixture()
        // 2018 CPMI values: 20, 0, 50, 7 → sorted 0, 7, 20, 50: median 13.5, Q1 5.25, Q3 27.5.
        let spread = try #require(statistics.distributions[Self.cpmi][2018])
        #expect((spread.count, spread.q1, spread.median, spread.q3) == (4, 5.25, 13.5, 27.5))
        // Indramayu (32.12) 2018: 20 and 0 → 10; Jawa Barat: 20, 0, 50 → 20; NTB: 7.
        #expect(statistics.wilayahMedians[KodeWilayah("32.12")!]?[Self.cpmi][2018] == 10)
        #expect(statistics.wilayahMedians[KodeWilayah("32")!]?[Self.cpmi][2018] == 20)
        #expect(statistics.wilayahMedians[KodeWilayah("52")!]?[Self.cpmi][2018] == 7)
        #expect(statistics.wilayahTotals[KodeWilayah("32")!]?[Self.cpmi][2017] == 40)
    }

    @Test func coverageCountsVillagesWithActivity() throws {
        let statistics = try Self.fixture()
        // 2018: migration service active in A, C, D (B reported 0); established by 2018: A, B, C, D.
        #expect(statistics.activeDesa["pusat-layanan-migrasi"]?[2018] == 3)
        #expect(statistics.establishedBy[2018] == 4)
        #expect(statistics.establishedBy[2021] == 5)
        #expect(statistics.activeDesa["community-parenting"]?[2017] == nil)
        let row = try #require(statistics.cakupanPilar.rows.first { $0[0] == .integer(2018) })
        let persen = statistics.cakupanPilar.columns.firstIndex(of: "persen_pusat-layanan-migrasi")!
        #expect(row[persen] == .decimal(75))
    }

    @Test func topVillagesAndVillageSeries() throws {
        let statistics = try Self.fixture()
        // CPMI over all years: A 30, B 30, C 50, D 12, E 1 → C, then A and B by code, then D, E.
        #expect(statistics.topDesa["pusat-layanan-migrasi"]?.map(\.kode.dotted) == ["32.09.01.2001", "32.12.16.2004", "32.12.16.2005", "52.03.17.2006", "52.03.17.2007"])
        #expect(statistics.series(of: KodeWilayah("32.12.16.2004")!)[Self.cpmi] == [2017: 10, 2018: 20])
        let village = statistics.desa(KodeWilayah("32.12.16.2004")!)
        let row = try #require(village.rows.first { $0[0] == .integer(2018) && $0[1] == .text("cpmi_dilayani") })
        #expect(row == [.integer(2018), .text("cpmi_dilayani"), .integer(20), .decimal(10), .decimal(20), .decimal(13.5)])
    }

    @Test func perYearTableMatchesRegistry() throws {
        let statistics = try Self.fixture()
        #expect(statistics.desaPerTahun.column("desa_baru") == [1, 2, 1, 0, 0, 1, 0].map { .integer($0) })
        #expect(statistics.desaPerTahun.column("kumulatif").last == .integer(5))
        #expect(statistics.desaPerProvinsi.rows.map { [$0[1], $0[2], $0[3]] } == [[.text("Jawa Barat"), .integer(3), .integer(2)], [.text("Nusa Tenggara Barat"), .integer(2), .integer(1)]])
    }

    @Test func csvAndJSONKeepNamesIntact() throws {
        let statistics = try Self.fixture()
        let csv = statistics.desaTerbaru.csv()
        #expect(csv.hasPrefix("kode,desa,kode_kecamatan"))
        #expect(csv.contains("32.12.16.2005,\"B, \"\"Lama\"\"\",32.12.16"))
        #expect(csv.hasSuffix("\r\n"))
        let json = statistics.desaTerbaru.json(meta: [("title", "Semua \"desa\"")])
        #expect(json.contains("\"desa\": \"B, \\\"Lama\\\"\""))
        #expect(json.contains("\"title\": \"Semua \\\"desa\\\"\""))
        #expect(json.contains("\"tahun_data\": null") == false)
        #expect(DataTable(id: "x", columns: ["a"], rows: [[.decimal(12.5)], [.decimal(3)], [.missing]]).csv() == "a\r\n12.5\r\n3\r\n\r\n")
    }
}
