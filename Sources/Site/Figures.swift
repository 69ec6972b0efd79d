import Charts
import Content
import Statistics
import Templating

/// Turns the tables of `ProgramStatistics` into what templates place: SVG charts, the same
/// numbers as an HTML table, and links to the CSV and JSON downloads of that table.
///
/// A figure is `{id, title, charts: [{svg}], table: {caption, headers, rows, long}, csv, json}`.
struct Figures {
    let statistics: ProgramStatistics
    let strings: Strings
    let formatter: Formatter
    /// The language of the pages: indicator, unit and field labels come from the data package in it.
    let language: String
    /// Pillar names in this language (their pages' titles), by pillar id.
    let pilarNames: [String: String]
    /// The prefix of this language's paths ("" or "/en").
    let pathPrefix: String
    /// A hash of every input above: two `Figures` with the same version make the same figures,
    /// so a rebuild may reuse those it made before (`memo`).
    let version: Int
    /// Figures made before for this version, when rebuilding.
    let memo: FigureMemo?

    /// Figures from the statistics (computed from inputs whose hash is `statisticsVersion`).
    init(statistics: ProgramStatistics, statisticsVersion: Int, strings: Strings, language: String, pilarNames: [String: String],
         pathPrefix: String, cache: BuildCache?) {
        self.statistics = statistics
        self.strings = strings
        self.formatter = Formatter(strings: strings)
        self.language = language
        self.pilarNames = pilarNames
        self.pathPrefix = pathPrefix
        // Every stored input, so that a figure is reused only when nothing it is made from changed.
        var hasher = Hasher()
        hasher.combine(statisticsVersion)
        hasher.combine(strings.table)
        hasher.combine(language)
        hasher.combine(pilarNames)
        hasher.combine(pathPrefix)
        version = hasher.finalize()
        memo = cache?.figureMemo(version: version)
    }

    /// Turns a site path into this language's path.
    func localize(_ path: String) -> String { pathPrefix + path }

    /// A page's figures (none: nil), converted for templates once.
    typealias List = Prerendered<ListSection<FigureView>?>
    /// A region page's figure, converted once.
    typealias Single = Prerendered<FigureView?>
    /// The statistics page's sections, converted once.
    typealias Sections = Prerendered<[FigureSection]>

    private var registry: Registry { statistics.registry }
    private var years: [String] { statistics.years.map(String.init) }

    // MARK: Tables and downloads

    /// A table offered for download, computed only when its file is written.
    struct Download: Sendable {
        /// The table's id (its path under `/data/`).
        let id: String
        /// Its title for readers, in the default language.
        let title: String
        /// Computes the table.
        let make: @Sendable () -> DataTable
    }

    /// Every table the site offers for download: each one a page shows, and the full sets.
    /// The per-region and per-village tables are many, so they are made lazily: an incremental
    /// rebuild computes only those it rewrites.
    func downloads() -> [Download] {
        let statistics = self.statistics
        func download(_ id: String, _ title: String? = nil, _ make: @escaping @Sendable () -> DataTable) -> Download {
            Download(id: id, title: title ?? strings.optional("tabel_\(id)") ?? id, make: make)
        }
        var tables = [
            download("desa-per-tahun") { statistics.desaPerTahun }, download("desa-per-provinsi") { statistics.desaPerProvinsi },
            download("desa-per-kabupaten") { statistics.desaPerKabupaten }, download("desa") { statistics.desaTerbaru },
        ]
        if statistics.hasIndikator {
            tables += [
                download("indikator-nasional") { statistics.indikatorNasional }, download("sebaran-indikator") { statistics.sebaranIndikator },
                download("cakupan-pilar") { statistics.cakupanPilar },
            ]
            tables += statistics.indikatorUtama.map { main in
                download("sebaran-\(main.id)", strings.format("tabel_sebaran", ["indikator": main.judul.in(language)])) { statistics.sebaran(main) }
            }
            for pilar in statistics.pilar where !statistics.indikator(of: pilar).isEmpty {
                let name = ["pilar": pilarName(pilar)]
                tables += [
                    download("pilar-\(pilar.id)-nasional", strings.format("tabel_pilar_nasional", name)) { statistics.indikatorNasional(pilar) },
                    download("pilar-\(pilar.id)-provinsi", strings.format("tabel_pilar_provinsi", name)) { statistics.pilarPerProvinsi(pilar) },
                    download("pilar-\(pilar.id)-desa-teratas", strings.format("tabel_pilar_desa_teratas", name)) { statistics.pilarDesaTeratas(pilar) },
                ]
            }
            let regions = registry.provinsi.map { ($0.kode, $0.nama) } + registry.kabupaten.map { ($0.kode, $0.nama) }
            tables += regions.map { kode, nama in
                download("wilayah/\(kode.digits)", strings.format("tabel_wilayah", ["wilayah": nama])) { statistics.wilayah(kode) }
            }
            tables += registry.places.map { place in
                let desa = place.desa
                return download("desa/\(desa.kode.digits)", strings.format("tabel_desa_unduhan", ["desa": desa.nama])) { statistics.desa(desa.kode) }
            }
        }
        // Every resource of the data package, as it was read: canonical CSV and JSON whatever
        // the source's format, so a CSV and the equivalent JSON publish the same bytes.
        tables += statistics.tables.map { table in
            download("sumber/\(table.resource.name)", table.resource.title.in(language)) { statistics.table(table) }
        }
        return tables
    }

