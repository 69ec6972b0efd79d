import Foundation
@testable import Site
import Testing

/// The pipeline's scheduling: where files made on another thread join the write.
@Suite struct PipelineTests {
    private func jobs(_ prefix: String, _ count: Int) -> [SiteBuilder.OutputJob] {
        (0..<count).map { SiteBuilder.OutputJob(path: "\(prefix)\($0)", source: .bytes([])) }
    }

    /// A rebuild into an existing output writes a file again only when its bytes differ from
    /// those on disk, compared whole, the last byte and the length included.
    @Test func aFileIsTheSameOnlyWhenEveryByteIs() {
        let made = Array("<p>Desa Kenanga</p>\n".utf8)
        #expect(Pipeline.same(Data(made), made))
        #expect(Pipeline.same(Data(), []))
        #expect(!Pipeline.same(Data(made.dropLast() + [0x0A]), made.dropLast() + [0x0B]))
        #expect(!Pipeline.same(Data(made.dropLast()), made))
        #expect(!Pipeline.same(Data(made), made + [0x20]))
        #expect(!Pipeline.same(Data(), made))
        #expect(!Pipeline.same(Data(made), []))
    }

    /// With `--precompress`, the search index's files join the pages still to render spread
    /// evenly among them (their encodings are made with the batches'), each list in its order,
    /// none lost or repeated.
    @Test(arguments: [(5, 12), (12, 5), (7, 7), (1, 3), (3, 0), (0, 4)])
    func laterFilesAreSpreadEvenlyAmongThePagesLeft(pages: Int, later: Int) {
        let merged = Pipeline.interleave(jobs("page", pages)[...], jobs("index", later)).map(\.path)
        #expect(merged.filter { $0.hasPrefix("page") } == (0..<pages).map { "page\($0)" })
        #expect(merged.filter { $0.hasPrefix("index") } == (0..<later).map { "index\($0)" })
        #expect(merged.count == pages + later)
        guard pages > 0 else { return }
        // After the n-th page, about n/pages of the later files have been written.
        for (number, position) in merged.indices.filter({ merged[$0].hasPrefix("page") }).enumerated() {
            let before = merged[..<position].filter { $0.hasPrefix("index") }.count
            #expect(before == number * later / pages)
        }
    }
}
