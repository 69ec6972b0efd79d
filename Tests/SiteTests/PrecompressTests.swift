import Foundation
import Precompress
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
