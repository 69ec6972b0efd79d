@testable import Search
import Testing

/// `WordBuffer` hashes each word as it writes it; the index finds a word's terms by that hash,
/// so it must be `WordTerms.hash` of the word's bytes, whatever joined the word (a dot between
/// digits, a hyphen between letters) or was dropped from it (quotes), in ASCII and other text.
@Suite struct WordBufferTests {
    @Test(arguments: [
        "Desa Kenanga, Kecamatan Sukamaju: kode 32.12.16.2004 (2017).",
        "anak-anak Soka\"an Remba'an bersama-sama -awal akhir- 3.5.",
        "  spasi\tganda\n\nbaris  ",
        "",
        "a",
        "Désa Kenanga — ŋ 😀 pekerja-migran 32.12",
    ])
    func wordsAreHashedAsTheyAreWritten(text: String) {
        var buffer = WordBuffer()
        buffer.read(text)
        #expect(buffer.hashes.count == buffer.ends.count)
        let words = buffer.words
        buffer.bytes.withUnsafeBufferPointer { bytes in
            for (number, range) in words.enumerated() {
                #expect(buffer.hashes[number] == WordTerms.hash(UnsafeBufferPointer(rebasing: bytes[range])),
                        "\(String(decoding: bytes[range], as: UTF8.self))")
            }
        }
        // The same words as the tokenizer's.
        #expect(words.map { String(decoding: buffer.bytes[$0], as: UTF8.self) } == Tokenizer.words(text))
    }

    /// A buffer read again holds the new text's words and hashes only.
    @Test func aBufferReadAgainKeepsNothingOfTheLastText() {
        var buffer = WordBuffer()
        buffer.read("satu dua tiga empat lima")
        buffer.read("enam")
        #expect(buffer.ends.count == 1)
        #expect(buffer.hashes == [Array("enam".utf8).withUnsafeBufferPointer(WordTerms.hash)])
        buffer.read("Désa é")
        #expect(buffer.hashes.count == 2)
    }
}
