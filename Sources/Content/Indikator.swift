/// The indicators reported for each pillar. No official per-pillar set is published; this is the
/// program's defensible schema (see DOMAIN.md), one number per village per year each.
public enum Indikator: String, Sendable, CaseIterable, Comparable {
    case cpmiDilayani = "cpmi_dilayani"
    case sesiInformasi = "sesi_informasi"
    case dokumenDiverifikasi = "dokumen_diverifikasi"
    case kasusDitangani = "kasus_ditangani"
    case pesertaPelatihan = "peserta_pelatihan"
    case usahaBerjalan = "usaha_berjalan"
    case bantuanPeralatan = "bantuan_peralatan"
    case anakDidampingi = "anak_didampingi"
    case pengasuhDilatih = "pengasuh_dilatih"
    case sesiPengasuhan = "sesi_pengasuhan"
    case koperasiBumdes = "koperasi_bumdes"
    case anggotaKoperasi = "anggota_koperasi"
    case modalKoperasi = "modal_koperasi"

    /// The id used in data files, URLs and downloads.
    public var id: String { rawValue }

    /// The pillar the indicator measures.
    public var pilar: Pilar {
        switch self {
        case .cpmiDilayani, .sesiInformasi, .dokumenDiverifikasi, .kasusDitangani: return .pusatLayananMigrasi
        case .pesertaPelatihan, .usahaBerjalan, .bantuanPeralatan: return .usahaProduktif
        case .anakDidampingi, .pengasuhDilatih, .sesiPengasuhan: return .communityParenting
        case .koperasiBumdes, .anggotaKoperasi, .modalKoperasi: return .koperasi
        }
    }

    /// The unit's key in the theme's strings (`satuan_orang`, ...).
    public var satuan: String {
        switch self {
        case .cpmiDilayani, .pesertaPelatihan, .pengasuhDilatih, .anggotaKoperasi: return "orang"
        case .sesiInformasi, .sesiPengasuhan: return "sesi"
        case .dokumenDiverifikasi: return "dokumen"
        case .kasusDitangani: return "kasus"
        case .usahaBerjalan: return "usaha"
        case .bantuanPeralatan: return "paket"
        case .anakDidampingi: return "anak"
        case .koperasiBumdes: return "lembaga"
        case .modalKoperasi: return "juta_rupiah"
        }
    }

    /// The indicator that stands for the pillar in charts with one line per region.
    public var isMain: Bool { Pilar.allCases.contains { $0.mainIndikator == self } }

    /// The indicators of one pillar, in schema order.
    public static func of(_ pilar: Pilar) -> [Indikator] { allCases.filter { $0.pilar == pilar } }

    /// Every indicator id, for hints.
    public static var ids: [String] { allCases.map(\.id) }

    public static func < (lhs: Indikator, rhs: Indikator) -> Bool {
        allCases.firstIndex(of: lhs)! < allCases.firstIndex(of: rhs)!
    }
}

extension Pilar {
    /// The indicator that stands for the pillar where only one fits.
    public var mainIndikator: Indikator {
        switch self {
        case .pusatLayananMigrasi: return .cpmiDilayani
        case .usahaProduktif: return .usahaBerjalan
        case .communityParenting: return .anakDidampingi
        case .koperasi: return .anggotaKoperasi
        }
    }
}

/// The years indicators are reported for.
public enum IndicatorYears {
    /// Reporting starts with the first full cohort (2017) and runs to the evaluation year.
    public static let range = 2017...2024
}

/// One village's indicator values for one year. An indicator absent from the map was not reported.
public struct IndikatorRow: Sendable, Hashable {
    /// The village.
    public let kode: KodeWilayah
    /// The year.
    public let tahun: Int
    /// The reported values.
    public let values: [Indikator: Int]

    /// Creates a row.
    public init(kode: KodeWilayah, tahun: Int, values: [Indikator: Int]) {
        self.kode = kode
        self.tahun = tahun
        self.values = values
    }
}