    /// The resource a download was computed from: itself for a source table, the registry for
    /// counts of villages, the indicators (when there are any) for everything else.
    func origin(of id: String) -> DataResource {
        let registry = statistics.registry.resource
        if id.hasPrefix("sumber/"), let table = statistics.tables.first(where: { "sumber/\($0.resource.name)" == id }) {
            return table.resource
        }
        if id.hasPrefix("desa-per") { return registry }
        return statistics.data?.resource ?? registry
    }

    /// The resources whose data a download holds: its origin and, for tables that name villages
    /// or regions, the registry (whose names carry the region list's licence).
    func lineage(of id: String) -> [DataResource] {
        let origin = origin(of: id)
        let registry = statistics.registry.resource
        return origin == registry || id.hasPrefix("sumber/") && origin.role == nil ? [origin] : [origin, registry]
    }

    /// Under every figure, as statistical publishers do: the data sets it comes from (linked to
    /// their documentation on `/data/`) and, when any is illustrative, a mark that says so.
    func sourceLine(_ id: String) -> SourceLine {
        let lineage = lineage(of: id)
        return SourceLine(items: lineage.map { TitledLink(title: $0.title.in(language), url: localize("/data/") + "#_sumber-\($0.name)") },
                          ilustrasi: lineage.contains(where: \.ilustrasi))
    }

    /// The site path of a table's download.
    static func downloadPath(_ table: DataTable, _ format: String) -> String {
        downloadPath(id: table.id, format)
    }

    /// The site path of the download of the table with that id.
    static func downloadPath(id: String, _ format: String) -> String {
        "/data/\(id).\(format)"
    }

    /// The label of a column heading: the theme's for the generator's own columns, the data
    /// package's for indicators and the fields of its tables.
    func columnLabel(_ column: String, schema: TableSchema? = nil) -> String {
        if let field = schema?.field(column), field.title != nil { return field.label(language) }
        if let label = strings.optional("kolom_\(column)") { return label }
        if let indikator = statistics.data?.indikator(column) { return indikator.judul.in(language) }
        for prefix in ["aktif_", "persen_"] where column.hasPrefix(prefix) {
            if let name = pilarNames[String(column.dropFirst(prefix.count))] {
                return strings.format("kolom_\(prefix)pilar", ["pilar": name])
            }
        }
        return column
    }

    /// A cell as readers see it: numbers in the page's convention, ids as their labels.
    func cellText(_ value: DataTable.Value, column: String, schema: TableSchema? = nil) -> String {
        switch value {
        case .text(let text):
            if let label = schema?.field(column)?.valueLabels[text] { return label.in(language) }
            switch column {
            case "indikator": return statistics.data?.indikator(text)?.judul.in(language) ?? text
            case "pilar": return pilarNames[text] ?? text
            default: return text
            }
        case .integer(let number):
            let isYear = column == "tahun" || column == "tahun_berdiri" || column == "tahun_data" || schema?.field(column)?.type == .year
            return isYear ? String(number) : formatter.integer(number)
        case .decimal(let number):
            let text = number == number.rounded() ? formatter.integer(Int(number)) : formatter.decimal(number, fractionDigits: 1)
            return column.hasPrefix("persen_") ? strings.format("format_persen", ["angka": formatter.decimal(number, fractionDigits: 1)]) : text
        case .missing:
            return strings["nilai_kosong"]
        }
    }

