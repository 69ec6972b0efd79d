import Content

/// The program's figures laid out as tables: what `/statistik/`, the pillar, region and village
/// pages chart and list, and what `/data/` offers as CSV and JSON. Column names are stable,
/// machine-readable ids: fixed ones are labelled by the theme, indicator ids by the package.
extension ProgramStatistics {
    /// Villages established per year and the running total.
    public var desaPerTahun: DataTable {
        DataTable(id: "desa-per-tahun", columns: ["tahun", "desa_baru", "kumulatif"], rows: summary.perYear.map {
            [.integer($0.tahun), .integer($0.value), .integer($0.cumulative)]
        })
    }

    /// Villages and regencies per province, by province code.
    public var desaPerProvinsi: DataTable {
        DataTable(id: "desa-per-provinsi", columns: ["kode_provinsi", "provinsi", "desa", "kabupaten"], rows: registry.provinsi.map {
            [.text($0.kode.dotted), .text($0.nama), .integer(registry.desa(in: $0.kode).count), .integer(registry.kabupaten(in: $0.kode).count)]
        })
    }

    /// Villages per regency, by regency code.
    public var desaPerKabupaten: DataTable {
        DataTable(id: "desa-per-kabupaten", columns: ["kode_kabupaten", "kabupaten", "provinsi", "desa"], rows: registry.kabupaten.map {
            [.text($0.kode.dotted), .text($0.nama), .text(registry.nama(of: $0.provinsi)), .integer(registry.desa(in: $0.kode).count)]
        })
    }

    /// National figures of every indicator per reporting year.
    public var indikatorNasional: DataTable {
        indikatorNasional(indikator, id: "indikator-nasional")
    }

    /// National figures of one pillar's indicators per reporting year.
    public func indikatorNasional(_ pilar: Pilar) -> DataTable {
        indikatorNasional(indikator(of: pilar), id: "pilar-\(pilar.id)-nasional")
    }

    private func indikatorNasional(_ indicators: [Indikator], id: String) -> DataTable {
        DataTable(id: id, columns: ["tahun"] + indicators.map(\.id), rows: years.map { year in
            [.integer(year)] + indicators.map { nationalTotals[$0.urutan][year].map(DataTable.Value.amount) ?? .missing }
        })
    }

    /// The spread of every indicator across reporting villages, per year.
    public var sebaranIndikator: DataTable {
        var rows: [[DataTable.Value]] = []
        for indikator in indikator {
            for year in years {
                guard let spread = distributions[indikator.urutan][year] else { continue }
                rows.append(sebaranRow(indikator, year, spread))
            }
        }
        return DataTable(id: "sebaran-indikator", columns: Self.sebaranColumns, rows: rows)
    }

    private static let sebaranColumns = ["indikator", "tahun", "desa_melapor", "minimum", "q1", "median", "q3", "maksimum"]

    private func sebaranRow(_ indikator: Indikator, _ year: Int, _ spread: Distribution) -> [DataTable.Value] {
        [.text(indikator.id), .integer(year), .integer(spread.count), .decimal(spread.minimum),
         .decimal(spread.q1), .decimal(spread.median), .decimal(spread.q3), .decimal(spread.maximum)]
    }

    /// The spread of one indicator per year (a slice of `sebaranIndikator`).
    public func sebaran(_ indikator: Indikator) -> DataTable {
        DataTable(id: "sebaran-\(indikator.id)", columns: Array(Self.sebaranColumns.dropFirst()), rows: years.compactMap { year in
            distributions[indikator.urutan][year].map { Array(sebaranRow(indikator, year, $0).dropFirst()) }
        })
    }

    /// Villages active in each pillar per year, beside the villages established by then.
    public var cakupanPilar: DataTable {
        let measured = pilar.filter { !indikator(of: $0).isEmpty }
        let columns = ["tahun", "desa_berdiri"] + measured.map { "aktif_" + $0.id } + measured.map { "persen_" + $0.id }
        return DataTable(id: "cakupan-pilar", columns: columns, rows: years.map { year in
            let established = establishedBy[year] ?? 0
            let active = measured.map { activeDesa[$0.id]?[year] ?? 0 }
            return [.integer(year), .integer(established)] + active.map { .integer($0) }
                + active.map { established == 0 ? .missing : .decimal(Double($0) * 100 / Double(established)) }
        })
    }

    /// One pillar's indicators per province in the latest year.
    public func pilarPerProvinsi(_ pilar: Pilar) -> DataTable {
        let indicators = indikator(of: pilar)
        return DataTable(id: "pilar-\(pilar.id)-provinsi", columns: ["kode_provinsi", "provinsi"] + indicators.map(\.id), rows: registry.provinsi.map { provinsi in
            [.text(provinsi.kode.dotted), .text(provinsi.nama)] + indicators.map { indikator in
                wilayahTotals[provinsi.kode]?[indikator.urutan][latestYear].map(DataTable.Value.amount) ?? .missing
            }
        })
    }

