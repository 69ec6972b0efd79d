/// A province (provinsi) that has Desmigratif villages.
public struct Provinsi: Sendable, Hashable {
    /// Kemendagri code, two digits.
    public let kode: KodeWilayah
    /// Official name: "Jawa Barat".
    public let nama: String
    /// URL segment: "jawa-barat".
    public let slug: String
}

/// A regency or city (kabupaten/kota) that has Desmigratif villages.
public struct Kabupaten: Sendable, Hashable {
    /// Kemendagri code, four digits.
    public let kode: KodeWilayah
    /// Official name with its kind: "Kabupaten Indramayu", "Kota Batu".
    public let nama: String
    /// URL segment: "indramayu" for a kabupaten, "kota-batu" for a kota.
    public let slug: String
    /// The province it lies in.
    public let provinsi: KodeWilayah
}

/// A district (kecamatan).
public struct Kecamatan: Sendable, Hashable {
    /// Kemendagri code, six digits.
    public let kode: KodeWilayah
    /// Official name.
    public let nama: String
}

/// A Desmigratif village from the registry.
public struct Desa: Sendable, Hashable {
    /// Kemendagri code, ten digits.
    public let kode: KodeWilayah
    /// Official village name, exactly as registered (quotes and all: `Soka"an`).
    public let nama: String
    /// The district it lies in.
    public let kecamatan: Kecamatan
    /// The regency code.
    public let kabupaten: KodeWilayah
    /// The province code.
    public let provinsi: KodeWilayah
    /// The year the village joined the program.
    public let tahunBerdiri: Int
    /// URL segment, unique within its regency.
    public let slug: String
    /// Where its row is in the registry file.
    public let position: SourcePosition
}

/// The village registry (`content/data/desa.json`) and the regions it spans.
public struct Registry: Sendable {
    /// The registry file's header.
    public let meta: DataSetMeta
    /// Every village, sorted by code.
    public let desa: [Desa]
    /// Every province with villages, sorted by code.
    public let provinsi: [Provinsi]
    /// Every regency with villages, sorted by code.
    public let kabupaten: [Kabupaten]

    private let desaByKode: [KodeWilayah: Int]
    private let provinsiByKode: [KodeWilayah: Provinsi]
    private let kabupatenByKode: [KodeWilayah: Kabupaten]
    // Villages grouped by region and year, so that list pages cost their own length and a site
    // of every village in Indonesia stays linear.
    private let desaByRegion: [KodeWilayah: [Int]]
    private let desaByYear: [Int: [Int]]
    private let kabupatenByProvinsi: [KodeWilayah: [Kabupaten]]

    /// The registry's row keys.
    public static let rowKeys = ["kode", "desa", "kecamatan", "kabupaten", "provinsi", "kode_kecamatan", "kode_kabupaten", "kode_provinsi", "tahun_berdiri"]

    /// Looks up a village by code.
    public func desa(_ kode: KodeWilayah) -> Desa? {
        desaByKode[kode].map { desa[$0] }
    }

    /// Looks up a province by code.
    public func provinsi(_ kode: KodeWilayah) -> Provinsi? { provinsiByKode[kode] }

    /// Looks up a regency by code.
    public func kabupaten(_ kode: KodeWilayah) -> Kabupaten? { kabupatenByKode[kode] }

    /// The villages of a province, regency or district (by its code), sorted by code.
    public func desa(in region: KodeWilayah) -> [Desa] {
        (desaByRegion[region] ?? []).map { desa[$0] }
    }

    /// The villages established in a year, sorted by code.
    public func desa(establishedIn year: Int) -> [Desa] {
        (desaByYear[year] ?? []).map { desa[$0] }
    }

    /// The regencies of a province, sorted by code.
    public func kabupaten(in provinsi: KodeWilayah) -> [Kabupaten] {
        kabupatenByProvinsi[provinsi] ?? []
    }

    /// The site path of a village page: `/desa/jawa-barat/indramayu/kenanga/`.
    public func path(of desa: Desa) -> String {
        "/desa/\(provinsiByKode[desa.provinsi]!.slug)/\(kabupatenByKode[desa.kabupaten]!.slug)/\(desa.slug)/"
    }

    /// The site path of a regency page: `/desa/jawa-barat/indramayu/`.
    public func path(of kabupaten: Kabupaten) -> String {
        "/desa/\(provinsiByKode[kabupaten.provinsi]!.slug)/\(kabupaten.slug)/"
    }

    /// The site path of a province page: `/desa/jawa-barat/`.
    public func path(of provinsi: Provinsi) -> String {
        "/desa/\(provinsi.slug)/"
    }

    /// Decodes and checks the registry, reporting every problem with its row's line.
    public static func decode(_ text: String, file: String, diagnostics: inout Diagnostics) -> Registry? {
        guard let data = DataFile.parse(text, file: file, diagnostics: &diagnostics) else { return nil }
        var rows: [Row] = []
        var failed = false
        for node in data.rows {
            if let row = Row.decode(node, file: file, diagnostics: &diagnostics) {
                rows.append(row)
            } else {
                failed = true
            }
        }
        // Rows that decoded are still checked together (duplicates, names per code), so one run
        // reports every problem of the file.
        let registry = assemble(meta: data.meta, rows: rows, file: file, diagnostics: &diagnostics)
        return failed ? nil : registry
    }