    /// The HTML-table view of a table; rows are `{cells: [{text, header, numeric}]}`.
    func htmlTable(_ table: DataTable, caption: String, schema: TableSchema? = nil, link: (Int) -> String? = { _ in nil }) -> TableView {
        let numeric = table.columns.indices.map { index in
            table.rows.contains { $0[index].number != nil } && !["tahun", "peringkat"].contains(table.columns[index])
        }
        return TableView(
            caption: caption,
            headers: table.columns.enumerated().map { HeaderView(text: columnLabel($0.element, schema: schema), numeric: numeric[$0.offset]) },
            rows: table.rows.enumerated().map { rowIndex, row in
                RowView(cells: row.enumerated().map { index, value in
                    // The row's name (its second column, or the only one) links to its page.
                    let linked = index == 1 || (index == 0 && table.columns.count == 1)
                    return CellView(text: cellText(value, column: table.columns[index], schema: schema), header: index == 0, numeric: numeric[index],
                                    url: linked ? link(rowIndex) : nil)
                })
            },
            // Long tables fold into <details> so the page stays readable on a phone.
            long: table.rows.count > 12
        )
    }

    /// A figure: charts, their table, downloads.
    func figure(_ id: String, title: String, description: String, charts: [String], table: DataTable, schema: TableSchema? = nil,
                link: (Int) -> String? = { _ in nil }) -> FigureView {
        FigureView(id: id, title: title, description: description, table: htmlTable(table, caption: title, schema: schema, link: link),
                   sumber: sourceLine(table.id), csv: Self.downloadPath(table, "csv"), json: Self.downloadPath(table, "json"),
                   charts: .of(charts.map(ChartView.init)))
    }

    private func pilarName(_ pilar: Pilar) -> String { pilarNames[pilar.id] ?? pilar.id }

    private func numberFormat() -> NumberFormat {
        let formatter = self.formatter
        return { value in value == value.rounded() ? formatter.integer(Int(value)) : formatter.decimal(value, fractionDigits: 1) }
    }

    private func text(_ id: String, _ titleKey: String, _ values: [String: String] = [:], description descriptionKey: String) -> ChartText {
        ChartText(id: id, title: strings.format(titleKey, values), description: strings.format(descriptionKey, values))
    }

    private func indikatorValues(_ indikator: Indikator) -> [String: String] {
        ["indikator": indikator.judul.in(language), "satuan": indikator.satuan?.in(language) ?? ""]
    }

    // MARK: /statistik/

    /// The statistics page, section by section.
    func statistikSections() -> Sections {
        memo?.statistik { Sections(makeStatistikSections()) } ?? Sections(makeStatistikSections())
    }

