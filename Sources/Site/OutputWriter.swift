import Dispatch
import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Writes a build into a fresh folder beside the output and swaps it in only when complete,
/// so a failed or interrupted build never leaves `public/` half-written.
struct OutputWriter {
    let output: URL
    let staging: URL
    /// `staging.path`, made once: `URL.path` is slow, and every file of the site is below it.
    let stagingPath: String
    let files: OutputFiles

    /// Prepares an empty staging folder next to `outputDirectory`.
    init(outputDirectory: String, files: OutputFiles) throws {
        self.files = files
        output = URL(fileURLWithPath: outputDirectory).standardizedFileURL
        let parent = output.deletingLastPathComponent()
        try FileManager.default.createDirectory(at: parent, withIntermediateDirectories: true)
        staging = parent.appendingPathComponent(".\(output.lastPathComponent).building-\(ProcessInfo.processInfo.processIdentifier)")
        try? FileManager.default.removeItem(at: staging)
        try FileManager.default.createDirectory(at: staging, withIntermediateDirectories: true)
        stagingPath = staging.path
    }

    /// The staging path of a relative output path (checked: nothing is written outside).
    func path(for relativePath: String) throws -> String {
        stagingPath + "/" + (try checkedRelativePath(relativePath))
    }

    /// Writes one file into the staging folder.
    func write(_ bytes: [UInt8], to relativePath: String) throws {
        try files.write(try path(for: relativePath), bytes)
    }

    /// Replaces the output folder with the staging folder. Hidden files at the top of the old
    /// output (such as the repository's `.gitkeep`) are not generated, so they are carried over.
    func commit() throws {
        let manager = FileManager.default
        var isDirectory: ObjCBool = false
        if manager.fileExists(atPath: output.path, isDirectory: &isDirectory) {
            guard isDirectory.boolValue else {
                throw CocoaError(.fileWriteFileExists, userInfo: [NSFilePathErrorKey: output.path])
            }
            for name in (try? manager.contentsOfDirectory(atPath: output.path)) ?? [] where name.hasPrefix(".") {
                let target = staging.appendingPathComponent(name)
                if !manager.fileExists(atPath: target.path) {
                    try manager.copyItem(at: output.appendingPathComponent(name), to: target)
                }
            }
            let old = output.deletingLastPathComponent().appendingPathComponent(".\(output.lastPathComponent).old-\(ProcessInfo.processInfo.processIdentifier)")
            files.remove(old.path)
            try files.rename(output.path, old.path)
            do {
                try files.rename(staging.path, output.path)
            } catch {
                try? files.rename(old.path, output.path)
                throw error
            }
            files.remove(old.path)
        } else {
            try files.rename(staging.path, output.path)
        }
    }

    /// Removes the staging folder after a failure; the output is untouched.
    func discard() {
        files.remove(staging.path)
    }
}
