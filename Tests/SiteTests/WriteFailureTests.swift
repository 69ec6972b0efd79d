import Foundation
@testable import Site
import Testing

/// Writes go through one seam (`OutputFiles`); a failure injected there, at any point of a
/// build, must leave the output folder exactly as it was: never a mix of old and new files.
@Suite struct WriteFailureTests {
    /// The real disk, except that the `failAt`-th write (or rename) fails.
    final class FaultyDisk: @unchecked Sendable {
        let lock = NSLock()
        var writes = 0
        var renames = 0
        var failWriteAt: Int?
        var failRenameAt: Int?
        /// Writes to paths that end so fail.
        var failWritesEnding: String?

        init(failWriteAt: Int? = nil, failRenameAt: Int? = nil, failWritesEnding: String? = nil) {
            self.failWriteAt = failWriteAt
            self.failRenameAt = failRenameAt
            self.failWritesEnding = failWritesEnding
        }

        /// Makes the `failWriteAt`-th write from now fail (nil: none).
        func arm(failWriteAt: Int?) {
            lock.withLock {
                writes = 0
                self.failWriteAt = failWriteAt
            }
        }

        var files: OutputFiles {
            OutputFiles(
                write: { path, bytes in
                    let count = self.lock.withLock { self.writes += 1; return self.writes }
                    if count == self.lock.withLock({ self.failWriteAt }) { throw CocoaError(.fileWriteOutOfSpace) }
                    if let ending = self.failWritesEnding, path.hasSuffix(ending) { throw CocoaError(.fileWriteOutOfSpace) }
                    try OutputFiles.local.write(path, bytes)
                },
                rename: { from, to in
                    let count = self.lock.withLock { self.renames += 1; return self.renames }
                    if count == self.lock.withLock({ self.failRenameAt }) { throw CocoaError(.fileWriteNoPermission) }
                    try OutputFiles.local.rename(from, to)
                },
                remove: OutputFiles.local.remove
            )
        }
    }

    /// A built site, then an edit touching many pages (a menu entry) and a removed page.
    static func prepare() throws -> (temp: TemporaryDirectory, site: URL, output: URL) {
        let temp = try TemporaryDirectory()
        let site = temp.url.appendingPathComponent("site")
        try copySite(Paths.validSite, to: site)
        let output = temp.url.appendingPathComponent("public")
        _ = try SiteBuilder.build(BuildOptions(contentDirectory: site.path, themeDirectory: Paths.theme.path, outputDirectory: output.path))
        return (temp, site, output)
    }

    static func edit(_ site: URL) throws {
        try IncrementalTests.replace(site.appendingPathComponent("site.yml"), "  - name: Desa\n", "  - name: Desa-desa\n")
        try FileManager.default.removeItem(at: site.appendingPathComponent("berita/2017-01-02-awal.md"))
    }

    /// Nothing but the output folder is left beside it: no staging or backup folder.
    static func leftovers(_ temp: TemporaryDirectory) throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: temp.url.path).filter { $0.hasPrefix(".") }
    }

    @Test(arguments: [1, 2, 7, 40])
    func aFailedWriteDuringAnUpdateLeavesTheOutputAsItWas(failAt: Int) throws {
        let (temp, site, output) = try Self.prepare()
        let before = try snapshot(output)
        try Self.edit(site)
        let disk = FaultyDisk(failWriteAt: failAt)
        #expect(throws: BuildFailure.self) {
            try SiteBuilder.build(BuildOptions(contentDirectory: site.path, themeDirectory: Paths.theme.path, outputDirectory: output.path, outputFiles: disk.files))
        }
        #expect(try snapshot(output) == before)
        #expect(try Self.leftovers(temp) == [])
    }

    @Test(arguments: [1, 2, 5, 30])
    func aFailedRenameWhileCommittingIsUndone(failAt: Int) throws {
        let (temp, site, output) = try Self.prepare()
        let before = try snapshot(output)
        try Self.edit(site)
        let disk = FaultyDisk(failRenameAt: failAt)
        #expect(throws: BuildFailure.self) {
            try SiteBuilder.build(BuildOptions(contentDirectory: site.path, themeDirectory: Paths.theme.path, outputDirectory: output.path, outputFiles: disk.files))
        }
        #expect(disk.renames >= failAt, "the commit made fewer renames than the injected failure")
        #expect(try snapshot(output) == before)
        #expect(try Self.leftovers(temp) == [])
    }

    @Test func aFailedWriteOfAFreshBuildLeavesNoOutput() throws {
        let temp = try TemporaryDirectory()
        let output = temp.url.appendingPathComponent("public")
        let disk = FaultyDisk(failWriteAt: 50)
        #expect(throws: BuildFailure.self) {
            try SiteBuilder.build(BuildOptions(contentDirectory: Paths.validSite.path, themeDirectory: Paths.theme.path, outputDirectory: output.path, outputFiles: disk.files))
        }
        #expect(!FileManager.default.fileExists(atPath: output.path))
        #expect(try Self.leftovers(temp) == [])
    }

    /// The files made from the whole site (sitemap, feed, open data) and the search index's are
    /// written from threads of their own beside the pages' batches in a fresh build: a failure
    /// there stops the build all the same, with the message naming the file, and leaves no
    /// output.
    @Test(arguments: ["/sitemap.xml", "/berita/atom.xml", "/data/desa.csv", "/data/datapackage.json", "/cari/index/id/meta.json",
                      "/cari/index/en/r/0/0.json"])
    func aFailedWriteOfAWholeSiteFileStopsAFreshBuild(ending: String) throws {
        let temp = try TemporaryDirectory()
        let output = temp.url.appendingPathComponent("public")
        let disk = FaultyDisk(failWritesEnding: ending)
        do {
            _ = try SiteBuilder.build(BuildOptions(contentDirectory: Paths.validSite.path, themeDirectory: Paths.theme.path, outputDirectory: output.path,
                                                   outputFiles: disk.files))
            Issue.record("the build succeeded although the disk refused \(ending)")
        } catch {
            #expect(String(describing: error).contains(String(ending.dropFirst())), "\(error)")
        }
        #expect(!FileManager.default.fileExists(atPath: output.path))
        #expect(try Self.leftovers(temp) == [])
    }

    @Test func anIncrementalRebuildThatFailsToWriteKeepsTheOutputAndRecovers() throws {
        let (temp, site, output) = try Self.prepare()
        try FileManager.default.removeItem(at: output)
        let disk = FaultyDisk()
        let options = BuildOptions(contentDirectory: site.path, themeDirectory: Paths.theme.path, outputDirectory: output.path, outputFiles: disk.files)
        let builder = IncrementalBuilder(options: options)
        _ = try builder.build()
        let before = try snapshot(output)
        try Self.edit(site)
        disk.arm(failWriteAt: 3)
        #expect(throws: BuildFailure.self) { try builder.build() }
        #expect(try snapshot(output) == before)
        #expect(try Self.leftovers(temp) == [])
        // The next rebuild (the disk healthy again) gives exactly a clean build.
        disk.arm(failWriteAt: nil)
        _ = try builder.build()
        let clean = temp.url.appendingPathComponent("clean")
        _ = try SiteBuilder.build(BuildOptions(contentDirectory: site.path, themeDirectory: Paths.theme.path, outputDirectory: clean.path))
        #expect(try snapshot(output) == snapshot(clean))
    }
}
