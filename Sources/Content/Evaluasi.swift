/// A participant role in the 2024 evaluation's focus group discussions.
public enum PeranPeserta: String, Sendable, CaseIterable {
    case koordinator
    case kepalaDesa = "kepala-desa"
    case petugas

    /// Every role id, for hints.
    public static var ids: [String] { allCases.map(\.rawValue) }
}

/// The evaluation's verdict on one pillar in one village.
public enum HasilEvaluasi: String, Sendable, CaseIterable, Comparable {
    case baik
    case cukup
    case kurang
    case tidakAktif = "tidak-aktif"

    /// Every result id, for hints.
    public static var ids: [String] { allCases.map(\.rawValue) }

    public static func < (lhs: HasilEvaluasi, rhs: HasilEvaluasi) -> Bool {
        allCases.firstIndex(of: lhs)! < allCases.firstIndex(of: rhs)!
    }
}

/// The 2024 evaluation: who took part, and the result per village and pillar.
public struct Evaluation: Sendable {
    /// Provenance of the participants file.
    public let pesertaMeta: DataSetMeta
    /// Participants per role, in role order.
    public let peserta: [(peran: PeranPeserta, jumlah: Int)]
    /// Provenance of the results file.
    public let hasilMeta: DataSetMeta
    /// Results by village.
    public let hasil: [KodeWilayah: [Pilar: HasilEvaluasi]]

    /// Creates an evaluation.
    public init(pesertaMeta: DataSetMeta, peserta: [(peran: PeranPeserta, jumlah: Int)], hasilMeta: DataSetMeta, hasil: [KodeWilayah: [Pilar: HasilEvaluasi]]) {
        self.pesertaMeta = pesertaMeta
        self.peserta = peserta
        self.hasilMeta = hasilMeta
        self.hasil = hasil
    }

    /// Decodes `evaluasi-peserta.json`: one row per role, `{"peran": ..., "jumlah": ...}`.
    public static func decodePeserta(_ text: String, file: String, diagnostics: inout Diagnostics) -> (DataSetMeta, [(peran: PeranPeserta, jumlah: Int)])? {
        guard let data = DataFile.parse(text, file: file, diagnostics: &diagnostics) else { return nil }
        var reader = JSONFieldReader(file: file)
        var counts: [PeranPeserta: Int] = [:]
        for node in data.rows {
            guard let members = node.members else {
                reader.diagnostics.error(file, node.position, "baris peserta harus berupa objek, bukan \(node.kindName)")
                continue
            }
            var peran: PeranPeserta?
            var jumlah: Int?
            for member in members {
                switch member.key {
                case "peran":
                    if let text = reader.text(member.value, key: "peran") {
                        peran = PeranPeserta(rawValue: text)
                        if peran == nil {
                            reader.diagnostics.error(file, member.value.position, "peran tidak dikenal \"\(text)\"", hint: Suggestion.hint(for: text, in: PeranPeserta.ids, noun: "nilai"))
                        }
                    }
                case "jumlah":
                    jumlah = reader.integer(member.value, key: "jumlah")
                    if let value = jumlah, value < 0 {
                        reader.diagnostics.error(file, member.value.position, "jumlah peserta tidak boleh negatif (\(value))")
                        jumlah = nil
                    }
                default:
                    reader.diagnostics.error(file, member.keyPosition, "kunci tidak dikenal \"\(member.key)\"", hint: Suggestion.hint(for: member.key, in: ["peran", "jumlah"]))
                }
            }
            guard let peran, let jumlah else { continue }
            if counts[peran] != nil {
                reader.diagnostics.error(file, node.position, "peran \"\(peran.rawValue)\" sudah tercatat")
            }
            counts[peran] = jumlah
        }
        diagnostics.add(contentsOf: reader.diagnostics.all)
        guard !reader.diagnostics.hasErrors else { return nil }
        return (data.meta, PeranPeserta.allCases.compactMap { role in counts[role].map { (role, $0) } })
    }

    /// Decodes `evaluasi-desa.json`: one row per village, a result for each pillar.
    public static func decodeHasil(_ text: String, file: String, registry: Registry, diagnostics: inout Diagnostics) -> (DataSetMeta, [KodeWilayah: [Pilar: HasilEvaluasi]])? {
        guard let data = DataFile.parse(text, file: file, diagnostics: &diagnostics) else { return nil }
        var reader = JSONFieldReader(file: file)
        var results: [KodeWilayah: [Pilar: HasilEvaluasi]] = [:]
        for node in data.rows {
            guard let members = node.members else {
                reader.diagnostics.error(file, node.position, "baris hasil evaluasi harus berupa objek, bukan \(node.kindName)")
                continue
            }
            var kode: KodeWilayah?
            var row: [Pilar: HasilEvaluasi] = [:]
            for member in members {
                if member.key == "kode" {
                    kode = reader.kode(member.value, key: "kode", digits: 10)
                    if let found = kode, registry.desa(found) == nil {
                        reader.diagnostics.error(file, member.value.position, "desa \(found) tidak ada di registri desa")
                        kode = nil
                    }
                } else if let pilar = Pilar(rawValue: member.key) {
                    if let text = reader.text(member.value, key: member.key) {
                        if let result = HasilEvaluasi(rawValue: text) {
                            row[pilar] = result
                        } else {
                            reader.diagnostics.error(file, member.value.position, "hasil evaluasi tidak dikenal \"\(text)\"", hint: Suggestion.hint(for: text, in: HasilEvaluasi.ids, noun: "nilai"))
                        }
                    }
                } else {
                    reader.diagnostics.error(file, member.keyPosition, "kunci tidak dikenal \"\(member.key)\"", hint: Suggestion.hint(for: member.key, in: ["kode"] + Pilar.ids))
                }
            }
            guard let kode else { continue }
            if results[kode] != nil {
                reader.diagnostics.error(file, node.position, "desa \(kode) sudah punya hasil evaluasi")
            }
            results[kode] = row
        }
        diagnostics.add(contentsOf: reader.diagnostics.all)
        return reader.diagnostics.hasErrors ? nil : (data.meta, results)
    }
}
