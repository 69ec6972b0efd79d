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
    /// The source that reports the village as one of the program's (`sumber`); nil when the
    /// village is the illustrative sample's.
    public var sumber: DataSource? = nil
    /// The source that gives the year it joined (`sumber_tahun`); nil when the sample set it.
    public var sumberTahun: DataSource? = nil
}

/// A village resolved with the regency and province it lies in: what a village page shows.
///
/// A class, made once per village by the registry: a village page's subject is copied with the
/// page wherever the page list is (made, hashed and checked at every rebuild), and a copy of a
/// class is one retain where a copy of the three structs retained each of their strings. It is
/// immutable, and equal and hashed by value, as a struct would be.
public final class DesaPlace: Sendable, Hashable {
    public let desa: Desa
    public let kabupaten: Kabupaten
    public let provinsi: Provinsi

    public init(desa: Desa, kabupaten: Kabupaten, provinsi: Provinsi) {
        self.desa = desa
        self.kabupaten = kabupaten
        self.provinsi = provinsi
    }

    public static func == (left: DesaPlace, right: DesaPlace) -> Bool {
        left === right || (left.desa == right.desa && left.kabupaten == right.kabupaten && left.provinsi == right.provinsi)
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(desa)
        hasher.combine(kabupaten)
        hasher.combine(provinsi)
    }
}

/// The village registry (the data package's resource with `"role": "registri"`) and the regions
/// it spans.
public struct Registry: Sendable {
    /// The resource it was read from: title, sources, licence, schema.
    public let resource: DataResource
    /// The years villages joined the program: the `tahun_berdiri` field's minimum and maximum
    /// when the schema gives both, else the span of the data.
    public let tahunBerdiri: ClosedRange<Int>
    /// Every village with its regency and province, sorted by the village's code; made once,
    /// as the villages' paths are. The places hold the villages (`places[i].desa`), so that a
    /// national registry keeps one copy of its 84,000 rows.
    public let places: [DesaPlace]
    /// Every province with villages, sorted by code.
    public let provinsi: [Provinsi]
    /// Every regency with villages, sorted by code.
    public let kabupaten: [Kabupaten]

    private let desaByKode: [KodeWilayah: Int]
    private let provinsiByKode: [KodeWilayah: Provinsi]
    private let kabupatenByKode: [KodeWilayah: Kabupaten]
    // Villages grouped by region and year, so that list pages cost their own length and a site
    // of every village in Indonesia stays linear.
    private let desaByWilayah: [KodeWilayah: [Int]]
    private let desaByYear: [Int: [Int]]
    private let kabupatenByProvinsi: [KodeWilayah: [Kabupaten]]
    /// Site paths made once, by village (as `desa`) and by regency and province code: every
    /// village page and its breadcrumbs ask for them, at every rebuild (making them each time was
    /// a third of making the page list).
    private let desaPaths: [String]
    private let wilayahPaths: [KodeWilayah: String]

    /// Optional fields naming, per village, the source (an `id` of the registry's `sources`) that
    /// reports it in the program and the one that gives its year.
    public static let provenanceKeys = ["sumber", "sumber_tahun"]

    /// The fields the registry must have: the site's regions and URLs are made from them.
    public static let rowKeys = ["kode", "desa", "kecamatan", "kabupaten", "provinsi", "kode_kecamatan", "kode_kabupaten", "kode_provinsi", "tahun_berdiri"]

    /// Looks up a village by code.
    public func desa(_ kode: KodeWilayah) -> Desa? {
        desaByKode[kode].map { places[$0].desa }
    }

    /// Looks up a province by code.
    public func provinsi(_ kode: KodeWilayah) -> Provinsi? { provinsiByKode[kode] }

    /// Looks up a regency by code.
    public func kabupaten(_ kode: KodeWilayah) -> Kabupaten? { kabupatenByKode[kode] }

    /// The villages of a province, regency or district (by its code), sorted by code.
    public func desa(in region: KodeWilayah) -> [Desa] {
        (desaByWilayah[region] ?? []).map { places[$0].desa }
    }

    /// The villages established in a year, sorted by code.
    public func desa(establishedIn year: Int) -> [Desa] {
        (desaByYear[year] ?? []).map { places[$0].desa }
    }

