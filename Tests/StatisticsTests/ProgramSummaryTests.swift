import Content
import Statistics
import Testing

@Suite struct ProgramSummaryTests {
    /// A registry built from rows written out here, so the expected figures can be counted by hand.
    static func registry(years: [Int]) throws -> Registry {
        var rows: [String] = []
        for (index, year) in years.enumerated() {
            // Spread villages over two provinces and three regencies.
            let (prov, kab, provName, kabName) = index % 3 == 0 ? ("32", "12", "Jawa Barat", "Kabupaten Indramayu")
                : index % 3 == 1 ? ("33", "07", "Jawa Tengah", "Kabupaten Wonosobo") : ("33", "13", "Jawa Tengah", "Kabupaten Karanganyar")
            let number = 2001 + index
            rows.append("""
            {"kode": "\(prov).\(kab).01.\(number)", "desa": "Desa \(index)", "kecamatan": "Kec", "kabupaten": "\(kabName)", "provinsi": "\(provName)", "kode_kecamatan": "\(prov).\(kab).01", "kode_kabupaten": "\(prov).\(kab)", "kode_provinsi": "\(prov)", "tahun_berdiri": \(year)}
            """)
        }
        let registry = try Fixture.data(registryRows: rows.joined(separator: ",\n")).registry
        return try #require(registry)
    }

    @Test func perYearCountsAndCumulativeTotals() throws {
        let years = [2016, 2017, 2017, 2019, 2019, 2019, 2021, 2022, 2022]
        let summary = ProgramSummary(registry: try Self.registry(years: years))
        // Recomputed independently: count each year of the program, in order.
        var running = 0
        let expected = (2016...2022).map { year -> (String, Int, Int) in
            let count = years.filter { $0 == year }.count
            running += count
            return (String(year), count, running)
        }
        #expect(summary.perYear.map { ($0.label, $0.value, $0.cumulative) }.elementsEqual(expected, by: ==))
        #expect(summary.perYear.first { $0.label == "2020" }?.value == 0)
        #expect(summary.desaCount == years.count)
        #expect(summary.perYear.last?.cumulative == years.count)
    }

    @Test func regionCounts() throws {
        let summary = ProgramSummary(registry: try Self.registry(years: Array(repeating: 2017, count: 7)))
        #expect(summary.provinsiCount == 2)
        #expect(summary.kabupatenCount == 3)
        #expect(summary.kecamatanCount == 3)
        // Index % 3 == 0 → Jawa Barat (indices 0, 3, 6) = 3; Jawa Tengah the other 4, listed first.
        #expect(summary.perProvinsi.map(\.label) == ["Jawa Tengah", "Jawa Barat"])
        #expect(summary.perProvinsi.map(\.value) == [4, 3])
    }
}
