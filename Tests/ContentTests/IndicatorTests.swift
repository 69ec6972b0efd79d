import Content
import Testing

@Suite struct IndicatorSchemaTests {
    @Test func everyPillarHasIndicatorsAndOneMain() {
        for pilar in Pilar.allCases {
            let indicators = Indikator.of(pilar)
            #expect(!indicators.isEmpty)
            #expect(indicators.filter(\.isMain) == [pilar.mainIndikator])
        }
        #expect(Indikator.allCases.count == 13)
    }
}