    private func makeStatistikSections() -> [FigureSection] {
        var sections: [FigureSection] = []
        let format = numberFormat()
        let perYear = statistics.desaPerTahun
        let yearLabels = perYear.column("tahun").map { cellText($0, column: "tahun") }
        sections.append(FigureSection(id: "_desa-per-tahun", title: strings["stat_desa_per_tahun"], figures: [
            figure("desa-per-tahun", title: strings["stat_desa_per_tahun"], description: strings.format("stat_desa_per_tahun_uraian", ["jumlah": formatter.integer(statistics.summary.desaCount)]), charts: [
                BarChart(text: text("grafik-desa-baru", "grafik_desa_baru", description: "grafik_desa_baru_uraian"), categories: yearLabels,
                         values: perYear.column("desa_baru").map(\.number), format: format).svg(),
                LineChart(text: text("grafik-desa-kumulatif", "grafik_desa_kumulatif", description: "grafik_desa_kumulatif_uraian"), categories: yearLabels,
                          series: [LineSeries(name: strings["kolom_kumulatif"], values: perYear.column("kumulatif").map(\.number))], format: format).svg(),
            ], table: perYear),
        ]))

        let perProvinsi = statistics.desaPerProvinsi
        sections.append(FigureSection(id: "_desa-per-wilayah", title: strings["stat_desa_per_wilayah"], figures: [
            figure("desa-per-provinsi", title: strings["stat_desa_per_provinsi"], description: strings["stat_desa_per_provinsi_uraian"], charts: [
                TileMap(text: text("peta-desa-provinsi", "grafik_peta_desa", description: "grafik_peta_desa_uraian"),
                        tiles: registry.provinsi.map { .init(kode: $0.kode.digits, name: $0.nama, value: Double(registry.desa(in: $0.kode).count)) },
                        noDataLabel: strings["peta_tanpa_desa"], format: format).svg(),
                HorizontalBarChart(text: text("grafik-desa-provinsi", "grafik_desa_provinsi", description: "grafik_desa_provinsi_uraian"),
                                   categories: perProvinsi.column("provinsi").map { cellText($0, column: "provinsi") },
                                   values: perProvinsi.column("desa").map { $0.number ?? 0 }, format: format).svg(),
            ], table: perProvinsi, link: { localize(registry.path(of: registry.provinsi[$0])) }),
            kabupatenFigure(format: format),
        ]))

        guard statistics.hasIndikator else { return sections + tableSections(format: format) }
        for pilar in statistics.pilar {
            guard let main = pilar.indikatorUtama else { continue }
            sections.append(FigureSection(id: "_pilar-\(pilar.id)", title: strings.format("stat_pilar", ["pilar": pilarName(pilar)]), figures: [
                nationalFigure(pilar, format: format),
                distributionFigure(main, format: format),
            ]))
        }
        let measured = statistics.pilar.filter { !statistics.indikator(of: $0).isEmpty }
        let coverage = statistics.cakupanPilar
        sections.append(FigureSection(id: "_cakupan", title: strings["stat_cakupan"], figures: [
            figure("cakupan-pilar", title: strings["stat_cakupan"], description: strings["stat_cakupan_uraian"], charts: [
                LineChart(text: text("grafik-cakupan", "grafik_cakupan", description: "grafik_cakupan_uraian"), categories: years,
                          series: measured.map { LineSeries(name: pilarName($0), values: coverage.column("persen_\($0.id)").map(\.number)) },
                          format: { [strings, formatter] in strings.format("format_persen", ["angka": formatter.integer(Int($0))]) }).svg(),
            ], table: coverage),
        ]))
        return sections + tableSections(format: format)
    }

    private func kabupatenFigure(format: @escaping NumberFormat) -> FigureView {
        let table = statistics.desaPerKabupaten
        let ranked = table.rows.enumerated().sorted { ($0.element[3].number ?? 0, $1.offset) > ($1.element[3].number ?? 0, $0.offset) }.prefix(15)
        return figure("desa-per-kabupaten", title: strings["stat_desa_per_kabupaten"], description: strings["stat_desa_per_kabupaten_uraian"], charts: [
            HorizontalBarChart(text: text("grafik-desa-kabupaten", "grafik_desa_kabupaten", description: "grafik_desa_kabupaten_uraian"),
                               categories: ranked.map { cellText($0.element[1], column: "kabupaten") },
                               values: ranked.map { $0.element[3].number ?? 0 }, format: format).svg(),
        ], table: table, link: { localize(registry.path(of: registry.kabupaten[$0])) })
    }

    /// A pillar's national totals: one small bar chart per indicator, one table.
    func nationalFigure(_ pilar: Pilar, format: NumberFormat? = nil) -> FigureView {
        let format = format ?? numberFormat()
        let table = statistics.indikatorNasional(pilar)
        let charts = statistics.indikator(of: pilar).map { indikator in
            BarChart(text: text("grafik-nasional-\(indikator.id)", "grafik_nasional", indikatorValues(indikator), description: "grafik_nasional_uraian"),
                     categories: years, values: table.column(indikator.id).map(\.number), format: format).svg()
        }
        return figure("nasional-\(pilar.id)", title: strings.format("stat_nasional", ["pilar": pilarName(pilar)]),
                      description: strings["stat_nasional_uraian"], charts: charts, table: table)
    }

