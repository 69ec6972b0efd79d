import Content
import Foundation

/// `desmigratif new`: starts a content file with its front matter filled in, so editors begin
/// from something that already builds.
public enum Scaffold {
    /// Why a file was not created.
    public struct Refusal: Error, Sendable, CustomStringConvertible {
        /// The problems, as diagnostics.
        public let diagnostics: [Diagnostic]
        public var description: String { diagnostics.map(\.description).joined(separator: "\n") }
    }

    /// Writes `desa/<slug>.md` for a village of the registry, with its code, names and an outline
    /// of the four pillars. Refuses codes not in the registry and files that exist.
    public static func newDesa(kode text: String, contentDirectory: String) throws(Refusal) -> String {
        let file = try desaFile(kode: text, contentDirectory: contentDirectory)
        return try write(file.text, to: joinPath(contentDirectory, file.path), what: "desa \(text)")
    }

    /// The path below `content/` and the text of a new narrative for a village of the registry;
    /// with `draft`, it starts unpublished (the studio's way: its outline is not for readers).
    public static func desaFile(kode text: String, contentDirectory: String, draft: Bool = false) throws(Refusal) -> (path: String, text: String) {
        let registryFile = joinPath(contentDirectory, ContentLoader.packageFile)
        guard let kode = KodeWilayah(text), kode.digits.count == 10 else {
            throw Refusal(diagnostics: [Diagnostic(file: "desmigratif new desa", "\"\(text)\" bukan kode desa Kemendagri yang sah", hint: "kode desa berbentuk PP.KK.CC.DDDD, misalnya 32.12.16.2004")])
        }
        var diagnostics = Diagnostics()
        guard let content = ContentLoader.load(directory: contentDirectory, fileSystem: .local, diagnostics: &diagnostics), !diagnostics.hasErrors else {
            throw Refusal(diagnostics: diagnostics.errors.isEmpty ? [Diagnostic(file: registryFile, "registri desa tidak dapat dibaca")] : diagnostics.errors)
        }
        let registry = content.registry
        guard let desa = registry.desa(kode) else {
            throw Refusal(diagnostics: [Diagnostic(file: registryFile, "kode \(kode) tidak ada di registri desa", hint: "halaman desa hanya untuk desa yang terdaftar; tambahkan desanya ke registri lebih dulu")])
        }
        // One heading per pillar, as the pillar pages name them, in their order.
        let pillars = content.pages
            .filter { if case .pilar = $0.kind { return $0.language == nil } else { return false } }
            .sorted { ($0.frontMatter.weight, $0.relativePath) < ($1.frontMatter.weight, $1.relativePath) }
            .compactMap(\.frontMatter.title)
        let outline = pillars.map { "## \($0)\n\nApa yang dikerjakan desa ini untuk pilar ini, dan apa hasilnya?\n" }.joined(separator: "\n")
        let text = """
        ---
        # \(desa.nama), Kecamatan \(desa.kecamatan.nama), \(registry.nama(of: desa.kabupaten)), \(registry.nama(of: desa.provinsi)).
        # Nama dan wilayah desa diambil dari registri; di sini cukup kodenya.
        kode: "\(kode.dotted)"\(draft ? "\n# Draf: belum terbit. Hapus baris draft (atau ubah menjadi false) bila uraian siap terbit.\ndraft: true" : "")
        # summary: Satu kalimat tentang desa ini untuk daftar dan mesin pencari.
        # Setiap fakta tentang desa ini butuh sumber: daftarkan di sini, lalu kutip di teks dengan [@id].
        # sumber:
        #   - id: nama-media-tahun
        #     title: Judul berita atau laporan
        #     publisher: Nama media
        #     date: TTTT-BB-HH
        #     url: https://...
        ---

        Tulis di sini gambaran singkat desa \(desa.nama): mengapa banyak warganya bekerja di luar negeri,
        dan apa yang berubah sejak menjadi Desa Migran Produktif pada tahun \(desa.tahunBerdiri).

        \(outline)
        """
        return ("desa/\(desa.slug).md", text)
    }

    /// Writes `berita/<date>-<slug>.md` for a news item dated `date` (today by default), as a draft.
    public static func newBerita(title: String, date: SimpleDate, contentDirectory: String) throws(Refusal) -> String {
        let file = try beritaFile(title: title, date: date, contentDirectory: contentDirectory)
        return try write(file.text, to: joinPath(contentDirectory, file.path), what: "berita \"\(title)\"")
    }

    /// The path below `content/` and the text of a new news item, a draft.
    public static func beritaFile(title: String, date: SimpleDate, contentDirectory: String) throws(Refusal) -> (path: String, text: String) {
        let slug = Slug.make(title)
        guard !slug.isEmpty else {
            throw Refusal(diagnostics: [Diagnostic(file: "desmigratif new berita", "judul \"\(title)\" tidak berisi huruf atau angka")])
        }
        let quoted = title.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"")
        // The pillars an editor may name are the pages in pilar/ (translations and the list's _index aside).
        let pillars = ((try? FileManager.default.contentsOfDirectory(atPath: joinPath(contentDirectory, "pilar"))) ?? [])
            .filter { $0.hasSuffix(".md") && !$0.hasPrefix("_") }
            .map { String($0.dropLast(3)) }
            .filter { !$0.contains(".") }
            .sorted()
        let text = """
        ---
        title: "\(quoted)"
        date: \(date)
        # Hapus baris draft (atau ubah menjadi false) bila berita siap terbit.
        draft: true
        # pilar: [\(pillars.joined(separator: ", "))]
        ---

        Paragraf pertama berita: siapa, apa, kapan, di mana. Paragraf ini juga menjadi ringkasan di
        daftar berita dan di umpan berita.

        """
        return ("berita/\(date)-\(slug).md", text)
    }

    private static func write(_ text: String, to path: String, what: String) throws(Refusal) -> String {
        guard !FileManager.default.fileExists(atPath: path) else {
            throw Refusal(diagnostics: [Diagnostic(file: path, "berkas sudah ada; tidak ditimpa", hint: "sunting berkas itu, atau hapus dulu bila memang ingin mulai dari awal")])
        }
        do {
            try FileManager.default.createDirectory(atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
            try Data(text.utf8).write(to: URL(fileURLWithPath: path), options: .withoutOverwriting)
        } catch {
            throw Refusal(diagnostics: [Diagnostic(file: path, "berkas untuk \(what) tidak dapat ditulis: \(error.localizedDescription)")])
        }
        return path
    }
}
