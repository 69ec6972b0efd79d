import Foundation
import Testing
@testable import Studio

/// The studio writes only regular files inside the content folder, atomically, and never over
/// an edit it has not seen.
struct ContentFolderTests {
    let root: URL
    let outside: URL

    init() throws {
        let base = FileManager.default.temporaryDirectory.appendingPathComponent("desmigratif-folder-\(UUID().uuidString)")
        root = base.appendingPathComponent("content")
        outside = base.appendingPathComponent("luar")
        try FileManager.default.createDirectory(at: root.appendingPathComponent("desa"), withIntermediateDirectories: true)
        try FileManager.default.createDirectory(at: outside, withIntermediateDirectories: true)
        try "rahasia\n".write(to: outside.appendingPathComponent("rahasia.md"), atomically: true, encoding: .utf8)
        try "---\nkode: \"32.12.16.2004\"\n---\n".write(to: root.appendingPathComponent("desa/kenanga.md"), atomically: true, encoding: .utf8)
        try FileManager.default.createSymbolicLink(at: root.appendingPathComponent("desa/tautan.md"), withDestinationURL: outside.appendingPathComponent("rahasia.md"))
        try FileManager.default.createSymbolicLink(at: root.appendingPathComponent("keluar"), withDestinationURL: outside)
    }

    @Test(arguments: ["../luar/rahasia.md", "/etc/passwd", "desa/../../luar/rahasia.md", "desa/./kenanga.md", ".git/config", "desa/.tersembunyi.md",
                      "desa\\kenanga.md", "", "desa//kenanga.md", "desa/kenanga.md\0", "desa/tautan.md", "keluar/rahasia.md", "keluar/baru.md"])
    func pathsLeavingTheFolderAreRefused(_ path: String) throws {
        let folder = try ContentFolder(root: root.path)
        #expect(throws: ContentFolder.Refusal.self) { _ = try folder.resolve(path) }
        #expect(throws: ContentFolder.Refusal.self) { _ = try folder.save(path, bytes: Array("x".utf8), expected: "") }
        #expect(try String(contentsOf: outside.appendingPathComponent("rahasia.md"), encoding: .utf8) == "rahasia\n")
        #expect(!FileManager.default.fileExists(atPath: outside.appendingPathComponent("baru.md").path))
    }

    @Test func aSaveOverAnUnseenEditIsRefused() throws {
        let folder = try ContentFolder(root: root.path)
        let opened = try #require(try folder.read("desa/kenanga.md"))
        let version = ContentFolder.version(of: opened)
        let theirs = Array("---\nkode: \"32.12.16.2004\"\n---\nDari disk.\n".utf8)
        try Data(theirs).write(to: root.appendingPathComponent("desa/kenanga.md"))
        let outcome = try folder.save("desa/kenanga.md", bytes: Array("milik saya".utf8), expected: version)
        #expect(outcome == .conflict(disk: String(decoding: theirs, as: UTF8.self), version: ContentFolder.version(of: theirs)))
        #expect(try folder.read("desa/kenanga.md") == theirs)
        // Saving with the disk's version (the editor chose to overwrite) goes through.
        #expect(try folder.save("desa/kenanga.md", bytes: Array("milik saya".utf8), expected: ContentFolder.version(of: theirs))
            == .saved(version: ContentFolder.version(of: Array("milik saya".utf8))))
    }

    @Test func aNewFileMustNotExistYetAndLeavesNoTemporaryFile() throws {
        let folder = try ContentFolder(root: root.path)
        #expect(try folder.save("berita/2026-01-01-baru.md", bytes: Array("baru".utf8), expected: "") == .saved(version: ContentFolder.version(of: Array("baru".utf8))))
        #expect(try folder.save("berita/2026-01-01-baru.md", bytes: Array("lagi".utf8), expected: "") == .conflict(disk: "baru", version: ContentFolder.version(of: Array("baru".utf8))))
        let left = try FileManager.default.contentsOfDirectory(atPath: root.appendingPathComponent("berita").path)
        #expect(left == ["2026-01-01-baru.md"])
    }
}
