import Foundation

/// The terms of words already tokenized, found by the words' UTF-8 bytes: indexing a page looks
/// up every word it has, and a word is a few bytes in a scratch buffer, so a table keyed by
/// bytes spares making and hashing a `String` per word (most of indexing a national site).
///
/// Open addressing with linear probing over a power-of-two table; words and their term numbers
/// are kept in two flat arrays.
struct WordTerms {
    /// A word: where its bytes and its terms are, and its hash.
    private struct Entry {
        var hash: UInt64
        var bytes: Int32, byteCount: Int32
        var terms: Int32, termCount: Int32
    }

    private var slots: [Int32]
    private var entries: [Entry] = []
    private var bytes: [UInt8] = []
    private var terms: [Int32] = []

    init() {
        slots = [Int32](repeating: -1, count: 1 << 12)
    }

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

    /// Appends the terms of `word` (hashed as `hash`) to `result`; false when the word is not in
    /// the table.
    func appendTerms(of word: UnsafeBufferPointer<UInt8>, hash: UInt64, to result: inout [Int32]) -> Bool {
        guard let entry = find(word, hash: hash).entry else { return false }
        let found = entries[Int(entry)]
        // Most words have one term. Appended through a pointer: a slice of `terms` retained
        // and released its storage for every word read.
        if found.termCount == 1 {
            result.append(terms[Int(found.terms)])
        } else {
            terms.withUnsafeBufferPointer { all in
                result.append(contentsOf: UnsafeBufferPointer(rebasing: all[Int(found.terms)..<Int(found.terms + found.termCount)]))
            }
        }
        return true
    }

    /// Adds `word` (hashed as `hash`, not in the table) with its terms.
    mutating func add(_ word: UnsafeBufferPointer<UInt8>, hash: UInt64, terms wordTerms: [Int32]) {
        if (entries.count + 1) * 4 > slots.count * 3 { grow() }
        let slot = find(word, hash: hash).slot
        slots[slot] = Int32(entries.count)
        entries.append(Entry(hash: hash, bytes: Int32(bytes.count), byteCount: Int32(word.count), terms: Int32(terms.count), termCount: Int32(wordTerms.count)))
        bytes.append(contentsOf: word)
        terms.append(contentsOf: wordTerms)
    }

    /// The entry of `word`, or the free slot where it goes.
    private func find(_ word: UnsafeBufferPointer<UInt8>, hash: UInt64) -> (entry: Int32?, slot: Int) {
        let mask = slots.count - 1
        var slot = Int(truncatingIfNeeded: hash) & mask
        while true {
            let entry = slots[slot]
            if entry < 0 { return (nil, slot) }
            let known = entries[Int(entry)]
            if known.hash == hash, Int(known.byteCount) == word.count,
               bytes.withUnsafeBufferPointer({ stored in Self.equal(UnsafeBufferPointer(rebasing: stored[Int(known.bytes)...]), word) }) {
                return (entry, slot)
            }
            slot = (slot + 1) & mask
        }
    }

    /// Whether the first `word.count` bytes of `stored` are `word`'s. Most words are a few
    /// bytes: compared eight at a time here, where a call to `memcmp` for each word read was
    /// 7 % of weighing a national site's pages (perf).
    @inline(__always)
    private static func equal(_ stored: UnsafeBufferPointer<UInt8>, _ word: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let a = stored.baseAddress, let b = word.baseAddress else { return word.isEmpty }
        var offset = 0
        while offset + 8 <= word.count {
            let x = UnsafeRawPointer(a + offset).loadUnaligned(as: UInt64.self)
            let y = UnsafeRawPointer(b + offset).loadUnaligned(as: UInt64.self)
            if x != y { return false }
            offset += 8
        }
        while offset < word.count {
            if a[offset] != b[offset] { return false }
            offset += 1
        }
        return true
    }

    /// Doubles the table, placing every entry again by its hash.
    private mutating func grow() {
        slots = [Int32](repeating: -1, count: slots.count * 2)
        let mask = slots.count - 1
        for (number, entry) in entries.enumerated() {
            var slot = Int(truncatingIfNeeded: entry.hash) & mask
            while slots[slot] >= 0 { slot = (slot + 1) & mask }
            slots[slot] = Int32(number)
        }
    }
}
