import Content
import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// The one seam through which a build writes: every file of the output, every rename of the
/// staging folder into place and every removal goes through it, so tests can make any of them
/// fail and see that `public/` is never left mixed.
public struct OutputFiles: Sendable {
    /// Writes a whole file at an absolute path, creating the folders above it.
    public var write: @Sendable (_ path: String, _ bytes: [UInt8]) throws -> Void
    /// Renames a file or folder (within one file system), creating the folders above the target.
    public var rename: @Sendable (_ from: String, _ to: String) throws -> Void
    /// Removes a file or a folder tree; missing is not an error.
    public var remove: @Sendable (_ path: String) -> Void

    /// Creates a seam from its operations.
    public init(write: @escaping @Sendable (String, [UInt8]) throws -> Void, rename: @escaping @Sendable (String, String) throws -> Void,
                remove: @escaping @Sendable (String) -> Void) {
        self.write = write
        self.rename = rename
        self.remove = remove
    }

    /// The real disk, through plain POSIX calls (this runs once per page).
    public static let local = OutputFiles(
        write: { path, bytes in
            var descriptor = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
            if descriptor < 0, errno == ENOENT {
                // Folders are made as files need them, next to the file (as a person would),
                // which lets the file system place each page's folder and file together.
                try makeParents(of: path)
                descriptor = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
            }
            guard descriptor >= 0 else { throw posixError(path) }
            defer { close(descriptor) }
            var written = 0
            try bytes.withUnsafeBytes { buffer in
                while written < buffer.count {
                    // Safe: an empty buffer never enters the loop, a non-empty one has an address.
                    let result = Glibc.write(descriptor, buffer.baseAddress! + written, buffer.count - written)
                    if result < 0 {
                        if errno == EINTR { continue }
                        throw posixError(path)
                    }
                    written += result
                }
            }
        },
        rename: { from, to in
            if Glibc.rename(from, to) != 0 {
                guard errno == ENOENT, access(from, F_OK) == 0 else { throw posixError("\(from) → \(to)") }
                try makeParents(of: to)
                guard Glibc.rename(from, to) == 0 else { throw posixError("\(from) → \(to)") }
            }
        },
        remove: { path in removeTree(path) }
    )

    /// Removes a file, or a folder and everything in it, with plain POSIX calls (the staging
    /// folder goes after every rebuild; `FileManager.removeItem` took a fifth of the time it
    /// spent writing). Symbolic links are removed, never followed.
    static func removeTree(_ path: String) {
        if unlink(path) == 0 || errno == ENOENT { return }
        if rmdir(path) == 0 || errno == ENOENT { return }
        guard let stream = opendir(path) else { return }
        var names: [String] = []
        while let entry = readdir(stream) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { String(decoding: $0.prefix { $0 != 0 }, as: UTF8.self) }
            if name != ".", name != ".." { names.append(name) }
        }
        closedir(stream)
        for name in names { removeTree(joinPath(path, name)) }
        rmdir(path)
    }

    /// Makes the folders above an absolute path. The nearest folder is tried first and its
    /// own parents only when missing: a new page's folder usually sits in one that exists, so
    /// this is one `mkdir` rather than one per level.
    static func makeParents(of path: String) throws {
        let bytes = Array(path.utf8)
        guard let slash = bytes.lastIndex(of: UInt8(ascii: "/")), slash > 0 else { return }
        let parent = String(decoding: bytes[..<slash], as: UTF8.self)
        if mkdir(parent, 0o755) == 0 || errno == EEXIST { return }
        guard errno == ENOENT else { throw posixError(parent) }
        try makeParents(of: parent)
        if mkdir(parent, 0o755) != 0, errno != EEXIST { throw posixError(parent) }
    }

    static func posixError(_ path: String) -> CocoaError {
        CocoaError(.fileWriteUnknown, userInfo: [NSLocalizedDescriptionKey: "\(path): \(String(cString: strerror(errno)))"])
    }
}

/// Checks a relative output path: segments from the site graph are slugs, but nothing may be
/// written outside the output whatever a path holds.
func checkedRelativePath(_ relativePath: String) throws -> String {
    // On bytes (once per output file): no segment empty (so no leading `/` or `//`), `.` or
    // `..`, and no backslash or NUL anywhere.
    let segments = relativePath.utf8.split(separator: UInt8(ascii: "/"), omittingEmptySubsequences: false)
    guard !segments.contains(where: { $0.isEmpty || $0.elementsEqual([0x2E]) || $0.elementsEqual([0x2E, 0x2E]) }),
          !relativePath.utf8.contains(where: { $0 == UInt8(ascii: "\\") || $0 == 0 })
    else {
        throw CocoaError(.fileWriteInvalidFileName, userInfo: [NSFilePathErrorKey: relativePath])
    }
    return relativePath
}

