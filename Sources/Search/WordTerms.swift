import Foundation

/// The terms of words already tokenized, found by the words' UTF-8 bytes: indexing a page looks
/// up every word it has, and a word is a few bytes in a scratch buffer, so a table keyed by
/// bytes spares making and hashing a `String` per word (most of indexing a national site).
///
/// Open addressing with linear probing over a power-of-two table of the words themselves: a
/// word's hash, its first eight bytes and its term (or where its terms are) in its slot, so
/// that finding a word of at most eight bytes with one term (most words) reads one slot. A
/// table of entry numbers beside an array of entries, and the bytes and terms in arrays of
/// their own, were three or four dependent loads a word, each a likely cache miss (perf
/// annotate: most of the lookup's time).
struct WordTerms {
    /// A word, or an empty slot (`byteCount` 0: no word is empty).
    private struct Entry {
        var hash: UInt64 = 0
        /// The first eight bytes (little-endian, zeros past the word's end).
        var prefix: UInt64 = 0
        var byteCount: Int32 = 0
        /// Where the bytes past the first eight are in `rest`.
        var rest: Int32 = 0
        var termCount: Int32 = 0
        /// The term, when the word has one; otherwise where its terms are in `terms`.
        var term: Int32 = 0
    }

    private var table = [Entry](repeating: Entry(), count: 1 << 12)
    private var count = 0
    /// The bytes of longer words past their first eight, one word after another.
    private var rest: [UInt8] = []
    /// The terms of words with none or several.
    private var terms: [Int32] = []

    /// The word's bytes eight at a time (the last few as one number), each step mixed by a
    /// multiplication, then mixed so that the low bits (the slot) depend on all of them. A
    /// byte at a time (FNV-1a), the chain of multiplications was most of reading a page's words.
    @inline(__always)
    static func hash(_ word: UnsafeBufferPointer<UInt8>) -> UInt64 {
        let raw = UnsafeRawBufferPointer(word)
        var hash = 0xcbf2_9ce4_8422_2325 ^ UInt64(truncatingIfNeeded: raw.count)
        var offset = 0
        while offset &+ 8 <= raw.count {
            hash = (hash ^ raw.loadUnaligned(fromByteOffset: offset, as: UInt64.self).littleEndian) &* 0x9e37_79b9_7f4a_7c15
            offset &+= 8
        }
        // The last bytes as one little-endian number, in at most three loads (byte by byte,
        // this loop was half of hashing a page's words).
        let left = raw.count &- offset
        var tail: UInt64 = 0, shift: UInt64 = 0
        if left & 4 != 0 {
            tail = UInt64(raw.loadUnaligned(fromByteOffset: offset, as: UInt32.self).littleEndian)
            (offset, shift) = (offset &+ 4, 32)
        }
        if left & 2 != 0 {
            tail |= UInt64(raw.loadUnaligned(fromByteOffset: offset, as: UInt16.self).littleEndian) &<< shift
            (offset, shift) = (offset &+ 2, shift &+ 16)
        }
        if left & 1 != 0 { tail |= UInt64(raw[offset]) &<< shift }
        hash = (hash ^ tail) &* 0x9e37_79b9_7f4a_7c15
        hash ^= hash >> 32
        hash = hash &* 0xd6e8_feb8_6659_fd93
        return hash ^ (hash >> 32)
    }

    /// The most terms a word in the table has (1 for an empty table): `writeTerms` writes at
    /// most this many a word.
    private(set) var mostTerms = 1

