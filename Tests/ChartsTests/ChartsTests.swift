@testable import Charts
import Foundation
import Testing

@Suite struct ChartsTests {
    static let format: NumberFormat = { String(Int($0)) }

    @Test func everyChartIsAnAccessibleImageWithTitleAndDescription() {
        let text = ChartText(id: "g1", title: "Desa <baru>", description: "Uraian & angka")
        let charts = [
            BarChart(text: text, categories: ["2016", "2017"], values: [2, 120], format: Self.format).svg(),
            HorizontalBarChart(text: text, categories: ["Jawa Barat"], values: [92], format: Self.format).svg(),
            LineChart(text: text, categories: ["2017", "2018"], series: [LineSeries(name: "A", values: [1, nil])], band: ("Q", [0, 1], [2, 3]), format: Self.format).svg(),
            StackedBarChart(text: text, rows: ["Pilar"], parts: ["baik", "cukup"], values: [[3, 1]], format: Self.format).svg(),
            TileMap(text: text, tiles: [.init(kode: "32", name: "Jawa Barat", value: 92)], noDataLabel: "kosong", format: Self.format).svg(),
        ]
        for svg in charts {
            #expect(svg.hasPrefix("<svg class=\"chart\" viewBox="))
            #expect(svg.contains("role=\"img\" aria-labelledby=\"g1-judul g1-uraian\""))
            #expect(svg.contains("<title id=\"g1-judul\">Desa &lt;baru&gt;</title>"))
            #expect(svg.contains("<desc id=\"g1-uraian\">Uraian &amp; angka</desc>"))
            #expect(!svg.contains("style="), "inline styles are blocked by the site's CSP")
            #expect(!svg.contains("<script"))
        }
    }

    @Test func barHeightsAreProportionalAndLabelled() {
        let svg = BarChart(text: ChartText(id: "b", title: "t", description: "d"), categories: ["a", "b"], values: [50, 100], format: Self.format).svg()
        // Plot height 192; the scale tops at 100, so the bars are 96 and 192 units tall.
        #expect(svg.contains("height=\"96\""))
        #expect(svg.contains("height=\"192\""))
        #expect(svg.contains(">50</text>"))
        #expect(svg.contains(">100</text>"))
    }

    @Test func niceScales() {
        #expect(niceScale(maximum: 150) == (top: 150, step: 50))
        #expect(niceScale(maximum: 503) == (top: 600, step: 200))
        #expect(niceScale(maximum: 7) == (top: 8, step: 2))
        #expect(niceScale(maximum: 0) == (top: 1, step: 0.25))
    }

    @Test func tileMapPlacesEveryProvinceOnce() {
        #expect(TileMap.layout.count == 38)
        let places = TileMap.layout.values.map { "\($0.row),\($0.column)" }
        #expect(Set(places).count == 38)
        let svg = TileMap(text: ChartText(id: "m", title: "t", description: "d"), tiles: [.init(kode: "32", name: "Jawa Barat", value: 5)], noDataLabel: "kosong", format: Self.format).svg()
        #expect(svg.contains("<title>Jawa Barat: 5</title>"))
        #expect(svg.components(separatedBy: "<rect").count - 1 == 38 + 5 + 1)
    }

    @Test func lineGapsSplitThePath() {
        let svg = LineChart(text: ChartText(id: "l", title: "t", description: "d"), categories: ["1", "2", "3", "4"],
                            series: [LineSeries(name: "A", values: [1, 2, nil, 4])], format: Self.format).svg()
        #expect(svg.components(separatedBy: "<polyline").count - 1 == 2)
    }
}
