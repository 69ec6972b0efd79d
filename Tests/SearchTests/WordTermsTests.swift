@testable import Search
import Testing

/// `WordTerms` finds a word's terms by its hash, its first eight bytes and the rest of its
/// bytes: every word added is found with its own terms, whatever it shares with another word,
/// and a word never added stops the lookup there.
@Suite struct WordTermsTests {
    /// The terms `table` has for the words of `text`, read as the index reads them, and where
    /// the lookup stopped.
    private func look(_ text: String, in table: WordTerms) -> (terms: [Int32], stoppedAt: Int, words: Int) {
        var buffer = WordBuffer()
        buffer.read(text)
        var ids = [Int32](repeating: -1, count: buffer.count * table.mostTerms + 1)
        var count = 0
        let stopped = ids.withUnsafeMutableBufferPointer { table.writeTerms(of: buffer, from: 0, into: $0.baseAddress!, count: &count) }
        return (Array(ids[..<count]), stopped, buffer.count)
    }

    private func add(_ word: String, _ terms: [Int32], to table: inout WordTerms) {
        var word = word
        word.withUTF8 { table.add($0, hash: WordTerms.hash($0), terms: terms) }
    }

    @Test func wordsSharingTheirFirstEightBytesOrTheirLengthAreKeptApart() {
        var table = WordTerms()
        let words = ["a", "ab", "abcdefgh", "abcdefghi", "abcdefghj", "abcdefgh12345678", "abcdefgh12345679", "bcdefgha", "pekerja", "pekerjaan"]
        for (number, word) in words.enumerated() { add(word, [Int32(number)], to: &table) }
        let found = look(words.joined(separator: " "), in: table)
        #expect(found.terms == words.indices.map(Int32.init))
        #expect(found.stoppedAt == words.count)
    }

    @Test func aWordHasItsOwnTermsWhetherNoneOneOrSeveral() {
        var table = WordTerms()
        add("dan", [], to: &table)
        add("bersama-sama", [7, 8], to: &table)
        add("koperasi", [3], to: &table)
        add("pekerja-migran-indonesia", [4, 5, 6], to: &table)
        #expect(table.mostTerms == 3)
        let found = look("koperasi dan bersama-sama pekerja-migran-indonesia koperasi", in: table)
        #expect(found.terms == [3, 7, 8, 4, 5, 6, 3])
        #expect(found.stoppedAt == found.words)
    }

    @Test func theLookupStopsAtTheFirstWordNotAdded() {
        var table = WordTerms()
        add("desa", [1], to: &table)
        add("migran", [2], to: &table)
        // "desak" begins as "desa" does; "migrant" as "migran".
        #expect(look("desa migran desak desa", in: table).stoppedAt == 2)
        #expect(look("migrant desa", in: table).stoppedAt == 0)
        #expect(look("desa desa", in: table).terms == [1, 1])
    }

    @Test func everyWordIsFoundAfterTheTableGrows() {
        var table = WordTerms()
        let words = (0..<20_000).map { "kata\($0)x" }
        for (number, word) in words.enumerated() { add(word, [Int32(number)], to: &table) }
        let found = look(words.joined(separator: " "), in: table)
        #expect(found.terms == words.indices.map(Int32.init))
    }

    /// Impacts are rounded halves away from zero, as `rounded()` does, without calling libm.
    @Test(arguments: [0.0, 0.25, 0.5, 0.49999999999999994, 0.5000000000000001, 1.5, 2.5, 2.4999999999999996, 41.5, 99.49999999999999,
                      123.456, 1e15 + 0.5, 4503599627370495.5, 9007199254740991.0])
    func impactsRoundAsRoundedDoes(value: Double) {
        #expect(SearchIndex.Entry.rounded(value) == Int(value.rounded()))
    }
}