    /// How many villages were established in a year.
    public func desaCount(establishedIn year: Int) -> Int {
        desaByYear[year]?.count ?? 0
    }

    /// The villages established in a year at `positions` of `desa(establishedIn:)` (a page of
    /// them), without making the whole year's list.
    public func desa(establishedIn year: Int, at positions: Range<Int>) -> [Desa] {
        let all = desaByYear[year] ?? []
        return all[positions.clamped(to: all.indices)].map { places[$0].desa }
    }

    /// The regencies of a province, sorted by code.
    public func kabupaten(in provinsi: KodeWilayah) -> [Kabupaten] {
        kabupatenByProvinsi[provinsi] ?? []
    }

    /// The name of a province or regency with villages, by code (the dotted code for any other).
    public func nama(of region: KodeWilayah) -> String {
        provinsiByKode[region]?.nama ?? kabupatenByKode[region]?.nama ?? region.dotted
    }

    /// A village of this registry with its regency and province.
    public func place(of desa: Desa) -> DesaPlace {
        // Safe: `assemble` makes a regency and a province for every village's codes, and villages
        // come only from this registry.
        places[desaByKode[desa.kode]!]
    }

    /// The province of one of this registry's regencies.
    public func provinsi(of kabupaten: Kabupaten) -> Provinsi {
        // Safe: `assemble` makes every regency's province.
        provinsiByKode[kabupaten.provinsi]!
    }

    /// The site path of a village page: `/desa/jawa-barat/indramayu/kenanga/`.
    public func path(of desa: Desa) -> String {
        // Safe: villages come only from this registry (as for `place(of:)`).
        desaPaths[desaByKode[desa.kode]!]
    }

    /// The site path of a regency page: `/desa/jawa-barat/indramayu/`.
    public func path(of kabupaten: Kabupaten) -> String {
        wilayahPaths[kabupaten.kode] ?? "/desa/\(provinsi(of: kabupaten).slug)/\(kabupaten.slug)/"
    }

    /// The site path of a province page: `/desa/jawa-barat/`.
    public func path(of provinsi: Provinsi) -> String {
        wilayahPaths[provinsi.kode] ?? "/desa/\(provinsi.slug)/"
    }