    /// The villages most active in a pillar, by its main indicator summed over all years.
    public func pilarDesaTeratas(_ pilar: Pilar) -> DataTable {
        let ranked = topDesa[pilar.id] ?? []
        return DataTable(id: "pilar-\(pilar.id)-desa-teratas", columns: ["peringkat", "kode", "desa", "kabupaten", "provinsi", pilar.indikatorUtama?.id ?? "jumlah"],
                         rows: ranked.enumerated().compactMap { index, entry in
            guard let desa = registry.desa(entry.kode) else { return nil }
            return [.integer(index + 1), .text(desa.kode.dotted), .text(desa.nama), .text(registry.nama(of: desa.kabupaten)),
                    .text(registry.nama(of: desa.provinsi)), .amount(entry.total)]
        })
    }

    /// The pillars' main indicators, in pillar order (pillars without indicators left out).
    public var indikatorUtama: [Indikator] { pilar.compactMap(\.indikatorUtama) }

    /// A province's or regency's aggregates per reporting year: villages in the program by then
    /// and each pillar's main indicator.
    public func wilayah(_ region: KodeWilayah) -> DataTable {
        let villages = registry.desa(in: region)
        let main = indikatorUtama
        return DataTable(id: "wilayah/\(region.digits)", columns: ["tahun", "desa"] + main.map(\.id), rows: years.map { year in
            [.integer(year), .integer(villages.filter { $0.tahunBerdiri <= year }.count)] + main.map { indikator in
                wilayahTotals[region]?[indikator.urutan][year].map(DataTable.Value.amount) ?? .missing
            }
        })
    }

    /// One village's indicators per year beside the medians of its regency, province and country.
    public func desa(_ kode: KodeWilayah) -> DataTable {
        let columns = ["tahun", "indikator", "desa", "median_kabupaten", "median_provinsi", "median_nasional"]
        guard let desa = registry.desa(kode) else { return DataTable(id: "desa/\(kode.digits)", columns: columns, rows: []) }
        let own = series(of: kode)
        var rows: [[DataTable.Value]] = []
        for year in years where year >= desa.tahunBerdiri {
            for indikator in indikator {
                rows.append([
                    .integer(year), .text(indikator.id),
                    own[indikator.urutan][year].map(DataTable.Value.amount) ?? .missing,
                    wilayahMedians[desa.kabupaten]?[indikator.urutan][year].map { .decimal($0) } ?? .missing,
                    wilayahMedians[desa.provinsi]?[indikator.urutan][year].map { .decimal($0) } ?? .missing,
                    nationalMedian(indikator, year).map { .decimal($0) } ?? .missing,
                ])
            }
        }
        return DataTable(id: "desa/\(kode.digits)", columns: columns, rows: rows)
    }

    /// Every village with its codes, names, year of establishment and latest indicator values.
    public var desaTerbaru: DataTable {
        let columns = ["kode", "desa", "kode_kecamatan", "kecamatan", "kode_kabupaten", "kabupaten", "kode_provinsi", "provinsi", "tahun_berdiri"]
            + (hasIndikator ? ["tahun_data"] + indikator.map(\.id) : [])
        return DataTable(id: "desa", columns: columns, rows: registry.places.map { place in
            let desa = place.desa
            let base: [DataTable.Value] = [
                .text(desa.kode.dotted), .text(desa.nama), .text(desa.kecamatan.kode.dotted), .text(desa.kecamatan.nama),
                .text(desa.kabupaten.dotted), .text(registry.nama(of: desa.kabupaten)), .text(desa.provinsi.dotted),
                .text(registry.nama(of: desa.provinsi)), .integer(desa.tahunBerdiri),
            ]
            guard hasIndikator else { return base }
            let own = series(of: desa.kode)
            let latest = own.flatMap(\.keys).max()
            return base + [latest.map { .integer($0) } ?? .missing] + indikator.map { indikator in
                latest.flatMap { own[indikator.urutan][$0] }.map(DataTable.Value.amount) ?? .missing
            }
        })
    }

    /// A table of the package as it is published: its fields as columns, its rows typed; only
    /// the first `rows` when a preview needs no more.
    public func table(_ table: Table, rows limit: Int? = nil) -> DataTable {
        let rows = limit.map { table.rows.prefix($0) } ?? table.rows[...]
        return DataTable(id: "sumber/\(table.resource.name)", columns: table.resource.schema.fields.map(\.name), rows: rows.map { row in
            row.map(DataTable.Value.init)
        })
    }
}

extension DataTable.Value {
    /// A computed amount: whole numbers as integers (`12`), others as decimals (`12.5`).
    public static func amount(_ value: Double) -> DataTable.Value {
        value == value.rounded() && abs(value) < 9e15 ? .integer(Int(value)) : .decimal(value)
    }

    /// A value read from a data file.
    public init(_ value: TableValue) {
        switch value {
        case .string(let text): self = .text(text)
        case .integer(let number), .year(let number): self = .integer(number)
        case .number(let number): self = .decimal(number)
        case .boolean, .date: self = .text(value.canonical)
        case .missing: self = .missing
        }
    }
}
