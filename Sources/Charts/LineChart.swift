/// One named line of a line chart.
public struct LineSeries: Sendable {
    /// The legend name.
    public var name: String
    /// One value per category; nil leaves a gap.
    public var values: [Double?]

    /// Creates a series.
    public init(name: String, values: [Double?]) {
        self.name = name
        self.values = values
    }
}

/// Lines over a run of categories (years), each with its own colour and dash, and an optional
/// shaded band (the interquartile range behind a median).
public struct LineChart: Sendable {
    /// Title and description.
    public var text: ChartText
    /// Category labels along the bottom.
    public var categories: [String]
    /// The lines.
    public var series: [LineSeries]
    /// A shaded band between two value runs, with its legend name.
    public var band: (name: String, lower: [Double?], upper: [Double?])?
    /// How the axis is written.
    public var format: NumberFormat

    /// Creates a line chart.
    public init(text: ChartText, categories: [String], series: [LineSeries], band: (name: String, lower: [Double?], upper: [Double?])? = nil, format: @escaping NumberFormat) {
        self.text = text
        self.categories = categories
        self.series = series
        self.band = band
        self.format = format
    }

    /// The chart as an SVG element.
    public func svg() -> String {
        let width = 420.0, left = 44.0, right = 20.0, top = 12.0
        let legendRows = Double((series.count + (band == nil ? 0 : 1) + 1) / 2)
        let plotHeight = 170.0
        let height = top + plotHeight + 26 + legendRows * 20
        var svg = SVGWriter(width: width, height: height, text: text)
        let all = series.flatMap { $0.values.compactMap { $0 } } + (band?.upper.compactMap { $0 } ?? [])
        let scale = niceScale(maximum: all.max() ?? 0)
        let y = { (value: Double) in top + plotHeight * (1 - value / scale.top) }
        let step = (width - left - right) / Double(max(categories.count - 1, 1))
        let x = { (index: Int) in left + step * Double(index) }
        var tick = 0.0
        while tick <= scale.top + scale.step / 2 {
            svg.add("<line x1=\"\(n(left))\" x2=\"\(n(width - right))\" y1=\"\(n(y(tick)))\" y2=\"\(n(y(tick)))\" stroke=\"\(Palette.grid)\" stroke-width=\"1\"/>")
            svg.label(format(tick), x: left - 4, y: y(tick) + 4, anchor: "end", size: 11, fill: Palette.muted)
            tick += scale.step
        }
        for (index, category) in categories.enumerated() {
            svg.label(category, x: x(index), y: top + plotHeight + 18, anchor: "middle", size: 12)
        }
        if let band {
            let known = categories.indices.compactMap { index in
                band.lower[index].flatMap { low in band.upper[index].map { (index: index, low: low, high: $0) } }
            }
            if known.count > 1 {
                let upper = known.map { "\(n(x($0.index))),\(n(y($0.high)))" }
                let lower = known.reversed().map { "\(n(x($0.index))),\(n(y($0.low)))" }
                svg.add("<polygon points=\"\((upper + lower).joined(separator: " "))\" fill=\"\(Palette.colours[0])\" fill-opacity=\"0.15\"/>")
            }
        }
        for (number, line) in series.enumerated() {
            let colour = Palette.colours[number % Palette.colours.count]
            let dash = Palette.dashes[number % Palette.dashes.count]
            // A gap (nil) ends one path and starts the next.
            var runs: [[(index: Int, value: Double)]] = [[]]
            for index in categories.indices {
                if let value = line.values[index] { runs[runs.count - 1].append((index, value)) } else if !runs[runs.count - 1].isEmpty { runs.append([]) }
            }
            for run in runs where !run.isEmpty {
                let points = run.map { "\(n(x($0.index))),\(n(y($0.value)))" }.joined(separator: " ")
                let dashAttribute = dash.isEmpty ? "" : " stroke-dasharray=\"\(dash)\""
                svg.add("<polyline points=\"\(points)\" fill=\"none\" stroke=\"\(colour)\" stroke-width=\"2.5\"\(dashAttribute)/>")
                for point in run {
                    svg.add("<circle cx=\"\(n(x(point.index)))\" cy=\"\(n(y(point.value)))\" r=\"3\" fill=\"\(colour)\"/>")
                }
            }
        }
        var legend: [(String, String, String, Bool)] = series.enumerated().map {
            ($0.element.name, Palette.colours[$0.offset % Palette.colours.count], Palette.dashes[$0.offset % Palette.dashes.count], false)
        }
        if let band { legend.append((band.name, Palette.colours[0], "", true)) }
        let legendTop = top + plotHeight + 30
        for (index, entry) in legend.enumerated() {
            let lx = 8 + Double(index % 2) * 210
            let ly = legendTop + 20 * Double(index / 2)
            if entry.3 {
                svg.add("<rect x=\"\(n(lx))\" y=\"\(n(ly + 2))\" width=\"22\" height=\"10\" fill=\"\(entry.1)\" fill-opacity=\"0.15\"/>")
            } else {
                let dashAttribute = entry.2.isEmpty ? "" : " stroke-dasharray=\"\(entry.2)\""
                svg.add("<line x1=\"\(n(lx))\" x2=\"\(n(lx + 22))\" y1=\"\(n(ly + 7))\" y2=\"\(n(ly + 7))\" stroke=\"\(entry.1)\" stroke-width=\"2.5\"\(dashAttribute)/>")
            }
            svg.label(entry.0, x: lx + 28, y: ly + 12, size: 12)
        }
        return svg.document()
    }
}
