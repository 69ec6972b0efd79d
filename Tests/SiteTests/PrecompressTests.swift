import Foundation
@testable import Precompress
@testable import Site
import Testing

/// `build --precompress`: every text file gets Brotli and gzip siblings that decode to it,
/// the same bytes on every run.
@Suite struct PrecompressTests {
    static func build(_ output: URL, precompress: Bool) throws {
        var options = BuildOptions(contentDirectory: Paths.validSite.path, themeDirectory: Paths.theme.path, outputDirectory: output.path)
        options.precompress = precompress
        _ = try SiteBuilder.build(options)
    }

    @Test func everyTextFileHasSiblingsThatDecodeToIt() throws {
        let temp = try TemporaryDirectory()
        let output = temp.url.appendingPathComponent("public")
        try Self.build(output, precompress: true)
        let files = try snapshot(output)
        let originals = files.keys.filter { !$0.hasSuffix(".br") && !$0.hasSuffix(".gz") }
        #expect(originals.count > 100)
        for path in originals.sorted() {
            let original = [UInt8](try #require(files[path]))
            guard Precompress.isText(path) else {
                #expect(files[path + ".br"] == nil && files[path + ".gz"] == nil, "\(path) is not text")
                continue
            }
            let brotli = [UInt8](try #require(files[path + ".br"], "\(path).br"))
            let gzip = [UInt8](try #require(files[path + ".gz"], "\(path).gz"))
            #expect(Precompress.unbrotli(brotli, expectedSize: original.count) == original, "\(path).br")
            #expect(Precompress.gunzip(gzip, expectedSize: original.count) == original, "\(path).gz")
            // gzip's header: no time, no name (bytes 4–7 are the time; flag 0x08 would be a name).
            #expect(gzip[3] & 0x08 == 0 && gzip[4..<8].allSatisfy { $0 == 0 }, "\(path).gz header")
        }
        #expect(originals.contains("index.html") && files["index.html.br"] != nil)
    }

    @Test func theBrotliWindowIsTheSmallestThatReachesOverTheFile() {
        // A window of 2^w bytes reaches back 2^w - 16 bytes (RFC 7932, 9.1).
        #expect(Precompress.brotliWindow(forSize: 0) == 10)
        #expect(Precompress.brotliWindow(forSize: 1008) == 10)
        #expect(Precompress.brotliWindow(forSize: 1009) == 11)
        #expect(Precompress.brotliWindow(forSize: 65520) == 16)
        #expect(Precompress.brotliWindow(forSize: 65521) == 17)
        #expect(Precompress.brotliWindow(forSize: (1 << 24) - 16) == 24)
        #expect(Precompress.brotliWindow(forSize: 1 << 30) == 24)
    }

    @Test func encodingsAroundTheWindowBoundsDecodeToTheOriginal() {
        // Sizes on both sides of each window bound, and past the largest window (24 bits: a
        // larger one needs Brotli's large-window extension, which standard decoders refuse).
        // The text repeats 1 MiB back, so the encoder finds matches out to the window's edge.
        var generator = SystemRandomNumberGenerator()
        let words = (0..<400).map { _ in String((0..<Int.random(in: 3...9, using: &generator)).map { _ in "abcdefghijklmnopqrstuvwxyz".randomElement(using: &generator)! }) }
        var block: [UInt8] = []
        while block.count < 1 << 20 { block += Array((words.randomElement(using: &generator)! + " ").utf8) }
        var text: [UInt8] = []
        while text.count < (1 << 24) + 4096 { text += block }
        for size in [0, 1, 1008, 1009, 65520, 65521, 300_000, (1 << 24) - 16, (1 << 24) + 4096] {
            let original = Array(text.prefix(size))
            // Compared inside, so that a failure names the size rather than printing 16 MiB.
            let decoded = Precompress.unbrotli(Precompress.brotli(original), expectedSize: size)
            #expect(decoded.map { $0 == original } == true, "\(size) bytes do not come back from Brotli")
        }
    }

    @Test func twoBuildsWriteTheSameBytes() throws {
        let temp = try TemporaryDirectory()
        try Self.build(temp.url.appendingPathComponent("a"), precompress: true)
        try Self.build(temp.url.appendingPathComponent("b"), precompress: true)
        #expect(try snapshot(temp.url.appendingPathComponent("a")) == snapshot(temp.url.appendingPathComponent("b")))
    }

    @Test func anUpdateAddsOrRemovesTheSiblings() throws {
        let temp = try TemporaryDirectory()
        let output = temp.url.appendingPathComponent("public")
        try Self.build(output, precompress: false)
        #expect(try snapshot(output).keys.allSatisfy { !$0.hasSuffix(".br") })
        try Self.build(output, precompress: true)
        let fresh = temp.url.appendingPathComponent("fresh")
        try Self.build(fresh, precompress: true)
        #expect(try snapshot(output) == snapshot(fresh))
        try Self.build(output, precompress: false)
        #expect(try snapshot(output).keys.allSatisfy { !$0.hasSuffix(".br") && !$0.hasSuffix(".gz") })
    }
}