    /// One decoded registry row, before regions are put together.
    struct Row {
        var kode: KodeWilayah
        var desa: String
        var kecamatan: String
        var kabupaten: String
        var provinsi: String
        var kodeKecamatan: KodeWilayah
        var kodeKabupaten: KodeWilayah
        var kodeProvinsi: KodeWilayah
        var tahunBerdiri: Int
        var position: SourcePosition

        static func decode(_ node: JSONNode, file: String, diagnostics: inout Diagnostics) -> Row? {
            guard let members = node.members else {
                diagnostics.error(file, node.position, "baris registri harus berupa objek, bukan \(node.kindName)")
                return nil
            }
            var reader = JSONFieldReader(file: file)
            var kode: KodeWilayah?, kodeKecamatan: KodeWilayah?, kodeKabupaten: KodeWilayah?, kodeProvinsi: KodeWilayah?
            var names: [String: String] = [:]
            var tahun: Int?
            for member in members {
                let value = member.value
                switch member.key {
                case "kode": kode = reader.kode(value, key: member.key, digits: 10)
                case "kode_kecamatan": kodeKecamatan = reader.kode(value, key: member.key, digits: 6)
                case "kode_kabupaten": kodeKabupaten = reader.kode(value, key: member.key, digits: 4)
                case "kode_provinsi": kodeProvinsi = reader.kode(value, key: member.key, digits: 2)
                case "desa", "kecamatan", "kabupaten", "provinsi": names[member.key] = reader.text(value, key: member.key)
                case "tahun_berdiri":
                    if let year = reader.integer(value, key: member.key) {
                        if ProgramYears.establishment.contains(year) {
                            tahun = year
                        } else {
                            reader.diagnostics.error(file, value.position, "tahun_berdiri \(year) di luar masa program (\(ProgramYears.establishment.lowerBound)–\(ProgramYears.establishment.upperBound))")
                        }
                    }
                default:
                    reader.diagnostics.error(file, member.keyPosition, "kunci tidak dikenal \"\(member.key)\"", hint: Suggestion.hint(for: member.key, in: Registry.rowKeys))
                }
            }
            for key in Registry.rowKeys where !members.contains(where: { $0.key == key }) {
                reader.diagnostics.error(file, node.position, "baris registri tidak punya kunci wajib \"\(key)\"")
            }
            if let kode, let kodeKecamatan, kode.kecamatan != kodeKecamatan {
                reader.diagnostics.error(file, node.position, "kode \(kode) tidak terletak di kecamatan \(kodeKecamatan)")
            }
            if let kode, let kodeKabupaten, kode.kabupaten != kodeKabupaten {
                reader.diagnostics.error(file, node.position, "kode \(kode) tidak terletak di kabupaten \(kodeKabupaten)")
            }
            if let kode, let kodeProvinsi, kode.provinsi != kodeProvinsi {
                reader.diagnostics.error(file, node.position, "kode \(kode) tidak terletak di provinsi \(kodeProvinsi)")
            }
            diagnostics.add(contentsOf: reader.diagnostics.all)
            guard reader.diagnostics.all.isEmpty,
                  let kode, let kodeKecamatan, let kodeKabupaten, let kodeProvinsi, let tahun,
                  let desa = names["desa"], let kecamatan = names["kecamatan"], let kabupaten = names["kabupaten"], let provinsi = names["provinsi"]
            else { return nil }
            return Row(kode: kode, desa: desa, kecamatan: kecamatan, kabupaten: kabupaten, provinsi: provinsi,
                       kodeKecamatan: kodeKecamatan, kodeKabupaten: kodeKabupaten, kodeProvinsi: kodeProvinsi,
                       tahunBerdiri: tahun, position: node.position)
        }
    }

