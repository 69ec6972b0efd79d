/// Vertical bars for a short run of categories (years), each bar labelled with its value.
public struct BarChart: Sendable {
    /// Title and description.
    public var text: ChartText
    /// Category labels along the bottom.
    public var categories: [String]
    /// One value per category; nil draws no bar.
    public var values: [Double?]
    /// How values and the axis are written.
    public var format: NumberFormat

    /// Creates a bar chart.
    public init(text: ChartText, categories: [String], values: [Double?], format: @escaping NumberFormat) {
        self.text = text
        self.categories = categories
        self.values = values
        self.format = format
    }

    /// The chart as an SVG element.
    public func svg() -> String {
        let width = 420.0, height = 240.0
        let left = 44.0, right = 8.0, top = 20.0, bottom = 28.0
        var svg = SVGWriter(width: width, height: height, text: text)
        let maximum = values.compactMap { $0 }.max() ?? 0
        let scale = niceScale(maximum: maximum)
        let plotHeight = height - top - bottom
        let y = { (value: Double) in top + plotHeight * (1 - value / scale.top) }
        var tick = 0.0
        while tick <= scale.top + scale.step / 2 {
            svg.add("<line x1=\"\(n(left))\" x2=\"\(n(width - right))\" y1=\"\(n(y(tick)))\" y2=\"\(n(y(tick)))\" stroke=\"\(Palette.grid)\" stroke-width=\"1\"/>")
            svg.label(format(tick), x: left - 4, y: y(tick) + 4, anchor: "end", size: 11, fill: Palette.muted)
            tick += scale.step
        }
        let slot = (width - left - right) / Double(max(categories.count, 1))
        let barWidth = slot * 0.62
        for (index, category) in categories.enumerated() {
            let x = left + slot * Double(index) + (slot - barWidth) / 2
            svg.label(category, x: x + barWidth / 2, y: height - 10, anchor: "middle", size: 12)
            guard let value = values[index] else { continue }
            let barTop = y(value)
            svg.add("<rect x=\"\(n(x))\" y=\"\(n(barTop))\" width=\"\(n(barWidth))\" height=\"\(n(max(0, top + plotHeight - barTop)))\" fill=\"\(Palette.colours[0])\"/>")
            svg.label(format(value), x: x + barWidth / 2, y: barTop - 4, anchor: "middle", size: 11, weight: "600")
        }
        return svg.document()
    }
}

/// Horizontal bars for named categories (provinces, regencies, villages), longest list first.
public struct HorizontalBarChart: Sendable {
    /// Title and description.
    public var text: ChartText
    /// Category labels at the left.
    public var categories: [String]
    /// One value per category.
    public var values: [Double]
    /// How values are written.
    public var format: NumberFormat

    /// Creates a horizontal bar chart.
    public init(text: ChartText, categories: [String], values: [Double], format: @escaping NumberFormat) {
        self.text = text
        self.categories = categories
        self.values = values
        self.format = format
    }

    /// The chart as an SVG element.
    public func svg() -> String {
        let width = 420.0, rowHeight = 22.0, labelWidth = 180.0, right = 44.0
        let height = rowHeight * Double(categories.count) + 8
        var svg = SVGWriter(width: width, height: height, text: text)
        let maximum = max(values.max() ?? 0, 1)
        let plotWidth = width - labelWidth - right
        for (index, category) in categories.enumerated() {
            let y = 4 + rowHeight * Double(index)
            svg.label(shortened(category), x: labelWidth - 6, y: y + 15, anchor: "end", size: 11)
            let length = plotWidth * values[index] / maximum
            svg.add("<rect x=\"\(n(labelWidth))\" y=\"\(n(y + 3))\" width=\"\(n(length))\" height=\"\(n(rowHeight - 7))\" fill=\"\(Palette.colours[0])\"/>")
            svg.label(format(values[index]), x: labelWidth + length + 4, y: y + 15, size: 11, weight: "600")
        }
        return svg.document()
    }
}

/// One horizontal bar per row, split into parts that add up to the row's total (evaluation
/// verdicts per pillar), with a legend.
public struct StackedBarChart: Sendable {
    /// Title and description.
    public var text: ChartText
    /// Row labels.
    public var rows: [String]
    /// Part names, in stacking order.
    public var parts: [String]
    /// Values per row, one per part.
    public var values: [[Double]]
    /// How values are written.
    public var format: NumberFormat

    /// Creates a stacked bar chart.
    public init(text: ChartText, rows: [String], parts: [String], values: [[Double]], format: @escaping NumberFormat) {
        self.text = text
        self.rows = rows
        self.parts = parts
        self.values = values
        self.format = format
    }

    /// The chart as an SVG element.
    public func svg() -> String {
        let width = 420.0, rowHeight = 30.0, labelWidth = 180.0, right = 8.0
        let legendHeight = 22.0 * Double((parts.count + 1) / 2)
        let height = rowHeight * Double(rows.count) + legendHeight + 12
        var svg = SVGWriter(width: width, height: height, text: text)
        let plotWidth = width - labelWidth - right
        for (index, row) in rows.enumerated() {
            let y = 4 + rowHeight * Double(index)
            svg.label(shortened(row), x: labelWidth - 6, y: y + 18, anchor: "end", size: 11)
            let total = values[index].reduce(0, +)
            var x = labelWidth
            for (part, value) in values[index].enumerated() where total > 0 && value > 0 {
                let length = plotWidth * value / total
                svg.add("<rect x=\"\(n(x))\" y=\"\(n(y + 4))\" width=\"\(n(length))\" height=\"\(n(rowHeight - 10))\" fill=\"\(Palette.colours[part % Palette.colours.count])\"/>")
                if length > 22 { svg.label(format(value), x: x + length / 2, y: y + 19, anchor: "middle", size: 11, weight: "600", fill: "#ffffff") }
                x += length
            }
        }
        let legendTop = rowHeight * Double(rows.count) + 10
        for (index, part) in parts.enumerated() {
            let x = 8 + Double(index % 2) * 210
            let y = legendTop + 22 * Double(index / 2)
            svg.add("<rect x=\"\(n(x))\" y=\"\(n(y + 2))\" width=\"12\" height=\"12\" fill=\"\(Palette.colours[index % Palette.colours.count])\"/>")
            svg.label(part, x: x + 18, y: y + 13, size: 12)
        }
        return svg.document()
    }
}

/// A label that fits a 180-unit column at font size 11; the full name is in the table beside.
func shortened(_ label: String) -> String {
    label.count > 27 ? String(label.prefix(26)) + "…" : label
}
