import Content

/// Every figure the site shows about the program, computed once from the loaded data.
///
/// Pages, charts, tables and downloads all read from here (through `tables`), never from the
/// raw data, so a number cannot differ between the chart and the CSV beside it. Indicators,
/// their pillars and the reporting years are whatever the data package declares.
public struct ProgramStatistics: Sendable {
    /// Villages, regions and years of establishment.
    public let summary: ProgramSummary
    /// The registry the figures are about.
    public let registry: Registry
    /// The pillars, in program order.
    public let pilar: [Pilar]
    /// The indicator data set, when the package has one.
    public let data: DataIndikator?
    /// The reporting years, in order (empty without indicator data).
    public let years: [Int]
    /// The latest reporting year.
    public var latestYear: Int { years.last ?? 0 }
    /// The indicators, in schema order.
    public var indikator: [Indikator] { data?.indikator ?? [] }

    /// Each indicator's national figure per year (a sum or a median, as the indicator
    /// aggregates), by indicator position then year.
    public let nationalTotals: [[Int: Double]]
    /// Villages that reported the indicator, by indicator position then year.
    public let reporting: [[Int: Int]]
    /// Spread across reporting villages, by indicator position then year.
    public let distributions: [[Int: Distribution]]
    /// Villages with any activity in the pillar (a value above zero), by pillar id then year.
    public let activeDesa: [String: [Int: Int]]
    /// Villages established by the end of each reporting year.
    public let establishedBy: [Int: Int]
    /// A region's figure (province or regency code), by indicator position then year.
    public let wilayahTotals: [KodeWilayah: [[Int: Double]]]
    /// Medians across a region's reporting villages, by region, indicator position and year.
    public let wilayahMedians: [KodeWilayah: [[Int: Double]]]
    /// The most active villages per pillar id: the main indicator summed over all years, largest first.
    public let topDesa: [String: [(kode: KodeWilayah, total: Double)]]
    /// Plain tables of the package (neither registry nor indicators), published and, where the
    /// resource declares a chart, drawn on the statistics page.
    public let tables: [Table]

    private let desaSeries: [KodeWilayah: [[Int: Double]]]

    /// How many villages each pillar page lists as most active.
    public static let topCount = 10

    /// Aggregates the registry, the indicator data and the package's other tables.
    public init(registry: Registry, pilar: [Pilar], indicators: DataIndikator?, tables: [Table] = []) {
        self.registry = registry
        self.summary = ProgramSummary(registry: registry)
        self.pilar = pilar
        self.data = indicators
        self.tables = tables
        let rows = indicators?.rows ?? []
        let indikator = indicators?.indikator ?? []
        years = rows.isEmpty ? [] : (indicators?.tahun ?? [])

        var established: [Int: Int] = [:]
        for year in years {
            established[year] = summary.perYear.last { $0.tahun <= year }?.cumulative ?? 0
        }
        establishedBy = established

        let count = indikator.count
        var reporting = [[Int: Int]](repeating: [:], count: count)
        var active: [String: [Int: Int]] = [:]
        var series: [KodeWilayah: [[Int: Double]]] = [:]
        // Values per (indicator, year) and per (region, indicator, year), for sums, quartiles and medians.
        var nationalValues = [[Int: [Double]]](repeating: [:], count: count)
        var wilayahValues: [KodeWilayah: [[Int: [Double]]]] = [:]
        for row in rows {
            // The indicator data was checked against the registry when it was read.
            guard let desa = registry.desa(row.kode) else { continue }
            var pilarActive = Set<String>()
            var own = series[row.kode] ?? [[Int: Double]](repeating: [:], count: count)
            for (index, value) in row.values.enumerated() {
                guard let value else { continue }
                reporting[index][row.tahun, default: 0] += 1
                nationalValues[index][row.tahun, default: []].append(value)
                own[index][row.tahun] = value
                for region in [desa.provinsi, desa.kabupaten] {
                    wilayahValues[region, default: [[Int: [Double]]](repeating: [:], count: count)][index][row.tahun, default: []].append(value)
                }
                if value > 0 { pilarActive.insert(indikator[index].pilar) }
            }
            series[row.kode] = own
            for pilar in pilarActive { active[pilar, default: [:]][row.tahun, default: 0] += 1 }
        }
        func aggregate(_ values: [Int: [Double]], _ indikator: Indikator) -> [Int: Double] {
            values.compactMapValues { list in
                switch indikator.agregasi {
                case .sum: return list.reduce(0, +)
                case .median: return Distribution(list)?.median
                }
            }
        }
        nationalTotals = nationalValues.enumerated().map { aggregate($1, indikator[$0]) }
        self.reporting = reporting
        activeDesa = active
        wilayahTotals = wilayahValues.mapValues { byIndikator in byIndikator.enumerated().map { aggregate($1, indikator[$0]) } }
        desaSeries = series
        distributions = nationalValues.map { byYear in byYear.compactMapValues { Distribution($0) } }
        wilayahMedians = wilayahValues.mapValues { byIndikator in
            byIndikator.map { byYear in byYear.compactMapValues { Distribution($0)?.median } }
        }

        var top: [String: [(kode: KodeWilayah, total: Double)]] = [:]
        for pilar in pilar {
            guard let main = pilar.indikatorUtama else { continue }
            let totals = series.compactMap { kode, values -> (kode: KodeWilayah, total: Double)? in
                let total = values[main.urutan].values.reduce(0, +)
                return total > 0 ? (kode, total) : nil
            }
            top[pilar.id] = Array(totals.sorted { $0.total != $1.total ? $0.total > $1.total : $0.kode < $1.kode }.prefix(Self.topCount))
        }
        topDesa = top
    }

    /// One village's values, by indicator position then year.
    public func series(of desa: KodeWilayah) -> [[Int: Double]] {
        desaSeries[desa] ?? [[Int: Double]](repeating: [:], count: indikator.count)
    }

    /// The national median of an indicator in a year.
    public func nationalMedian(_ indikator: Indikator, _ year: Int) -> Double? {
        distributions[indikator.urutan][year]?.median
    }

    /// The indicators of one pillar, in schema order.
    public func indikator(of pilar: Pilar) -> [Indikator] { indikator.filter { $0.pilar == pilar.id } }

    /// Whether any indicator data was loaded.
    public var hasIndikator: Bool { !years.isEmpty }
}
