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

    /// Prepares an empty staging folder next to `outputDirectory`.
    init(outputDirectory: String) throws {
        output = URL(fileURLWithPath: outputDirectory).standardizedFileURL
        let parent = output.deletingLastPathComponent()
        try FileManager.default.createDirectory(at: parent, withIntermediateDirectories: true)
        staging = parent.appendingPathComponent(".\(output.lastPathComponent).building-\(ProcessInfo.processInfo.processIdentifier)")
        try? FileManager.default.removeItem(at: staging)
        try FileManager.default.createDirectory(at: staging, withIntermediateDirectories: true)
    }

    /// The staging URL of a relative output path. Paths come from the site graph, whose segments
    /// are slugs, but they are checked again here: nothing may be written outside the output.
    func url(for relativePath: String) throws -> URL {
        URL(fileURLWithPath: try path(for: relativePath))
    }

    /// The staging path of a relative output path (see `url(for:)`).
    func path(for relativePath: String) throws -> String {
        let segments = relativePath.split(separator: "/", omittingEmptySubsequences: false)
        guard !relativePath.hasPrefix("/"), !segments.isEmpty,
              !segments.contains(where: { $0.isEmpty || $0 == "." || $0 == ".." || $0.contains("\\") || $0.contains("\0") })
        else {
            throw CocoaError(.fileWriteInvalidFileName, userInfo: [NSFilePathErrorKey: relativePath])
        }
        return staging.path + "/" + relativePath
    }

    /// Creates every folder the files will need, before the files are written. Folders of one
    /// depth are created concurrently, shallowest first, so each finds its parent in place.
    func createDirectories(for relativePaths: [String]) throws {
        var folders = Set<String>()
        for path in relativePaths {
            var parts = path.split(separator: "/").dropLast()
            while !parts.isEmpty {
                if !folders.insert(parts.joined(separator: "/")).inserted { break }
                parts = parts.dropLast()
            }
        }
        let byDepth = Dictionary(grouping: folders) { $0.split(separator: "/").count }
        for depth in byDepth.keys.sorted() {
            let level = byDepth[depth]!
            let paths = try level.map { try path(for: $0) }
            let failures = ConcurrentResults<Int32>(count: paths.count, initial: 0)
            for index in paths.indices {
                if mkdir(paths[index], 0o755) != 0, errno != EEXIST { failures[index] = errno }
            }
            if let code = failures.values.first(where: { $0 != 0 }) {
                throw CocoaError(.fileWriteUnknown, userInfo: [NSLocalizedDescriptionKey: String(cString: strerror(code))])
            }
        }
    }

    /// Makes the folders above a relative path, from the top down.
    private func makeParents(of relativePath: String) throws {
        var current = staging.path
        for part in relativePath.split(separator: "/").dropLast() {
            current += "/" + part
            if mkdir(current, 0o755) != 0, errno != EEXIST {
                throw CocoaError(.fileWriteUnknown, userInfo: [NSLocalizedDescriptionKey: "\(current): \(String(cString: strerror(errno)))"])
            }
        }
    }

    /// Writes one file into the staging folder (plain POSIX calls: this runs once per page).
    func write(_ bytes: [UInt8], to relativePath: String) throws {
        let path = try self.path(for: relativePath)
        var descriptor = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        if descriptor < 0, errno == ENOENT {
            // Folders are made as files need them, next to the file (as a person would), which
            // lets the file system place each page's folder and file together.
            try makeParents(of: relativePath)
            descriptor = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        }
        guard descriptor >= 0 else {
            throw CocoaError(.fileWriteUnknown, userInfo: [NSLocalizedDescriptionKey: "\(path): \(String(cString: strerror(errno)))"])
        }
        defer { close(descriptor) }
        var written = 0
        try bytes.withUnsafeBytes { buffer in
            while written < buffer.count {
                let result = Glibc.write(descriptor, buffer.baseAddress! + written, buffer.count - written)
                if result < 0 {
                    if errno == EINTR { continue }
                    throw CocoaError(.fileWriteUnknown, userInfo: [NSLocalizedDescriptionKey: "\(path): \(String(cString: strerror(errno)))"])
                }
                written += result
            }
        }
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
            try? manager.removeItem(at: old)
            try manager.moveItem(at: output, to: old)
            do {
                try manager.moveItem(at: staging, to: output)
            } catch {
                try? manager.moveItem(at: old, to: output)
                throw error
            }
            try? manager.removeItem(at: old)
        } else {
            try manager.moveItem(at: staging, to: output)
        }
    }

    /// Removes the staging folder after a failure; the output is untouched.
    func discard() {
        try? FileManager.default.removeItem(at: staging)
    }
}