    /// Writes the terms of the words in `words` from word `start` on into `ids` from `count`
    /// (`count` moves past them; `ids` has room for `mostTerms` a word), as long as the words are
    /// in the table. Returns the word it stopped at: the first one not in the table, or the
    /// number of words. One loop over every word of a text with the tables at hand: looked up
    /// one by one, a word's call reached each table through its array (a check of its storage
    /// each) and appended to an array (its uniqueness checked each time).
    func writeTerms(of words: borrowing WordBuffer, from start: Int, into ids: UnsafeMutablePointer<Int32>, count: inout Int) -> Int {
        words.withWords { text, ends, hashes in
            table.withUnsafeBufferPointer { table in
                rest.withUnsafeBufferPointer { rest in
                    terms.withUnsafeBufferPointer { terms in
                        let mask = table.count &- 1
                        var written = count
                        defer { count = written }
                        var wordStart = start == 0 ? 0 : ends[start &- 1]
                        for number in start..<ends.count {
                            let wordEnd = ends[number], hash = hashes[number], length = wordEnd &- wordStart
                            // `WordBuffer` keeps eight bytes past its last word.
                            let prefix = UnsafeRawPointer(text.baseAddress! + wordStart).loadUnaligned(as: UInt64.self).littleEndian & Self.prefixMask(length)
                            var slot = Int(truncatingIfNeeded: hash) & mask
                            while true {
                                let known = table[slot]
                                if known.byteCount == 0 { return number }
                                if known.hash == hash, known.prefix == prefix, Int(known.byteCount) == length,
                                   length <= 8 || Self.equal(rest.baseAddress! + Int(known.rest), text.baseAddress! + (wordStart &+ 8), count: length &- 8) {
                                    if known.termCount == 1 {
                                        ids[written] = known.term
                                        written &+= 1
                                    } else {
                                        for term in Int(known.term)..<Int(known.term &+ known.termCount) {
                                            ids[written] = terms[term]
                                            written &+= 1
                                        }
                                    }
                                    break
                                }
                                slot = (slot &+ 1) & mask
                            }
                            wordStart = wordEnd
                        }
                        return ends.count
                    }
                }
            }
        }
    }

    /// Adds `word` (hashed as `hash`, not in the table) with its terms.
    mutating func add(_ word: UnsafeBufferPointer<UInt8>, hash: UInt64, terms wordTerms: [Int32]) {
        precondition(!word.isEmpty && word.count <= Int32.max, "a word of some bytes")
        if (count + 1) * 4 > table.count * 3 { grow() }
        var prefix: UInt64 = 0
        for (offset, byte) in word.prefix(8).enumerated() { prefix |= UInt64(byte) << (8 * offset) }
        var entry = Entry(hash: hash, prefix: prefix, byteCount: Int32(word.count), rest: Int32(rest.count), termCount: Int32(wordTerms.count))
        rest.append(contentsOf: word.dropFirst(8))
        if wordTerms.count == 1 {
            entry.term = wordTerms[0]
        } else {
            entry.term = Int32(terms.count)
            terms.append(contentsOf: wordTerms)
        }
        Self.place(entry, in: &table)
        count += 1
        mostTerms = max(mostTerms, wordTerms.count)
    }

    /// The bits of a word's first eight bytes that are its own (all of them from eight bytes).
    @inline(__always)
    private static func prefixMask(_ length: Int) -> UInt64 {
        length >= 8 ? UInt64.max : (1 &<< UInt64(8 &* length)) &- 1
    }

    /// Puts `entry` in the first free slot from its hash's.
    private static func place(_ entry: Entry, in table: inout [Entry]) {
        let mask = table.count - 1
        var slot = Int(truncatingIfNeeded: entry.hash) & mask
        while table[slot].byteCount != 0 { slot = (slot + 1) & mask }
        table[slot] = entry
    }

    /// Whether the `count` bytes at `a` and at `b` are the same: eight at a time, then one at a
    /// time (a call to `memcmp` for each word was 7 % of weighing a national site's pages).
    @inline(__always)
    private static func equal(_ a: UnsafePointer<UInt8>, _ b: UnsafePointer<UInt8>, count: Int) -> Bool {
        var offset = 0
        while offset &+ 8 <= count {
            if UnsafeRawPointer(a + offset).loadUnaligned(as: UInt64.self) != UnsafeRawPointer(b + offset).loadUnaligned(as: UInt64.self) { return false }
            offset &+= 8
        }
        while offset < count {
            if a[offset] != b[offset] { return false }
            offset &+= 1
        }
        return true
    }

    /// Doubles the table, placing every word again by its hash.
    private mutating func grow() {
        var larger = [Entry](repeating: Entry(), count: table.count * 2)
        for entry in table where entry.byteCount != 0 { Self.place(entry, in: &larger) }
        table = larger
    }
}
