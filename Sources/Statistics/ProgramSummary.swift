import Content

/// A count for one label, with its running total where that makes sense.
public struct Count: Sendable, Hashable {
    /// What is counted: a year, a province name.
    public let label: String
    /// How many.
    public let value: Int
    /// The sum of this and every earlier entry.
    public let cumulative: Int
}

/// New villages in one year of establishment, and the running total.
public struct YearCount: Sendable, Hashable {
    /// The year.
    public let tahun: Int
    /// Villages that joined that year.
    public let value: Int
    /// Villages that had joined by the end of that year.
    public let cumulative: Int
    /// The year as text.
    public var label: String { String(tahun) }
}

/// The program at a glance, computed once from the registry.
public struct ProgramSummary: Sendable {
    /// Villages in the registry.
    public let desaCount: Int
    /// Districts with at least one village.
    public let kecamatanCount: Int
    /// Regencies with at least one village.
    public let kabupatenCount: Int
    /// Provinces with at least one village.
    public let provinsiCount: Int
    /// New villages per year of establishment, every year of the registry's span listed (a year
    /// with none too).
    public let perYear: [YearCount]
    /// Villages per province, most first (ties by province code).
    public let perProvinsi: [Count]

    /// Aggregates the registry.
    public init(registry: Registry) {
        desaCount = registry.places.count
        kecamatanCount = Set(registry.places.map(\.desa.kecamatan.kode)).count
        kabupatenCount = registry.kabupaten.count
        provinsiCount = registry.provinsi.count

        var byYear: [Int: Int] = [:]
        for place in registry.places { byYear[place.desa.tahunBerdiri, default: 0] += 1 }
        var running = 0
        perYear = registry.tahunBerdiri.map { year in
            running += byYear[year, default: 0]
            return YearCount(tahun: year, value: byYear[year, default: 0], cumulative: running)
        }

        var byProvinsi: [KodeWilayah: Int] = [:]
        for place in registry.places { byProvinsi[place.desa.provinsi, default: 0] += 1 }
        let ordered = registry.provinsi.sorted { (byProvinsi[$0.kode, default: 0], $1.kode) > (byProvinsi[$1.kode, default: 0], $0.kode) }
        running = 0
        perProvinsi = ordered.map { provinsi in
            running += byProvinsi[provinsi.kode, default: 0]
            return Count(label: provinsi.nama, value: byProvinsi[provinsi.kode, default: 0], cumulative: running)
        }
    }
}
