import Content

/// The program's figures laid out as tables: what `/statistik/`, the pillar, region and village
/// pages chart and list, and what `/data/` offers as CSV and JSON. Column names are stable,
/// machine-readable ids; their labels come from the theme.
extension ProgramStatistics {
    /// Villages established per year and the running total (2016–2022).
    public var desaPerTahun: DataTable {
        DataTable(id: "desa-per-tahun", columns: ["tahun", "desa_baru", "kumulatif"], rows: summary.perYear.map {
            [.integer(Int($0.label)!), .integer($0.value), .integer($0.cumulative)]
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
            [.text($0.kode.dotted), .text($0.nama), .text(registry.provinsi($0.provinsi)!.nama), .integer(registry.desa(in: $0.kode).count)]
        })
    }

    /// National totals of every indicator per reporting year.
    public var indikatorNasional: DataTable {
        indikatorNasional(Indikator.allCases, id: "indikator-nasional")
    }

    /// National totals of one pillar's indicators per reporting year.
    public func indikatorNasional(_ pilar: Pilar) -> DataTable {
        indikatorNasional(Indikator.of(pilar), id: "pilar-\(pilar.id)-nasional")
    }

    private func indikatorNasional(_ indicators: [Indikator], id: String) -> DataTable {
        DataTable(id: id, columns: ["tahun"] + indicators.map(\.id), rows: years.map { year in
            [.integer(year)] + indicators.map { indikator in
                nationalTotals[indikator]?[year].map { .integer($0) } ?? .missing
            }
        })
    }

    /// The spread of every indicator across reporting villages, per year.
    public var sebaranIndikator: DataTable {
        var rows: [[DataTable.Value]] = []
        for indikator in Indikator.allCases {
            for year in years {
                guard let spread = distributions[indikator]?[year] else { continue }
                rows.append([.text(indikator.id), .integer(year), .integer(spread.count), .decimal(spread.minimum),
                             .decimal(spread.q1), .decimal(spread.median), .decimal(spread.q3), .decimal(spread.maximum)])
            }
        }
        return DataTable(id: "sebaran-indikator", columns: ["indikator", "tahun", "desa_melapor", "minimum", "q1", "median", "q3", "maksimum"], rows: rows)
    }

    /// The spread of one indicator per year (a slice of `sebaranIndikator`).
    public func sebaran(_ indikator: Indikator) -> DataTable {
        let full = sebaranIndikator
        return DataTable(id: "sebaran-\(indikator.id)", columns: Array(full.columns.dropFirst()),
                         rows: full.rows.filter { $0[0] == .text(indikator.id) }.map { Array($0.dropFirst()) })
    }

    /// Villages active in each pillar per year, beside the villages established by then.
    public var cakupanPilar: DataTable {
        let columns = ["tahun", "desa_berdiri"] + Pilar.allCases.map { "aktif_" + $0.id } + Pilar.allCases.map { "persen_" + $0.id }
        return DataTable(id: "cakupan-pilar", columns: columns, rows: years.map { year in
            let established = establishedBy[year] ?? 0
            let active = Pilar.allCases.map { activeVillages[$0]?[year] ?? 0 }
            return [.integer(year), .integer(established)] + active.map { .integer($0) }
                + active.map { established == 0 ? .missing : .decimal(Double($0) * 100 / Double(established)) }
        })
    }

    /// Focus group participants of the 2024 evaluation by role.
    public var evaluasiPeserta: DataTable {
        DataTable(id: "evaluasi-peserta", columns: ["peran", "jumlah"], rows: (evaluation?.peserta ?? []).map {
            [.text($0.peran.rawValue), .integer($0.jumlah)]
        })
    }

    /// Evaluation verdicts per pillar: villages per result.
    public var evaluasiHasil: DataTable {
        DataTable(id: "evaluasi-hasil", columns: ["pilar"] + HasilEvaluasi.allCases.map { $0.rawValue.replacingOccurrences(of: "-", with: "_") },
                  rows: evaluationResults.isEmpty ? [] : Pilar.allCases.map { pilar in
            [.text(pilar.id)] + HasilEvaluasi.allCases.map { .integer(evaluationResults[pilar]?[$0] ?? 0) }
        })
    }

