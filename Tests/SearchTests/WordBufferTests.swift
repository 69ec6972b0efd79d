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
        // Mixed text is read run by run between spaces and line breaks: the words must be
        // those of the whole text, whatever joins or folds across a run's edge.
        "Desa Niko\u{2019}otano di Kecamatan Sukamaju, anak-anak 32.12 bersama\u{2019}an dan KOPERASI",
        "awal \u{301}akhir e\u{301} \u{FF21}\u{FF22}c ﬁnal ΟΔΟΣ ΟΔΟΣ. 3.\u{00A0}5 -ÉCOLE- \r\nbaris\tbaru 12.34é",
        "é",
        " é ",
        "kata\u{2019} \u{2019}kata \"Sóka\"an\" x",
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

    /// A field's texts read at once give each text's words in turn: no word joins across two
    /// texts, whatever ends one and starts the next.
    @Test func textsReadAtOnceGiveEachTextsWords() {
        let texts = ["Desa Kenanga", "32.", "12 anak-", "-anak", "Soka\"", "an é", "Kecamatan Sukamaju", "", "Niko\u{2019}otano x"]
        var buffer = WordBuffer()
        buffer.read(texts)
        let words = buffer.words.map { String(decoding: buffer.bytes[$0], as: UTF8.self) }
        #expect(words == texts.flatMap(Tokenizer.words))
        buffer.bytes.withUnsafeBufferPointer { bytes in
            for (number, range) in buffer.words.enumerated() {
                #expect(buffer.hashes[number] == WordTerms.hash(UnsafeBufferPointer(rebasing: bytes[range])))
            }
        }
    }

    /// A buffer read again holds the new text's words and hashes only.
    @Test func aBufferReadAgainKeepsNothingOfTheLastText() {
        var buffer = WordBuffer()
        buffer.read("satu dua tiga empat lima")
        buffer.read("enam")
        #expect(buffer.ends.count == 1)
        #expect(Array(buffer.hashes) == [Array("enam".utf8).withUnsafeBufferPointer(WordTerms.hash)])
        buffer.read("Désa é")
        #expect(buffer.hashes.count == 2)
    }
}

/// `WordBuffer` reads ASCII text eight bytes at a time and the last few one by one; every byte
/// class (each bound of the letter and digit ranges, the joiners, quotes, spaces and control
/// bytes) at every place in a block must split and fold words as the scalar-by-scalar
/// tokenizer does.
@Suite struct WordBufferBlockTests {
    /// Bytes just inside and just outside each range `WordBuffer` compares with, and those
    /// that join or are dropped from words.
    static let alphabet = Array("@AZ[`az{/09:.-'\" \t\n\r".utf8) + [0x10, 0x19, 0x7F, 0x01]

    @Test func everyByteAtEveryPlaceOfABlock() {
        for byte in Self.alphabet {
            for place in 0..<17 {
                for context in ["kata", "12", "A", ""] {
                    var text = Array(repeating: context, count: 6).joined(separator: " ")
                    let bytes = Array(text.utf8)
                    let at = min(place, bytes.count)
                    text = String(decoding: bytes[..<at] + [byte] + bytes[at...], as: UTF8.self)
                    check(text)
                }
            }
        }
    }

    @Test func randomTextsAsTheTokenizerReadsThem() {
        // A fixed seed: the same texts on every run.
        var state: UInt64 = 0x5DEECE66D
        for _ in 0..<3_000 {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            let length = Int(state >> 58)
            var bytes: [UInt8] = []
            for _ in 0..<length {
                state = state &* 6364136223846793005 &+ 1442695040888963407
                // Mostly letters and digits, as text is, so that blocks of eight occur.
                let pick = Int(state >> 33)
                bytes.append(pick % 3 == 0 ? Self.alphabet[pick / 3 % Self.alphabet.count] : Array("aZ5kQ".utf8)[pick / 3 % 5])
            }
            check(String(decoding: bytes, as: UTF8.self))
        }
    }

    private func check(_ text: String, sourceLocation: SourceLocation = #_sourceLocation) {
        var buffer = WordBuffer()
        let ascii = buffer.readASCII(text)
        #expect(ascii)
        let words = buffer.words.map { String(decoding: buffer.bytes[$0], as: UTF8.self) }
        #expect(words == Tokenizer.foldedWords(text), "\(Array(text.utf8))", sourceLocation: sourceLocation)
    }
}