    /// Builds the registry from its checked table, reporting every problem with its row: codes
    /// that are not Kemendagri codes or do not nest, a code with two names, a village twice.
    /// `descriptor` is the data package's file, where a missing field is reported.
    public static func decode(_ table: Table, descriptor: String, diagnostics: inout Diagnostics) -> Registry? {
        let schema = table.resource.schema
        var missing = false
        for key in rowKeys where schema.field(key) == nil {
            diagnostics.error(descriptor, table.resource.position, "registri \"\(table.resource.name)\" tidak punya kolom wajib \"\(key)\"",
                              hint: "registri desa memuat kolom \(rowKeys.joined(separator: ", "))")
            missing = true
        }
        if let year = schema.field("tahun_berdiri"), year.type != .integer, year.type != .year {
            diagnostics.error(descriptor, year.position, "kolom \"tahun_berdiri\" harus bertipe integer atau year")
            missing = true
        }
        for key in rowKeys where key != "tahun_berdiri" {
            if let field = schema.field(key), field.type != .string {
                diagnostics.error(descriptor, field.position, "kolom \"\(key)\" harus bertipe string")
                missing = true
            }
        }
        guard !missing else { return nil }
        // Every required field is there (checked above); the provenance fields may be absent.
        let columns = Row.Key.allCases.map { schema.index(of: $0.name) }
        var rows: [Row] = []
        rows.reserveCapacity(table.rows.count)
        var failed = false
        for rowIndex in table.rows.indices {
            let valid = !table.invalidRows.contains(rowIndex)
            if let row = Row.decode(table.rows[rowIndex], positions: table.positions[rowIndex], columns: columns, file: table.file, reportMissing: valid,
                                    diagnostics: &diagnostics), valid {
                rows.append(row)
            } else {
                failed = true
            }
        }
        let years = rows.map(\.tahunBerdiri)
        let constraints = schema.field("tahun_berdiri")?.constraints
        let declared = constraints?.minimum?.integer.flatMap { low in constraints?.maximum?.integer.map { low...max(low, $0) } }
        let observed = years.min().flatMap { low in years.max().map { low...$0 } }
        let span = declared ?? observed ?? 0...0
        // Rows that decoded are still checked together (duplicates, names per code), so one run
        // reports every problem of the file.
        let registry = assemble(resource: table.resource, tahunBerdiri: span, rows: rows, file: table.file,
                                checksDuplicates: schema.primaryKey != ["kode"], diagnostics: &diagnostics)
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
        /// The code as written, to tell a repeated row from the same code spelt another way.
        var written: String
        /// Ids of the sources for membership and year, when the registry has those fields.
        var sumber: String? = nil
        var sumberTahun: String? = nil

        /// The registry's fields: `rowKeys`, then `provenanceKeys`, in their order.
        enum Key: Int, CaseIterable {
            case kode, desa, kecamatan, kabupaten, provinsi, kodeKecamatan, kodeKabupaten, kodeProvinsi, tahunBerdiri, sumber, sumberTahun

            /// The field's name in the schema.
            var name: String { Self.names[rawValue] }
            private static let names = rowKeys + provenanceKeys
            /// The fields every row must have.
            static let required = allCases.filter { $0.rawValue < rowKeys.count }
        }

        /// `columns` gives each `Key`'s column (nil: an optional field the schema does not have),
        /// found once by name for the whole table. `reportMissing` is false for a row whose bad
        /// cells were reported already (they read as missing).
        static func decode(_ values: [TableValue], positions: [SourcePosition], columns: [Int?], file: String, reportMissing: Bool,
                           diagnostics: inout Diagnostics) -> Row? {
            var errors = Diagnostics()
            func cell(_ key: Key) -> TableValue { columns[key.rawValue].map { values[$0] } ?? .missing }
            func text(_ key: Key) -> String? { cell(key).string }
            func code(_ key: Key, digits: Int) -> KodeWilayah? {
                guard let written = text(key) else { return nil }
                guard let kode = KodeWilayah(written), kode.digits.utf8.count == digits else {
                    errors.error(file, columns[key.rawValue].map { positions[$0] } ?? positions.first ?? .start,
                                 "\"\(written)\" bukan kode Kemendagri yang sah untuk \"\(key.name)\"",
                                 hint: "kode desa berbentuk PP.KK.CC.DDDD, misalnya \"32.12.16.2004\"")
                    return nil
                }
                return kode
            }
            let position = positions.first ?? .start
            let kode = code(.kode, digits: 10), kodeKecamatan = code(.kodeKecamatan, digits: 6)
            let kodeKabupaten = code(.kodeKabupaten, digits: 4), kodeProvinsi = code(.kodeProvinsi, digits: 2)
            for key in Key.required where reportMissing && cell(key) == .missing {
                errors.error(file, position, "baris registri tidak punya nilai \"\(key.name)\"")
            }
            if let kode, let kodeKecamatan, kode.kecamatan != kodeKecamatan {
                errors.error(file, position, "kode \(kode) tidak terletak di kecamatan \(kodeKecamatan)")
            }
            if let kode, let kodeKabupaten, kode.kabupaten != kodeKabupaten {
                errors.error(file, position, "kode \(kode) tidak terletak di kabupaten \(kodeKabupaten)")
            }
            if let kode, let kodeProvinsi, kode.provinsi != kodeProvinsi {
                errors.error(file, position, "kode \(kode) tidak terletak di provinsi \(kodeProvinsi)")
            }
            diagnostics.add(contentsOf: errors.all)
            guard !errors.hasErrors, let kode, let kodeKecamatan, let kodeKabupaten, let kodeProvinsi,
                  let tahun = cell(.tahunBerdiri).integer,
                  let desa = text(.desa), let kecamatan = text(.kecamatan), let kabupaten = text(.kabupaten), let provinsi = text(.provinsi)
            else { return nil }
            return Row(kode: kode, desa: desa, kecamatan: kecamatan, kabupaten: kabupaten, provinsi: provinsi,
                       kodeKecamatan: kodeKecamatan, kodeKabupaten: kodeKabupaten, kodeProvinsi: kodeProvinsi,
                       tahunBerdiri: tahun, position: position, written: text(.kode) ?? "",
                       sumber: text(.sumber), sumberTahun: text(.sumberTahun))
        }
    }