    private func distributionFigure(_ indikator: Indikator, format: @escaping NumberFormat) -> FigureView {
        let table = statistics.sebaran(indikator)
        let values = indikatorValues(indikator)
        return figure("sebaran-\(indikator.id)", title: strings.format("stat_sebaran", values), description: strings["stat_sebaran_uraian"], charts: [
            LineChart(text: text("grafik-sebaran-\(indikator.id)", "grafik_sebaran", values, description: "grafik_sebaran_uraian"),
                      categories: table.column("tahun").map { cellText($0, column: "tahun") },
                      series: [LineSeries(name: strings["kolom_median"], values: table.column("median").map(\.number))],
                      band: (strings["grafik_rentang_kuartil"], table.column("q1").map(\.number), table.column("q3").map(\.number)),
                      format: format).svg(),
        ], table: table)
    }

    /// A section per data package table that declares a chart: one bar per row, the table
    /// beside it, titled and described as the package describes the resource.
    private func tableSections(format: @escaping NumberFormat) -> [FigureSection] {
        statistics.tables.compactMap { source -> FigureSection? in
            guard let chart = source.resource.chart else { return nil }
            let table = statistics.table(source)
            let schema = source.resource.schema
            let title = source.resource.title.in(language)
            let description = source.resource.description?.in(language) ?? ""
            let valueField = schema.field(chart.value)
            let total = table.column(chart.value).compactMap(\.number).reduce(0, +)
            let chartText = ChartText(id: "grafik-\(source.resource.name)", title: title,
                                      description: strings.format("grafik_tabel_uraian", [
                                          "kategori": columnLabel(chart.category, schema: schema), "nilai": valueField?.label(language) ?? chart.value,
                                          "jumlah": format(total),
                                      ]))
            return FigureSection(id: "_tabel-\(source.resource.name)", title: title, figures: [
                figure("tabel-\(source.resource.name)", title: title, description: description, charts: [
                    HorizontalBarChart(text: chartText,
                                       categories: table.column(chart.category).map { cellText($0, column: chart.category, schema: schema) },
                                       values: table.column(chart.value).map { $0.number ?? 0 }, format: format).svg(),
                ], table: table, schema: schema),
            ])
        }
    }

    // MARK: Pillar, region and village pages

    /// A pillar page's figures: national totals, the main indicator by province, most active villages.
    func pilarFigures(_ pilar: Pilar) -> List {
        memo?.pilar(pilar.id) { List(.of(makePilarFigures(pilar))) } ?? List(.of(makePilarFigures(pilar)))
    }

    private func makePilarFigures(_ pilar: Pilar) -> [FigureView] {
        guard statistics.hasIndikator, let main = pilar.indikatorUtama else { return [] }
        let format = numberFormat()
        let perProvinsi = statistics.pilarPerProvinsi(pilar)
        let latest = String(statistics.latestYear)
        let values = indikatorValues(main).merging(["tahun": latest]) { $1 }
        let top = statistics.pilarDesaTeratas(pilar)
        let topKodes = (statistics.topDesa[pilar.id] ?? []).map(\.kode)
        return [
            nationalFigure(pilar, format: format),
            figure("pilar-provinsi", title: strings.format("stat_pilar_provinsi", values), description: strings["stat_pilar_provinsi_uraian"], charts: [
                TileMap(text: text("peta-pilar", "grafik_peta_indikator", values, description: "grafik_peta_indikator_uraian"),
                        tiles: registry.provinsi.map { .init(kode: $0.kode.digits, name: $0.nama, value: statistics.wilayahTotals[$0.kode]?[main.urutan][statistics.latestYear]) },
                        noDataLabel: strings["peta_tanpa_desa"], format: format).svg(),
            ], table: perProvinsi, link: { localize(registry.path(of: registry.provinsi[$0])) }),
            figure("pilar-teratas", title: strings.format("stat_pilar_teratas", values), description: strings.format("stat_pilar_teratas_uraian", values), charts: top.rows.isEmpty ? [] : [
                HorizontalBarChart(text: text("grafik-teratas", "grafik_teratas", values, description: "grafik_teratas_uraian"),
                                   categories: top.column("desa").map { cellText($0, column: "desa") },
                                   values: top.column(main.id).map { $0.number ?? 0 }, format: format).svg(),
            ], table: top, link: { index in registry.desa(topKodes[index]).map { localize(registry.path(of: $0)) } }),
        ]
    }