/// The indicator data set (`content/data/indikator.json`), checked against the registry.
public struct IndicatorData: Sendable {
    /// The file's provenance.
    public let meta: DataSetMeta
    /// Every row, sorted by village code then year.
    public let rows: [IndikatorRow]

    /// Creates a data set from rows (sorted here).
    public init(meta: DataSetMeta, rows: [IndikatorRow]) {
        self.meta = meta
        self.rows = rows.sorted { ($0.kode, $0.tahun) < ($1.kode, $1.tahun) }
    }

    /// Decodes the file, reporting unknown indicators, negative or fractional counts, years outside
    /// the reporting period or before the village joined, villages missing from the registry, and
    /// a village reported twice for one year.
    public static func decode(_ text: String, file: String, registry: Registry, diagnostics: inout Diagnostics) -> IndicatorData? {
        guard let data = DataFile.parse(text, file: file, diagnostics: &diagnostics) else { return nil }
        var reader = JSONFieldReader(file: file)
        var rows: [IndikatorRow] = []
        var seen: [String: SourcePosition] = [:]
        for node in data.rows {
            guard let members = node.members else {
                reader.diagnostics.error(file, node.position, "baris indikator harus berupa objek, bukan \(node.kindName)")
                continue
            }
            var kode: KodeWilayah?
            var tahun: Int?
            var values: [Indikator: Int] = [:]
            var rowOK = true
            for member in members {
                switch member.key {
                case "kode":
                    kode = reader.kode(member.value, key: "kode", digits: 10)
                    if let found = kode, registry.desa(found) == nil {
                        reader.diagnostics.error(file, member.value.position, "desa \(found) tidak ada di registri desa", hint: "data indikator hanya untuk desa yang ada di content/data/desa.json")
                        kode = nil
                    }
                case "tahun":
                    tahun = reader.integer(member.value, key: "tahun")
                    if let year = tahun, !IndicatorYears.range.contains(year) {
                        reader.diagnostics.error(file, member.value.position, "tahun \(year) di luar masa pelaporan (\(IndicatorYears.range.lowerBound)–\(IndicatorYears.range.upperBound))")
                        tahun = nil
                    }
                default:
                    guard let indikator = Indikator(rawValue: member.key) else {
                        reader.diagnostics.error(file, member.keyPosition, "indikator tidak dikenal \"\(member.key)\"", hint: Suggestion.hint(for: member.key, in: Indikator.ids))
                        rowOK = false
                        continue
                    }
                    if member.value.kindName == "null" { continue }
                    guard let value = reader.integer(member.value, key: member.key) else {
                        rowOK = false
                        continue
                    }
                    guard value >= 0 else {
                        reader.diagnostics.error(file, member.value.position, "nilai \"\(member.key)\" tidak boleh negatif (\(value))")
                        rowOK = false
                        continue
                    }
                    values[indikator] = value
                }
            }
            for key in ["kode", "tahun"] where !members.contains(where: { $0.key == key }) {
                reader.diagnostics.error(file, node.position, "baris indikator tidak punya kunci wajib \"\(key)\"")
            }
            guard rowOK, let kode, let tahun else { continue }
            let desa = registry.desa(kode)!
            if tahun < desa.tahunBerdiri {
                reader.diagnostics.error(file, node.position, "desa \(kode) (\(desa.nama)) baru berdiri tahun \(desa.tahunBerdiri), tetapi punya data tahun \(tahun)",
                                         hint: "data desa hanya ada sejak tahun berdirinya")
                continue
            }
            let key = "\(kode.digits)/\(tahun)"
            if let first = seen[key] {
                reader.diagnostics.error(file, node.position, "desa \(kode) tahun \(tahun) sudah tercatat di baris \(first.line)")
                continue
            }
            seen[key] = node.position
            rows.append(IndikatorRow(kode: kode, tahun: tahun, values: values))
        }
        diagnostics.add(contentsOf: reader.diagnostics.all)
        return reader.diagnostics.hasErrors ? nil : IndicatorData(meta: data.meta, rows: rows)
    }
}