    /// Puts regions together from rows: one name per code, unique slugs, no village twice.
    /// `checksDuplicates` is false when the schema's primary key already reported them.
    static func assemble(resource: DataResource, tahunBerdiri: ClosedRange<Int>, rows: [Row], file: String, checksDuplicates: Bool,
                         diagnostics: inout Diagnostics) -> Registry? {
        var errors = Diagnostics()
        var seenDesa: [KodeWilayah: (position: SourcePosition, written: String)] = [:]
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

        // Rows are read in place, by number: a copy of a row retained its eight texts, and
        // each step here had copied every row of a national registry.
        var unique: [Int] = []
        unique.reserveCapacity(rows.count)
        seenDesa.reserveCapacity(rows.count)
        for number in rows.indices {
            if let first = seenDesa[rows[number].kode] {
                // The same text twice was reported by the primary key; `32.12.16.2004` beside
                // `3212162004` is one village all the same.
                if checksDuplicates || first.written != rows[number].written {
                    errors.error(file, rows[number].position, "desa \(rows[number].kode) sudah tercatat di baris \(first.position.line)",
                                 hint: "setiap desa hanya satu kali di registri")
                }
                continue
            }
            seenDesa[rows[number].kode] = (rows[number].position, rows[number].written)
            unique.append(number)
            checkName(&provinsiNames, rows[number].kodeProvinsi, rows[number].provinsi, "provinsi", rows[number].position)
            checkName(&kabupatenNames, rows[number].kodeKabupaten, rows[number].kabupaten, "kabupaten", rows[number].position)
            checkName(&kecamatanNames, rows[number].kodeKecamatan, rows[number].kecamatan, "kecamatan", rows[number].position)
        }
        // Provenance ids must name a source of the registry resource.
        let sourceIDs = resource.sources.compactMap(\.id)
        for number in unique where rows[number].sumber != nil || rows[number].sumberTahun != nil {
            let row = rows[number]
            for (key, id) in [("sumber", row.sumber), ("sumber_tahun", row.sumberTahun)] {
                guard let id, !sourceIDs.contains(id) else { continue }
                errors.error(file, row.position, "\"\(key)\" menyebut sumber \"\(id)\" yang tidak ada di sources registri",
                             hint: sourceIDs.isEmpty ? "beri setiap sumber registri sebuah id di datapackage.json" : Suggestion.hint(for: id, in: sourceIDs, noun: "sumber"))
            }
        }
        diagnostics.add(contentsOf: errors.all)
        guard !errors.hasErrors else { return nil }

        let provinsi = provinsiNames.sorted { $0.key < $1.key }.map { kode, name in
            Provinsi(kode: kode, nama: name.0, slug: Slug.make(name.0))
        }
        var kabupaten: [Kabupaten] = []
        let kabupatenByProvinsi = Dictionary(grouping: kabupatenNames.sorted { $0.key < $1.key }, by: \.key.provinsi)
        for (provinsiKode, entries) in kabupatenByProvinsi.sorted(by: { $0.key < $1.key }) {
            let slugs = uniqueSlugs(entries.map { (base: kabupatenSlug($0.value.0), fallback: $0.key.digits) })
            for (entry, slug) in zip(entries, slugs) {
                kabupaten.append(Kabupaten(kode: entry.key, nama: entry.value.0, slug: slug, provinsi: provinsiKode))
            }
        }

        // The villages in code order. A regency's villages are then one run (a village's code
        // begins with its regency's: `Row.decode` checked), and the runs come in the regencies'
        // order, so the villages made run by run are in code order too.
        unique.sort { rows[$0].kode < rows[$1].kode }
        var desa: [Desa] = []
        desa.reserveCapacity(unique.count)
        var start = unique.startIndex
        while start < unique.endIndex {
            let regency = rows[unique[start]].kodeKabupaten
            let end = unique[start...].firstIndex { rows[$0].kodeKabupaten != regency } ?? unique.endIndex
            let members = unique[start..<end]
            start = end
            // Two villages of one regency may share a name (Plosorejo in Matesih and in Kerjo):
            // both then carry their district in the URL, so neither URL depends on the other's order.
            let baseSlugs = members.map { number in
                let slug = Slug.make(rows[number].desa)
                return slug.isEmpty ? rows[number].kode.digits : slug
            }
            let counts = Dictionary(baseSlugs.map { ($0, 1) }, uniquingKeysWith: +)
            let withDistrict = zip(members, baseSlugs).map { number, base in
                counts[base, default: 0] > 1 ? "\(base)-\(Slug.make(rows[number].kecamatan))" : base
            }
            let slugs = uniqueSlugs(zip(withDistrict, members).map { (base: $0, fallback: rows[$1].kode.digits) })
            for (number, slug) in zip(members, slugs) {
                let row = rows[number]
                desa.append(Desa(
                    kode: row.kode, nama: row.desa,
                    kecamatan: Kecamatan(kode: row.kodeKecamatan, nama: row.kecamatan),
                    kabupaten: row.kodeKabupaten, provinsi: row.kodeProvinsi,
                    tahunBerdiri: row.tahunBerdiri, slug: slug, position: row.position,
                    sumber: row.sumber.flatMap { id in resource.sources.first { $0.id == id } },
                    sumberTahun: row.sumberTahun.flatMap { id in resource.sources.first { $0.id == id } }
                ))
            }
        }
        return Registry(resource: resource, tahunBerdiri: tahunBerdiri, desa: desa, provinsi: provinsi, kabupaten: kabupaten)
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
        return candidates.map { counts[$0.base, default: 0] > 1 ? "\($0.base)-\($0.fallback)" : $0.base }
    }

