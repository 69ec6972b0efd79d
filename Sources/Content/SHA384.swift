import Foundation

/// SHA-384 (FIPS 180-4, the SHA-512 computation with its own initial values, cut to 48 bytes):
/// the digest Subresource Integrity uses for stylesheets and scripts, and the source of asset
/// fingerprints. Pure Swift, so the generator needs no crypto library; checked against the
/// standard's example vectors and `sha384sum` in the tests.
public enum SHA384 {
    /// The 48-byte digest of `bytes`.
    public static func digest(_ bytes: [UInt8]) -> [UInt8] {
        // The first 64 bits of the fractional parts of the square roots of the 9th to 16th primes.
        var state: [UInt64] = [0xcbbb9d5dc1059ed8, 0x629a292a367cd507, 0x9159015a3070dd17, 0x152fecd8f70e5939, 0x67332667ffc00b31, 0x8eb44a8768581511, 0xdb0c2e0d64f98fa7, 0x47b5481dbefa4fa4]
        // Padding: a 1 bit, zeros, then the message length in bits as a 128-bit number.
        var message = bytes
        message.append(0x80)
        while message.count % 128 != 112 { message.append(0) }
        let bits = UInt64(bytes.count) &* 8
        message += [UInt8](repeating: 0, count: 8) + (0..<8).map { UInt8(truncatingIfNeeded: bits >> (56 - 8 * $0)) }
        var schedule = [UInt64](repeating: 0, count: 80)
        for block in stride(from: 0, to: message.count, by: 128) {
            for t in 0..<16 {
                var word: UInt64 = 0
                for byte in 0..<8 { word = word << 8 | UInt64(message[block + 8 * t + byte]) }
                schedule[t] = word
            }
            for t in 16..<80 {
                let s0 = rotate(schedule[t - 15], 1) ^ rotate(schedule[t - 15], 8) ^ (schedule[t - 15] >> 7)
                let s1 = rotate(schedule[t - 2], 19) ^ rotate(schedule[t - 2], 61) ^ (schedule[t - 2] >> 6)
                schedule[t] = schedule[t - 16] &+ s0 &+ schedule[t - 7] &+ s1
            }
            var (a, b, c, d, e, f, g, h) = (state[0], state[1], state[2], state[3], state[4], state[5], state[6], state[7])
            for t in 0..<80 {
                let t1 = h &+ (rotate(e, 14) ^ rotate(e, 18) ^ rotate(e, 41)) &+ ((e & f) ^ (~e & g)) &+ roundConstants[t] &+ schedule[t]
                let t2 = (rotate(a, 28) ^ rotate(a, 34) ^ rotate(a, 39)) &+ ((a & b) ^ (a & c) ^ (b & c))
                (h, g, f, e, d, c, b, a) = (g, f, e, d &+ t1, c, b, a, t1 &+ t2)
            }
            for (index, value) in [a, b, c, d, e, f, g, h].enumerated() { state[index] = state[index] &+ value }
        }
        return state.prefix(6).flatMap { word in (0..<8).map { UInt8(truncatingIfNeeded: word >> (56 - 8 * $0)) } }
    }

    /// The Subresource Integrity value of `bytes`: `sha384-` and the digest in base64.
    public static func integrity(_ bytes: [UInt8]) -> String {
        integrity(digest: digest(bytes))
    }

    /// The Subresource Integrity value of a digest already computed.
    public static func integrity(digest: [UInt8]) -> String {
        "sha384-" + Data(digest).base64EncodedString()
    }

    /// The digest of `bytes` as lower-case hexadecimal.
    public static func hex(_ bytes: [UInt8]) -> String {
        hex(digest: digest(bytes))
    }

    /// A digest already computed, as lower-case hexadecimal.
    public static func hex(digest: [UInt8]) -> String {
        let digits = Array("0123456789abcdef".utf8)
        return String(decoding: digest.flatMap { [digits[Int($0 >> 4)], digits[Int($0 & 15)]] }, as: UTF8.self)
    }

    private static func rotate(_ value: UInt64, _ count: UInt64) -> UInt64 {
        value >> count | value << (64 - count)
    }

    /// The first 64 bits of the fractional parts of the cube roots of the first 80 primes.
    private static let roundConstants: [UInt64] = [
        0x428a2f98d728ae22, 0x7137449123ef65cd, 0xb5c0fbcfec4d3b2f, 0xe9b5dba58189dbbc,
        0x3956c25bf348b538, 0x59f111f1b605d019, 0x923f82a4af194f9b, 0xab1c5ed5da6d8118,
        0xd807aa98a3030242, 0x12835b0145706fbe, 0x243185be4ee4b28c, 0x550c7dc3d5ffb4e2,
        0x72be5d74f27b896f, 0x80deb1fe3b1696b1, 0x9bdc06a725c71235, 0xc19bf174cf692694,
        0xe49b69c19ef14ad2, 0xefbe4786384f25e3, 0x0fc19dc68b8cd5b5, 0x240ca1cc77ac9c65,
        0x2de92c6f592b0275, 0x4a7484aa6ea6e483, 0x5cb0a9dcbd41fbd4, 0x76f988da831153b5,
        0x983e5152ee66dfab, 0xa831c66d2db43210, 0xb00327c898fb213f, 0xbf597fc7beef0ee4,
        0xc6e00bf33da88fc2, 0xd5a79147930aa725, 0x06ca6351e003826f, 0x142929670a0e6e70,
        0x27b70a8546d22ffc, 0x2e1b21385c26c926, 0x4d2c6dfc5ac42aed, 0x53380d139d95b3df,
        0x650a73548baf63de, 0x766a0abb3c77b2a8, 0x81c2c92e47edaee6, 0x92722c851482353b,
        0xa2bfe8a14cf10364, 0xa81a664bbc423001, 0xc24b8b70d0f89791, 0xc76c51a30654be30,
        0xd192e819d6ef5218, 0xd69906245565a910, 0xf40e35855771202a, 0x106aa07032bbd1b8,
        0x19a4c116b8d2d0c8, 0x1e376c085141ab53, 0x2748774cdf8eeb99, 0x34b0bcb5e19b48a8,
        0x391c0cb3c5c95a63, 0x4ed8aa4ae3418acb, 0x5b9cca4f7763e373, 0x682e6ff3d6b2b8a3,
        0x748f82ee5defb2fc, 0x78a5636f43172f60, 0x84c87814a1f0ab72, 0x8cc702081a6439ec,
        0x90befffa23631e28, 0xa4506cebde82bde9, 0xbef9a3f7b2c67915, 0xc67178f2e372532b,
        0xca273eceea26619c, 0xd186b8c721c0c207, 0xeada7dd6cde0eb1e, 0xf57d4f7fee6ed178,
        0x06f067aa72176fba, 0x0a637dc5a2c898a6, 0x113f9804bef90dae, 0x1b710b35131c471b,
        0x28db77f523047d84, 0x32caab7b40c72493, 0x3c9ebe0a15c9bebc, 0x431d67c49c100d4c,
        0x4cc5d4becb3e42b6, 0x597f299cfc657e2a, 0x5fcb6fab3ad6faec, 0x6c44198c4a475817
    ]
}
