import Content
import Testing

/// Data packages written out in tests: a registry (and indicators) from rows given as JSON, with
/// a descriptor declaring just what the tests use.
enum Fixture {
    static let registryFields = """
    {"name": "kode", "type": "string"}, {"name": "desa", "type": "string"}, {"name": "kecamatan", "type": "string"},
    {"name": "kabupaten", "type": "string"}, {"name": "provinsi", "type": "string"}, {"name": "kode_kecamatan", "type": "string"},
    {"name": "kode_kabupaten", "type": "string"}, {"name": "kode_provinsi", "type": "string"},
    {"name": "tahun_berdiri", "type": "integer", "constraints": {"minimum": 2016, "maximum": 2022}}
    """

    /// Indicators by id and pillar, in schema order.
    static let indicators = [("cpmi_dilayani", "pusat-layanan-migrasi"), ("usaha_berjalan", "usaha-produktif"),
                             ("anak_didampingi", "community-parenting"), ("anggota_koperasi", "koperasi")]

    /// Reads a package of a registry (`registryRows`, JSON objects) and, when given, indicators.
    static func data(registryRows: String, indicatorRows: String? = nil) throws -> ProgramData {
        var resources = ["""
        {"name": "desa", "path": "desa.json", "role": "registri", "schema": {"fields": [\(registryFields)], "primaryKey": "kode"}}
        """]
        var files = ["desa.json": "[\(registryRows)]"]
        if let indicatorRows {
            let fields = indicators.map { "{\"name\": \"\($0.0)\", \"type\": \"integer\", \"pilar\": \"\($0.1)\", \"constraints\": {\"minimum\": 0}}" }
            resources.append("""
            {"name": "indikator", "path": "indikator.json", "role": "indikator", "schema": {"fields": [
              {"name": "kode", "type": "string"}, {"name": "tahun", "type": "integer"}, \(fields.joined(separator: ", "))],
              "primaryKey": ["kode", "tahun"], "foreignKeys": [{"fields": "kode", "reference": {"resource": "desa", "fields": "kode"}}]}}
            """)
            files["indikator.json"] = "[\(indicatorRows)]"
        }
        var diagnostics = Diagnostics()
        let data = ProgramData.read(descriptor: "{\"name\": \"uji\", \"resources\": [\(resources.joined(separator: ","))]}", file: "datapackage.json",
                                    resources: files, display: { $0 }, diagnostics: &diagnostics)
        #expect(diagnostics.all.isEmpty, "\(diagnostics.all)")
        return try #require(data)
    }

    /// The four pillars, each standing for itself by its first indicator.
    static func pilar(_ data: ProgramData) -> [Pilar] {
        ["pusat-layanan-migrasi", "usaha-produktif", "community-parenting", "koperasi"].enumerated().map { index, id in
            Pilar(id: id, nomor: index + 1, indikatorUtama: data.indicators?.of(pilar: id).first)
        }
    }
}
