import Foundation
import Search
import Testing

@Suite struct IndonesianStemmerTests {
    /// Every word of the shared vocabulary stems exactly as the reference Snowball implementation
    /// does (vectors written by scripts/generate_stem_vectors.py from `snowballstemmer`).
    @Test func agreesWithTheReferenceOnTheWholeVocabulary() throws {
        let file = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("Fixtures/stemmer/indonesian.tsv")
        let lines = try String(contentsOf: file, encoding: .utf8).split(separator: "\n")
        #expect(lines.count >= 5000)
        var failures: [String] = []
        for line in lines {
            let parts = line.split(separator: "\t", omittingEmptySubsequences: false)
            let (word, expected) = (String(parts[0]), String(parts[1]))
            let actual = IndonesianStemmer.stem(word)
            if actual != expected { failures.append("\(word): expected \(expected), got \(actual)") }
        }
        #expect(failures.isEmpty, "\(failures.count) disagreements, e.g. \(failures.prefix(10))")
    }

    @Test(arguments: [
        ("koperasi", "koperasi"), ("berkoperasi", "koperasi"), ("perkoperasian", "koperasi"), ("menyapu", "sapu"), ("memukul", "pukul"),
        ("membaca", "baca"), ("pelajaran", "ajar"), ("belajar", "ajar"), ("bekerja", "kerja"), ("pekerjaan", "kerja"),
        ("kedudukan", "duduk"), ("diberikan", "beri"), ("pemeriksaan", "periksa"), ("bukumu", "buku"), ("apakah", "apa"), ("desa", "desa"),
    ])
    func knownWords(word: String, stem: String) {
        #expect(IndonesianStemmer.stem(word) == stem)
    }
}
