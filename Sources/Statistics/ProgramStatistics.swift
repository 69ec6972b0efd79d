import Content

/// Every figure the site shows about the program, computed once from the loaded data.
///
/// Pages, charts, tables and downloads all read from here (through `tables`), never from the
/// raw data, so a number cannot differ between the chart and the CSV beside it.
public struct ProgramStatistics: Sendable {
    /// Villages, regions and years of establishment.
    public let summary: ProgramSummary
    /// The registry the figures are about.
    public let registry: Registry
    /// The years indicators are reported for, in order.
    public let years: [Int]
    /// The latest reporting year.
    public var latestYear: Int { years.last ?? IndicatorYears.range.upperBound }

    /// Sum over villages, by indicator then year.
    public let nationalTotals: [Indikator: [Int: Int]]
    /// Villages that reported the indicator, by indicator then year.
    public let reporting: [Indikator: [Int: Int]]
    /// Spread across reporting villages, by indicator then year.
    public let distributions: [Indikator: [Int: Distribution]]
    /// Villages with any activity in the pillar (a value above zero), by pillar then year.
    public let activeVillages: [Pilar: [Int: Int]]
    /// Villages established by the end of each reporting year.
    public let establishedBy: [Int: Int]
    /// Sums by region (province or regency code), indicator and year.
    public let regionTotals: [KodeWilayah: [Indikator: [Int: Int]]]
    /// Medians across a region's reporting villages, by region, indicator and year.
    public let regionMedians: [KodeWilayah: [Indikator: [Int: Double]]]
    /// The most active villages per pillar: the main indicator summed over all years, largest first.
    public let topDesa: [Pilar: [(kode: KodeWilayah, total: Int)]]
    /// The 2024 evaluation, when its data is present.
    public let evaluation: Evaluation?
    /// Results per pillar: how many villages got each verdict.
    public let evaluationResults: [Pilar: [HasilEvaluasi: Int]]

    private let desaSeries: [KodeWilayah: [Indikator: [Int: Int]]]

    /// How many villages each pillar page lists as most active.
    public static let topCount = 10

    /// Aggregates the registry, the indicator data and the evaluation.
    public init(registry: Registry, indicators: IndicatorData?, evaluation: Evaluation?) {
        self.registry = registry
        self.summary = ProgramSummary(registry: registry)
        self.evaluation = evaluation
        let rows = indicators?.rows ?? []
        years = Array(Set(rows.map(\.tahun))).sorted()

        var established: [Int: Int] = [:]
        for year in IndicatorYears.range {
            established[year] = summary.perYear.last { Int($0.label)! <= year }?.cumulative ?? 0
        }
        establishedBy = established

        var national: [Indikator: [Int: Int]] = [:]
        var reporting: [Indikator: [Int: Int]] = [:]
        var active: [Pilar: [Int: Int]] = [:]
        var regional: [KodeWilayah: [Indikator: [Int: Int]]] = [:]
        var series: [KodeWilayah: [Indikator: [Int: Int]]] = [:]
        // Values per (indicator, year) and per (region, indicator, year), for quartiles and medians.
        var nationalValues: [Indikator: [Int: [Int]]] = [:]
        var regionValues: [KodeWilayah: [Indikator: [Int: [Int]]]] = [:]
        for row in rows {
            let desa = registry.desa(row.kode)!
            let regions = [desa.provinsi, desa.kabupaten]
            var pillarsActive = Set<Pilar>()
            for (indikator, value) in row.values {
                national[indikator, default: [:]][row.tahun, default: 0] += value
                reporting[indikator, default: [:]][row.tahun, default: 0] += 1
                nationalValues[indikator, default: [:]][row.tahun, default: []].append(value)
                series[row.kode, default: [:]][indikator, default: [:]][row.tahun] = value
                for region in regions {
                    regional[region, default: [:]][indikator, default: [:]][row.tahun, default: 0] += value
                    regionValues[region, default: [:]][indikator, default: [:]][row.tahun, default: []].append(value)
                }
                if value > 0 { pillarsActive.insert(indikator.pilar) }
            }
            for pilar in pillarsActive { active[pilar, default: [:]][row.tahun, default: 0] += 1 }
        }
        nationalTotals = national
        self.reporting = reporting
        activeVillages = active
        regionTotals = regional
        desaSeries = series
        distributions = nationalValues.mapValues { byYear in byYear.compactMapValues { Distribution($0) } }
        regionMedians = regionValues.mapValues { byIndikator in
            byIndikator.mapValues { byYear in byYear.compactMapValues { Distribution($0)?.median } }
        }

        var top: [Pilar: [(kode: KodeWilayah, total: Int)]] = [:]
        for pilar in Pilar.allCases {
            let totals = series.compactMap { kode, values -> (kode: KodeWilayah, total: Int)? in
                guard let byYear = values[pilar.mainIndikator] else { return nil }
                let total = byYear.values.reduce(0, +)
                return total > 0 ? (kode, total) : nil
            }
            top[pilar] = Array(totals.sorted { $0.total != $1.total ? $0.total > $1.total : $0.kode < $1.kode }.prefix(Self.topCount))
        }
        topDesa = top

        var results: [Pilar: [HasilEvaluasi: Int]] = [:]
        for verdicts in evaluation?.hasil.values.map({ $0 }) ?? [] {
            for (pilar, result) in verdicts { results[pilar, default: [:]][result, default: 0] += 1 }
        }
        evaluationResults = results
    }

    /// One village's values, by indicator then year.
    public func series(of desa: KodeWilayah) -> [Indikator: [Int: Int]] {
        desaSeries[desa] ?? [:]
    }

    /// The national median of an indicator in a year.
    public func nationalMedian(_ indikator: Indikator, _ year: Int) -> Double? {
        distributions[indikator]?[year]?.median
    }

    /// Whether any indicator data was loaded.
    public var hasIndicators: Bool { !years.isEmpty }
}
