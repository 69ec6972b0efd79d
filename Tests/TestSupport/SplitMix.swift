/// A small, reproducible random number generator (SplitMix64) for seeded fuzz tests: the same
/// seed gives the same cases on every machine, so a failure can be replayed.
public struct SplitMix: RandomNumberGenerator {
    /// The generator's state; the seed.
    public var state: UInt64

    /// A generator starting from `state`.
    public init(state: UInt64) {
        self.state = state
    }

    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