    /// One pillar's indicators per province in the latest year.
    public func pilarPerProvinsi(_ pilar: Pilar) -> DataTable {
        let indicators = Indikator.of(pilar)
        return DataTable(id: "pilar-\(pilar.id)-provinsi", columns: ["kode_provinsi", "provinsi"] + indicators.map(\.id), rows: registry.provinsi.map { provinsi in
            [.text(provinsi.kode.dotted), .text(provinsi.nama)] + indicators.map { indikator in
                regionTotals[provinsi.kode]?[indikator]?[latestYear].map { .integer($0) } ?? .missing
            }
        })
    }

    /// The villages most active in a pillar, by its main indicator summed over all years.
    public func pilarDesaTeratas(_ pilar: Pilar) -> DataTable {
        let ranked = topDesa[pilar] ?? []
        return DataTable(id: "pilar-\(pilar.id)-desa-teratas", columns: ["peringkat", "kode", "desa", "kabupaten", "provinsi", pilar.mainIndikator.id],
                         rows: ranked.enumerated().map { index, entry in
            let desa = registry.desa(entry.kode)!
            return [.integer(index + 1), .text(desa.kode.dotted), .text(desa.nama), .text(registry.kabupaten(desa.kabupaten)!.nama),
                    .text(registry.provinsi(desa.provinsi)!.nama), .integer(entry.total)]
        })
    }

    /// A province's or regency's aggregates per reporting year: villages in the program by then
    /// and the totals of each pillar's main indicator.
    public func wilayah(_ region: KodeWilayah) -> DataTable {
        let villages = registry.desa(in: region)
        let main = Pilar.allCases.map(\.mainIndikator)
        return DataTable(id: "wilayah/\(region.digits)", columns: ["tahun", "desa"] + main.map(\.id), rows: years.map { year in
            [.integer(year), .integer(villages.filter { $0.tahunBerdiri <= year }.count)] + main.map { indikator in
                regionTotals[region]?[indikator]?[year].map { .integer($0) } ?? .missing
            }
        })
    }

    /// One village's indicators per year beside the medians of its regency, province and country.
    public func desa(_ kode: KodeWilayah) -> DataTable {
        guard let desa = registry.desa(kode) else { return DataTable(id: "desa/\(kode.digits)", columns: [], rows: []) }
        let own = series(of: kode)
        var rows: [[DataTable.Value]] = []
        for year in years where year >= desa.tahunBerdiri {
            for indikator in Indikator.allCases {
                rows.append([
                    .integer(year), .text(indikator.id),
                    own[indikator]?[year].map { .integer($0) } ?? .missing,
                    regionMedians[desa.kabupaten]?[indikator]?[year].map { .decimal($0) } ?? .missing,
                    regionMedians[desa.provinsi]?[indikator]?[year].map { .decimal($0) } ?? .missing,
                    nationalMedian(indikator, year).map { .decimal($0) } ?? .missing,
                ])
            }
        }
        return DataTable(id: "desa/\(kode.digits)", columns: ["tahun", "indikator", "desa", "median_kabupaten", "median_provinsi", "median_nasional"], rows: rows)
    }

    /// Every village with its codes, names, year of establishment and latest indicator values.
    public var desaTerbaru: DataTable {
        let columns = ["kode", "desa", "kode_kecamatan", "kecamatan", "kode_kabupaten", "kabupaten", "kode_provinsi", "provinsi", "tahun_berdiri", "tahun_data"]
            + Indikator.allCases.map(\.id)
        return DataTable(id: "desa", columns: columns, rows: registry.desa.map { desa in
            let own = series(of: desa.kode)
            let latest = own.values.flatMap(\.keys).max()
            let base: [DataTable.Value] = [
                .text(desa.kode.dotted), .text(desa.nama), .text(desa.kecamatan.kode.dotted), .text(desa.kecamatan.nama),
                .text(desa.kabupaten.dotted), .text(registry.kabupaten(desa.kabupaten)!.nama), .text(desa.provinsi.dotted),
                .text(registry.provinsi(desa.provinsi)!.nama), .integer(desa.tahunBerdiri), latest.map { .integer($0) } ?? .missing,
            ]
            return base + Indikator.allCases.map { indikator in
                latest.flatMap { own[indikator]?[$0] }.map { .integer($0) } ?? .missing
            }
        })
    }
}