    init(resource: DataResource, tahunBerdiri: ClosedRange<Int>, desa: [Desa], provinsi: [Provinsi], kabupaten: [Kabupaten]) {
        self.resource = resource
        self.tahunBerdiri = tahunBerdiri
        self.provinsi = provinsi
        self.kabupaten = kabupaten
        self.desaByKode = Dictionary(uniqueKeysWithValues: desa.enumerated().map { ($1.kode, $0) })
        let provinsiByKode = Dictionary(uniqueKeysWithValues: provinsi.map { ($0.kode, $0) })
        let kabupatenByKode = Dictionary(uniqueKeysWithValues: kabupaten.map { ($0.kode, $0) })
        self.provinsiByKode = provinsiByKode
        self.kabupatenByKode = kabupatenByKode
        // Safe: `decode` makes a regency and a province for every village's codes.
        places = desa.map { village in DesaPlace(desa: village, kabupaten: kabupatenByKode[village.kabupaten]!, provinsi: provinsiByKode[village.provinsi]!) }
        // The villages are in code order (`assemble`), so each region's are one run: its list is
        // made once, where looking the region up for every village cost a tenth of a second.
        assert(desa.indices.dropFirst().allSatisfy { desa[$0 - 1].kode < desa[$0].kode }, "villages out of code order")
        var byWilayah: [KodeWilayah: [Int]] = [:]
        for region in [\Desa.provinsi, \Desa.kabupaten, \Desa.kecamatan.kode] {
            var start = desa.startIndex
            while start < desa.endIndex {
                let code = desa[start][keyPath: region]
                let end = desa[start...].firstIndex { $0[keyPath: region] != code } ?? desa.endIndex
                byWilayah[code] = Array(start..<end)
                start = end
            }
        }
        var byYear: [Int: [Int]] = [:]
        for index in desa.indices { byYear[desa[index].tahunBerdiri, default: []].append(index) }
        self.desaByWilayah = byWilayah
        self.desaByYear = byYear
        self.kabupatenByProvinsi = Dictionary(grouping: kabupaten, by: \.provinsi)
        var wilayahPaths: [KodeWilayah: String] = [:]
        for provinsi in provinsi { wilayahPaths[provinsi.kode] = "/desa/\(provinsi.slug)/" }
        for kabupaten in kabupaten {
            wilayahPaths[kabupaten.kode] = "\(wilayahPaths[kabupaten.provinsi] ?? "/desa/")\(kabupaten.slug)/"
        }
        self.wilayahPaths = wilayahPaths
        desaPaths = desa.map { village in "\(wilayahPaths[village.kabupaten] ?? "/desa/")\(village.slug)/" }
    }
}
