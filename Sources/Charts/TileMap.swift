import Templating

/// Indonesia's provinces as a grid of equal tiles placed roughly where they lie, shaded by value:
/// a map every province can be seen on, however small (a choropleth would hide Jakarta).
public struct TileMap: Sendable {
    /// One tile's value.
    public struct Tile: Sendable {
        /// The two-digit province code.
        public var kode: String
        /// The province name (the tile's tooltip and the accessible text).
        public var name: String
        /// The value; nil for provinces outside the data.
        public var value: Double?

        /// Creates a tile value.
        public init(kode: String, name: String, value: Double?) {
            self.kode = kode
            self.name = name
            self.value = value
        }
    }

    /// Title and description.
    public var text: ChartText
    /// Values by province; provinces not listed are drawn empty.
    public var tiles: [Tile]
    /// The legend's label for "no data".
    public var noDataLabel: String
    /// How values are written.
    public var format: NumberFormat

    /// Creates a tile map.
    public init(text: ChartText, tiles: [Tile], noDataLabel: String, format: @escaping NumberFormat) {
        self.text = text
        self.tiles = tiles
        self.noDataLabel = noDataLabel
        self.format = format
    }

    /// Grid position (row, column) and ISO 3166-2:ID abbreviation of each province, west to east.
    static let layout: [String: (row: Int, column: Int, abbreviation: String)] = [
        "11": (0, 0, "AC"), "12": (1, 1, "SU"), "14": (1, 2, "RI"), "21": (1, 3, "KR"), "13": (2, 1, "SB"),
        "15": (2, 2, "JA"), "19": (2, 3, "BB"), "17": (3, 1, "BE"), "16": (3, 2, "SS"), "18": (4, 2, "LA"),
        "31": (4, 4, "JK"), "36": (5, 3, "BT"), "32": (5, 4, "JB"), "33": (5, 5, "JT"), "34": (6, 5, "YO"),
        "35": (5, 6, "JI"), "51": (5, 7, "BA"), "52": (5, 8, "NB"), "53": (5, 9, "NT"),
        "65": (1, 7, "KU"), "61": (2, 5, "KB"), "62": (2, 6, "KT"), "64": (2, 7, "KI"), "63": (3, 7, "KS"),
        "75": (1, 9, "GO"), "71": (1, 10, "SA"), "76": (2, 8, "SR"), "72": (2, 9, "ST"), "73": (3, 8, "SN"),
        "74": (3, 9, "SG"), "82": (1, 11, "MU"), "81": (3, 11, "MA"), "96": (2, 12, "PD"), "92": (2, 13, "PB"),
        "91": (2, 14, "PA"), "94": (3, 13, "PT"), "95": (3, 14, "PE"), "93": (4, 14, "PS"),
    ]

    /// Light to dark blue; text turns white on the two darkest.
    static let shades = ["#deebf7", "#9ecae1", "#6baed6", "#2171b5", "#08306b"]

    /// The chart as an SVG element.
    public func svg() -> String {
        let size = 27.0, gap = 1.5, left = 2.0, top = 2.0
        let mapHeight = top + 7 * size
        let height = mapHeight + 50
        let width = left + 15 * size + 2
        var svg = SVGWriter(width: width, height: height, text: text)
        let values = tiles.compactMap(\.value)
        let maximum = values.max() ?? 0
        let byKode = Dictionary(tiles.map { ($0.kode, $0) }, uniquingKeysWith: { first, _ in first })
        func shade(_ value: Double) -> Int {
            guard maximum > 0 else { return 0 }
            return min(Self.shades.count - 1, Int((value / maximum) * Double(Self.shades.count - 1) + 0.5))
        }
        for (kode, place) in Self.layout.sorted(by: { $0.key < $1.key }) {
            let x = left + Double(place.column) * size
            let y = top + Double(place.row) * size
            let tile = byKode[kode]
            let fill: String
            let textFill: String
            if let value = tile?.value {
                let index = shade(value)
                fill = Self.shades[index]
                textFill = index >= 3 ? "#ffffff" : Palette.ink
            } else {
                fill = "#f3f5f7"
                textFill = Palette.muted
            }
            let tooltip = tile.map { "\($0.name): \($0.value.map(format) ?? noDataLabel)" } ?? noDataLabel
            svg.add("<g><title>\(HTML.escape(tooltip))</title><rect x=\"\(n(x))\" y=\"\(n(y))\" width=\"\(n(size - gap))\" height=\"\(n(size - gap))\" rx=\"2\" fill=\"\(fill)\" stroke=\"\(Palette.grid)\" stroke-width=\"0.5\"/>")
            svg.add("<text x=\"\(n(x + (size - gap) / 2))\" y=\"\(n(y + size / 2 + 3))\" text-anchor=\"middle\" font-size=\"9\" fill=\"\(textFill)\">\(place.abbreviation)</text></g>")
        }
        // Legend: the scale from zero to the maximum, and the empty tile.
        let legendY = mapHeight + 8
        for (index, colour) in Self.shades.enumerated() {
            svg.add("<rect x=\"\(n(left + Double(index) * 28))\" y=\"\(n(legendY))\" width=\"28\" height=\"10\" fill=\"\(colour)\"/>")
        }
        svg.label(format(0), x: left, y: legendY + 24, size: 10, fill: Palette.muted)
        svg.label(format(maximum), x: left + 140, y: legendY + 24, anchor: "end", size: 10, fill: Palette.muted)
        svg.add("<rect x=\"\(n(left + 170))\" y=\"\(n(legendY))\" width=\"12\" height=\"10\" fill=\"#f3f5f7\" stroke=\"\(Palette.grid)\"/>")
        svg.label(noDataLabel, x: left + 186, y: legendY + 9, size: 10, fill: Palette.muted)
        return svg.document()
    }
}
