import Foundation
@testable import Site
import Testing

/// The disk seams read and write whole files, make missing folders, and refuse what is not a
/// plain file or a safe relative path.
@Suite struct FileSystemTests {
    private func temporaryFolder() throws -> URL {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("desmigratif-fs-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        return folder
    }

    @Test func readsWholeFilesOfAnySizeAndRefusesFoldersAndMissingFiles() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        // Larger than the first read and than a later chunk (64 KB).
        let large = (0..<200_000).map { UInt8(truncatingIfNeeded: $0 &* 31 &+ 7) }
        try Data(large).write(to: folder.appendingPathComponent("besar.bin"))
        try Data().write(to: folder.appendingPathComponent("kosong.md"))
        #expect(try FileSystem.local.read(folder.appendingPathComponent("besar.bin").path) == large)
        #expect(try FileSystem.local.read(folder.appendingPathComponent("kosong.md").path) == [])
        #expect(throws: (any Error).self) { try FileSystem.local.read(folder.path) }
        #expect(throws: (any Error).self) { try FileSystem.local.read(folder.appendingPathComponent("tidak-ada.md").path) }
    }

    @Test func writesMakeTheFoldersAboveAFile() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let deep = folder.appendingPathComponent("desa/jawa-barat/indramayu/kenanga/index.html").path
        try OutputFiles.local.write(deep, Array("<p>Kenanga</p>".utf8))
        try OutputFiles.local.write(folder.appendingPathComponent("desa/jawa-barat/index.html").path, Array("x".utf8))
        #expect(try String(contentsOfFile: deep, encoding: .utf8) == "<p>Kenanga</p>")
    }

    @Test(arguments: ["", "/etc/passwd", "a//b.html", "a/./b.html", "../x.html", "a/..", "a\\b.html", "a\u{0}b.html", "a/"])
    func outputPathsOutsideTheFolderAreRefused(path: String) {
        #expect(throws: (any Error).self) { try checkedRelativePath(path) }
    }

    @Test func plainOutputPathsPass() throws {
        #expect(try checkedRelativePath("desa/jawa-barat/index.html") == "desa/jawa-barat/index.html")
        #expect(try checkedRelativePath(".well-known/security.txt") == ".well-known/security.txt")
    }

    @Test func summariesAreCutAtAWordWithoutTrailingPunctuation() {
        #expect(SiteAssembler.shorten("Singkat saja.") == "Singkat saja.")
        let exact = String(repeating: "a", count: 200)
        #expect(SiteAssembler.shorten(exact) == exact)
        #expect(SiteAssembler.shorten(String(repeating: "ab, ", count: 60)) == String(repeating: "ab, ", count: 49) + "ab…")
        #expect(SiteAssembler.shorten("«" + String(repeating: "kata ", count: 50)) == String(repeating: "kata ", count: 38) + "kata…")
    }
}