/// Updates an existing output folder in place without ever leaving it mixed: changed files are
/// first written into a staging folder beside it (a failure there leaves the output untouched),
/// then renamed into place, each replaced file moved aside first; if a rename fails, every one
/// already made is undone, so the output is all old or all new.
///
/// A process killed between the first and the last rename (a window of renames only, no
/// writing) can leave a mix; the staging folder it leaves says so, and the next
/// build replaces every file whose bytes differ.
struct StagedUpdate {
    let output: String
    let files: OutputFiles
    private let staging: String
    private var staged: [String] = []
    private var removals: [String] = []

    init(output: String, files: OutputFiles) {
        let url = URL(fileURLWithPath: output).standardizedFileURL
        self.output = url.path
        self.files = files
        let parent = url.deletingLastPathComponent().path
        let id = ProcessInfo.processInfo.processIdentifier
        staging = joinPath(parent, ".\(url.lastPathComponent).staging-\(id)")
        files.remove(staging)
    }

    // Staged and moved-aside files are kept flat, by number (`stagedFile`, `backupFile`), in one
    // folder made once and removed at once, however deep the output paths are: on ext4 making
    // and removing a folder was a tenth of a one-page rebuild.

    /// Where the `index`th staged file waits.
    private func stagedFile(_ index: Int) -> String { joinPath(staging, String(index)) }

    /// Where the `index`th replaced or removed file is moved aside.
    private func backupFile(_ index: Int) -> String { joinPath(staging, "old-\(index)") }

    /// Stages a changed file (relative path).
    mutating func write(_ bytes: [UInt8], to relativePath: String) throws {
        let path = try checkedRelativePath(relativePath)
        try files.write(stagedFile(staged.count), bytes)
        staged.append(path)
    }

    /// Stages several files written concurrently; the first failure is thrown after all finish.
    mutating func write(_ items: [(path: String, bytes: [UInt8])]) throws {
        let paths = try items.map { try checkedRelativePath($0.path) }
        let failures = ConcurrentResults<String?>(count: items.count, initial: nil)
        let targets = paths.indices.map { stagedFile(staged.count + $0) }
        let files = self.files
        DispatchQueue.concurrentPerform(iterations: items.count) { index in
            do {
                try files.write(targets[index], items[index].bytes)
            } catch {
                failures[index] = "\(paths[index]): \(error.localizedDescription)"
            }
        }
        if let message = failures.values.compactMap({ $0 }).first {
            throw CocoaError(.fileWriteUnknown, userInfo: [NSLocalizedDescriptionKey: message])
        }
        staged += paths
    }

    /// Marks an output file (relative path) for removal when the update commits.
    mutating func remove(_ relativePath: String) throws {
        removals.append(try checkedRelativePath(relativePath))
    }

    /// Moves the staged files into place and the removed ones out, all or nothing.
    func commit() throws {
        // Each step: the output path, its staged file (none for a removal), where the old file went.
        var done: [(path: String, staged: String?, backup: String?)] = []
        do {
            for (index, path) in staged.enumerated() {
                let target = joinPath(output, path)
                let backup = access(target, F_OK) == 0 ? backupFile(done.count) : nil
                if let backup { try files.rename(target, backup) }
                done.append((path, stagedFile(index), backup))
                try files.rename(stagedFile(index), target)
            }
            for path in removals {
                let backup = backupFile(done.count)
                try files.rename(joinPath(output, path), backup)
                done.append((path, nil, backup))
            }
        } catch {
            // Undo in reverse: put every old file back, take every new one out.
            for step in done.reversed() {
                let target = joinPath(output, step.path)
                if let staged = step.staged, access(target, F_OK) == 0, access(staged, F_OK) != 0 {
                    try? files.rename(target, staged)
                }
                if let backup = step.backup { try? files.rename(backup, target) }
            }
            discard()
            throw error
        }
        for path in removals { Self.removeEmptyFolders(above: joinPath(output, path), root: output) }
        discard()
    }

    /// Removes the staging folder; the output is as it was (or as committed).
    func discard() {
        files.remove(staging)
    }

    /// Removes the folders a removed file leaves empty, up to the output folder.
    static func removeEmptyFolders(above file: String, root: String) {
        var folder = URL(fileURLWithPath: file).deletingLastPathComponent()
        while folder.standardizedFileURL.path.count > root.count,
              let entries = try? FileManager.default.contentsOfDirectory(atPath: folder.path), entries.isEmpty {
            try? FileManager.default.removeItem(at: folder)
            folder.deleteLastPathComponent()
        }
    }
}