    /// A province or regency page's figure: villages in the program and each pillar's main
    /// indicator per year.
    func wilayahFigure(_ region: KodeWilayah, name: String) -> Single {
        memo?.wilayah(region) { Single(makeWilayahFigure(region, name: name)) } ?? Single(makeWilayahFigure(region, name: name))
    }

    private func makeWilayahFigure(_ region: KodeWilayah, name: String) -> FigureView? {
        guard statistics.hasIndikator else { return nil }
        let format = numberFormat()
        let table = statistics.wilayah(region)
        let charts = statistics.pilar.compactMap { pilar in
            pilar.indikatorUtama.map { main in
                BarChart(text: text("grafik-wilayah-\(pilar.id)", "grafik_wilayah", indikatorValues(main).merging(["wilayah": name]) { $1 }, description: "grafik_wilayah_uraian"),
                         categories: years, values: table.column(main.id).map(\.number), format: format).svg()
            }
        }
        return figure("wilayah", title: strings.format("stat_wilayah", ["wilayah": name]), description: strings["stat_wilayah_uraian"], charts: charts, table: table)
    }

    /// A village page's figures, one per pillar: the main indicator against the medians of the
    /// village's regency, province and the country, and a table of all the pillar's indicators.
    func desaFigures(_ place: DesaPlace) -> List {
        memo?.desa(place.desa.kode) { List(.of(makeDesaFigures(place))) } ?? List(.of(makeDesaFigures(place)))
    }

    private func makeDesaFigures(_ place: DesaPlace) -> [FigureView] {
        guard statistics.hasIndikator else { return [] }
        let desa = place.desa
        let format = numberFormat()
        let full = statistics.desa(desa.kode)
        let tableYears = Array(Set(full.column("tahun").compactMap(\.number).map(Int.init))).sorted()
        guard !tableYears.isEmpty else { return [] }
        let kabupaten = place.kabupaten.nama
        let provinsi = place.provinsi.nama
        // The download is long (a row per year and indicator); index it once for the wide tables.
        var rowOf: [Int: [String: Int]] = [:]
        for (index, row) in full.rows.enumerated() {
            if case .integer(let year) = row[0], case .text(let id) = row[1] { rowOf[year, default: [:]][id] = index }
        }
        let columnIndex = Dictionary(uniqueKeysWithValues: full.columns.enumerated().map { ($1, $0) })
        func value(_ year: Int, _ indikator: Indikator, _ column: String) -> DataTable.Value {
            rowOf[year]?[indikator.id].flatMap { row in columnIndex[column].map { full.rows[row][$0] } } ?? .missing
        }
        return statistics.pilar.compactMap { pilar -> FigureView? in
            guard let main = pilar.indikatorUtama else { return nil }
            let indicators = statistics.indikator(of: pilar)
            // The pillar's slice of the village's download, laid out wide: years down, indicators across.
            let table = DataTable(id: full.id, columns: ["tahun"] + indicators.map(\.id) + ["median_kabupaten", "median_provinsi", "median_nasional"],
                                  rows: tableYears.map { year in
                [.integer(year)] + indicators.map { value(year, $0, "desa") }
                    + ["median_kabupaten", "median_provinsi", "median_nasional"].map { value(year, main, $0) }
            })
            let labels = indikatorValues(main).merging(["desa": desa.nama]) { $1 }
            let chart = LineChart(
                text: text("grafik-desa-\(pilar.id)", "grafik_desa", labels, description: "grafik_desa_uraian"),
                categories: tableYears.map(String.init),
                series: [
                    LineSeries(name: desa.nama, values: table.column(main.id).map(\.number)),
                    LineSeries(name: strings.format("median_wilayah", ["wilayah": kabupaten]), values: table.column("median_kabupaten").map(\.number)),
                    LineSeries(name: strings.format("median_wilayah", ["wilayah": provinsi]), values: table.column("median_provinsi").map(\.number)),
                    LineSeries(name: strings["median_nasional"], values: table.column("median_nasional").map(\.number)),
                ],
                format: format
            )
            var result = figure("desa-\(pilar.id)", title: pilarName(pilar), description: strings.format("stat_desa_uraian", labels), charts: [chart.svg()], table: table)
            result.table = htmlTable(table, caption: strings.format("stat_desa_tabel", ["pilar": pilarName(pilar), "desa": desa.nama]))
            return result
        }
    }
}
