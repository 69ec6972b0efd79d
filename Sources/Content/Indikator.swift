/// An indicator: a numeric field of the data package's indicator table, declared there with its
/// pillar, label, unit and how it combines over villages. Nothing about indicators is in Swift.
public struct Indikator: Sendable, Hashable {
    /// The field's name: the column in data files and downloads.
    public let id: String
    /// Its position in the schema, from 0: the order of charts and tables.
    public let urutan: Int
    /// The slug of the pillar it measures.
    public let pilar: String
    /// Its label, per language.
    public let judul: LocalizedText
    /// Its unit, per language, if it has one.
    public let satuan: LocalizedText?
    /// How it combines over villages.
    public let agregasi: Aggregation
    /// Whether its values are whole numbers.
    public let bulat: Bool

    /// Creates an indicator.
    public init(id: String, urutan: Int, pilar: String, judul: LocalizedText, satuan: LocalizedText?, agregasi: Aggregation, bulat: Bool) {
        self.id = id
        self.urutan = urutan
        self.pilar = pilar
        self.judul = judul
        self.satuan = satuan
        self.agregasi = agregasi
        self.bulat = bulat
    }
}

/// One village's indicator values for one year.
public struct IndikatorRow: Sendable, Hashable {
    /// The village.
    public let kode: KodeWilayah
    /// The year.
    public let tahun: Int
    /// The values, one per indicator in `DataIndikator.indikator` order; nil where not reported.
    public let values: [Double?]

    /// Creates a row.
    public init(kode: KodeWilayah, tahun: Int, values: [Double?]) {
        self.kode = kode
        self.tahun = tahun
        self.values = values
    }
}

/// The indicator data set: the resource with `"role": "indikator"`, its indicators and rows,
/// checked against the registry.
public struct DataIndikator: Sendable {
    /// The resource it was read from.
    public let resource: DataResource
    /// The indicators, in schema order.
    public let indikator: [Indikator]
    /// The reporting years: those the data reports (the `tahun` field's constraints say which
    /// years may be reported at all).
    public let tahun: [Int]
    /// Every row, sorted by village code then year.
    public let rows: [IndikatorRow]

    /// The fields every indicator table has besides its indicators.
    public static let keyFields = ["kode", "tahun"]

    /// Creates a data set (rows are sorted here).
    public init(resource: DataResource, indikator: [Indikator], tahun: [Int], rows: [IndikatorRow]) {
        self.resource = resource
        self.indikator = indikator
        self.tahun = tahun
        self.rows = rows.sorted { ($0.kode, $0.tahun) < ($1.kode, $1.tahun) }
    }

    /// The indicators of one pillar, in schema order.
    public func of(pilar: String) -> [Indikator] { indikator.filter { $0.pilar == pilar } }

    /// The indicator with that id.
    public func indikator(_ id: String) -> Indikator? { indikator.first { $0.id == id } }

    /// Reads the indicator table: `kode` and `tahun` fields, then indicator fields that are
    /// numbers with a `pilar`. Reports villages missing from the registry, years before a
    /// village joined and a village reported twice for one year (unless the schema's foreign and
    /// primary keys already do).
    public static func decode(_ table: Table, descriptor: String, registry: Registry, diagnostics: inout Diagnostics) -> DataIndikator? {
        let schema = table.resource.schema
        var errors = Diagnostics()
        for key in keyFields where schema.field(key) == nil {
            errors.error(descriptor, table.resource.position, "tabel indikator \"\(table.resource.name)\" tidak punya kolom wajib \"\(key)\"")
        }
        if let year = schema.field("tahun"), year.type != .integer, year.type != .year {
            errors.error(descriptor, year.position, "kolom \"tahun\" harus bertipe integer atau year")
        }
        var indikator: [Indikator] = []
        for field in schema.fields where !keyFields.contains(field.name) {
            guard field.type == .integer || field.type == .number else {
                errors.error(descriptor, field.position, "kolom indikator \"\(field.name)\" harus bertipe integer atau number, bukan \(field.type.rawValue)")
                continue
            }
            guard let pilar = field.pilar else {
                errors.error(descriptor, field.position, "kolom indikator \"\(field.name)\" tidak menyebut \"pilar\"",
                             hint: "tulis \"pilar\": slug halaman pilar yang diukurnya, misalnya nama berkas di content/pilar/")
                continue
            }
            indikator.append(Indikator(id: field.name, urutan: indikator.count, pilar: pilar, judul: field.title ?? LocalizedText(field.name),
                                       satuan: field.unit, agregasi: field.aggregation, bulat: field.type == .integer))
        }
        diagnostics.add(contentsOf: errors.all)
        guard !errors.hasErrors, let kodeIndex = schema.index(of: "kode"), let tahunIndex = schema.index(of: "tahun") else { return nil }

        let checksKode = !schema.foreignKeys.contains { $0.fields == ["kode"] && $0.resource == registry.resource.name }
        let checksDuplicates = Set(schema.primaryKey) != Set(keyFields)
        // Indicators are fields of this schema, so each has its column.
        let columns = indikator.compactMap { schema.index(of: $0.id) }
        var rows: [IndikatorRow] = []
        var seen: [String: Int] = [:]
        for (rowIndex, values) in table.rows.enumerated() where !table.invalidRows.contains(rowIndex) {
            let at = table.positions[rowIndex]
            guard let written = values[kodeIndex].string, let tahun = values[tahunIndex].integer else {
                errors.error(table.file, at[kodeIndex], "baris indikator harus punya \"kode\" dan \"tahun\"")
                continue
            }
            guard let kode = KodeWilayah(written), kode.digits.count == 10 else {
                errors.error(table.file, at[kodeIndex], "\"\(written)\" bukan kode desa Kemendagri yang sah", hint: "kode desa berbentuk PP.KK.CC.DDDD, misalnya \"32.12.16.2004\"")
                continue
            }
            guard let desa = registry.desa(kode) else {
                if checksKode {
                    errors.error(table.file, at[kodeIndex], "desa \(kode) tidak ada di registri desa", hint: "data indikator hanya untuk desa yang ada di registri")
                }
                continue
            }
            if tahun < desa.tahunBerdiri {
                errors.error(table.file, at[tahunIndex], "desa \(kode) (\(desa.nama)) baru berdiri tahun \(desa.tahunBerdiri), tetapi punya data tahun \(tahun)",
                             hint: "data desa hanya ada sejak tahun berdirinya")
                continue
            }
            let key = "\(kode.digits)/\(tahun)"
            if let first = seen[key] {
                if checksDuplicates {
                    errors.error(table.file, at[kodeIndex], "desa \(kode) tahun \(tahun) sudah tercatat di baris \(table.positions[first][kodeIndex].line)")
                }
                continue
            }
            seen[key] = rowIndex
            rows.append(IndikatorRow(kode: kode, tahun: tahun, values: columns.map { values[$0].number }))
        }
        diagnostics.add(contentsOf: errors.all)
        guard !errors.hasErrors else { return nil }
        return DataIndikator(resource: table.resource, indikator: indikator, tahun: Set(rows.map(\.tahun)).sorted(), rows: rows)
    }
}
