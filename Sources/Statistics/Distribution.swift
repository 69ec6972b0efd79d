/// The spread of one indicator across villages: count, extremes and quartiles.
public struct Distribution: Sendable, Hashable {
    /// How many villages reported a value.
    public let count: Int
    /// The smallest value.
    public let minimum: Double
    /// The first quartile.
    public let q1: Double
    /// The median.
    public let median: Double
    /// The third quartile.
    public let q3: Double
    /// The largest value.
    public let maximum: Double

    /// The distribution of `values`, or nil when there are none.
    ///
    /// Quartiles interpolate linearly between order statistics (Hyndman and Fan's type 7, the
    /// default of R, NumPy and spreadsheet QUARTILE.INC), so readers can check them in any tool.
    public init?(_ values: [Double]) {
        guard !values.isEmpty else { return nil }
        let sorted = values.sorted()
        count = sorted.count
        minimum = sorted[0]
        maximum = sorted[sorted.count - 1]
        q1 = Distribution.quantile(sorted, 0.25)
        median = Distribution.quantile(sorted, 0.5)
        q3 = Distribution.quantile(sorted, 0.75)
    }

    /// The `p` quantile of sorted values, type 7.
    static func quantile(_ sorted: [Double], _ p: Double) -> Double {
        let position = p * Double(sorted.count - 1)
        let lower = Int(position.rounded(.down))
        let upper = min(lower + 1, sorted.count - 1)
        let fraction = position - Double(lower)
        return sorted[lower] + fraction * (sorted[upper] - sorted[lower])
    }
}