    /// Puts regions together from rows: one name per code, unique slugs, no village twice.
    static func assemble(meta: DataSetMeta, rows: [Row], file: String, diagnostics: inout Diagnostics) -> Registry? {
        var errors = Diagnostics()
        var seenDesa: [KodeWilayah: SourcePosition] = [:]
        var provinsiNames: [KodeWilayah: (String, SourcePosition)] = [:]
        var kabupatenNames: [KodeWilayah: (String, SourcePosition)] = [:]
        var kecamatanNames: [KodeWilayah: (String, SourcePosition)] = [:]

        func checkName(_ table: inout [KodeWilayah: (String, SourcePosition)], _ kode: KodeWilayah, _ name: String, _ level: String, _ at: SourcePosition) {
            if let (known, first) = table[kode] {
                if known != name {
                    errors.error(file, at, "\(level) \(kode) bernama \"\(name)\", padahal di baris \(first.line) bernama \"\(known)\"", hint: "satu kode wilayah hanya punya satu nama")
                }
            } else {
                table[kode] = (name, at)
            }
        }

        for row in rows {
            if let first = seenDesa[row.kode] {
                errors.error(file, row.position, "desa \(row.kode) sudah tercatat di baris \(first.line)", hint: "setiap desa hanya satu kali di registri")
                continue
            }
            seenDesa[row.kode] = row.position
            checkName(&provinsiNames, row.kodeProvinsi, row.provinsi, "provinsi", row.position)
            checkName(&kabupatenNames, row.kodeKabupaten, row.kabupaten, "kabupaten", row.position)
            checkName(&kecamatanNames, row.kodeKecamatan, row.kecamatan, "kecamatan", row.position)
        }
        diagnostics.add(contentsOf: errors.all)
        guard !errors.hasErrors else { return nil }

        let provinsi = provinsiNames.keys.sorted().map { kode in
            Provinsi(kode: kode, nama: provinsiNames[kode]!.0, slug: Slug.make(provinsiNames[kode]!.0))
        }
        var kabupaten: [Kabupaten] = []
        let kabupatenByProvinsi = Dictionary(grouping: kabupatenNames.keys.sorted(), by: \.provinsi)
        for provinsiKode in kabupatenByProvinsi.keys.sorted() {
            let codes = kabupatenByProvinsi[provinsiKode]!
            let slugs = uniqueSlugs(codes.map { (base: kabupatenSlug(kabupatenNames[$0]!.0), fallback: $0.digits) })
            for (kode, slug) in zip(codes, slugs) {
                kabupaten.append(Kabupaten(kode: kode, nama: kabupatenNames[kode]!.0, slug: slug, provinsi: provinsiKode))
            }
        }

        var desa: [Desa] = []
        let rowsByKabupaten = Dictionary(grouping: rows.sorted { $0.kode < $1.kode }, by: \.kodeKabupaten)
        for kabupatenKode in rowsByKabupaten.keys.sorted() {
            let members = rowsByKabupaten[kabupatenKode]!
            // Two villages of one regency may share a name (Plosorejo in Matesih and in Kerjo):
            // both then carry their district in the URL, so neither URL depends on the other's order.
            let baseSlugs = members.map { Slug.make($0.desa).isEmpty ? $0.kode.digits : Slug.make($0.desa) }
            let counts = Dictionary(baseSlugs.map { ($0, 1) }, uniquingKeysWith: +)
            let withDistrict = zip(members, baseSlugs).map { row, base in
                counts[base]! > 1 ? "\(base)-\(Slug.make(row.kecamatan))" : base
            }
            let slugs = uniqueSlugs(zip(withDistrict, members).map { (base: $0, fallback: $1.kode.digits) })
            for (row, slug) in zip(members, slugs) {
                desa.append(Desa(
                    kode: row.kode, nama: row.desa,
                    kecamatan: Kecamatan(kode: row.kodeKecamatan, nama: row.kecamatan),
                    kabupaten: row.kodeKabupaten, provinsi: row.kodeProvinsi,
                    tahunBerdiri: row.tahunBerdiri, slug: slug, position: row.position
                ))
            }
        }
        desa.sort { $0.kode < $1.kode }
        return Registry(meta: meta, desa: desa, provinsi: provinsi, kabupaten: kabupaten)
    }

    /// "Kabupaten Indramayu" → "indramayu"; "Kota Cirebon" → "kota-cirebon", so that a regency and
    /// the city of the same name never share a URL.
    static func kabupatenSlug(_ name: String) -> String {
        let prefix = "Kabupaten "
        if name.hasPrefix(prefix) { return Slug.make(String(name.dropFirst(prefix.count))) }
        return Slug.make(name)
    }

    /// Keeps each base slug where it is unique and falls back to `base-fallback` where it is not.
    static func uniqueSlugs(_ candidates: [(base: String, fallback: String)]) -> [String] {
        let counts = Dictionary(candidates.map { ($0.base, 1) }, uniquingKeysWith: +)
        return candidates.map { counts[$0.base]! > 1 ? "\($0.base)-\($0.fallback)" : $0.base }
    }

    init(meta: DataSetMeta, desa: [Desa], provinsi: [Provinsi], kabupaten: [Kabupaten]) {
        self.meta = meta
        self.desa = desa
        self.provinsi = provinsi
        self.kabupaten = kabupaten
        self.desaByKode = Dictionary(uniqueKeysWithValues: desa.enumerated().map { ($1.kode, $0) })
        self.provinsiByKode = Dictionary(uniqueKeysWithValues: provinsi.map { ($0.kode, $0) })
        self.kabupatenByKode = Dictionary(uniqueKeysWithValues: kabupaten.map { ($0.kode, $0) })
        var byRegion: [KodeWilayah: [Int]] = [:]
        var byYear: [Int: [Int]] = [:]
        for (index, village) in desa.enumerated() {
            byRegion[village.provinsi, default: []].append(index)
            byRegion[village.kabupaten, default: []].append(index)
            byRegion[village.kecamatan.kode, default: []].append(index)
            byYear[village.tahunBerdiri, default: []].append(index)
        }
        self.desaByRegion = byRegion
        self.desaByYear = byYear
        self.kabupatenByProvinsi = Dictionary(grouping: kabupaten, by: \.provinsi)
    }
}
