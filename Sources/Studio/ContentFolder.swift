import Content
import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// The content folder as the studio may touch it: reads and atomic writes of files strictly
/// inside it, with a version per file so that an edit made elsewhere is never overwritten.
public struct ContentFolder: Sendable {
    /// Why a path or a write was refused.
    public struct Refusal: Error, Sendable, CustomStringConvertible {
        public let description: String
    }

    /// What a save did.
    public enum SaveOutcome: Sendable, Equatable {
        /// Written; the file's new version.
        case saved(version: String)
        /// The file changed on disk since `expected` was read: nothing written. The text on disk
        /// (nil when the file is gone) and its version.
        case conflict(disk: String?, version: String)
    }

    /// The content folder, as given (`content`).
    public let root: String
    private let realRoot: String

    /// The studio's view of `root`; fails when the folder does not exist.
    public init(root: String) throws(Refusal) {
        self.root = root
        guard let real = realpath(root, nil) else { throw Refusal(description: "folder konten \(root) tidak ditemukan") }
        realRoot = String(cString: real)
        free(real)
    }

    /// The version of a file's bytes (a SHA-384 prefix); "" for a missing file.
    public static func version(of bytes: [UInt8]?) -> String {
        guard let bytes else { return "" }
        return String(SHA384.hex(bytes).prefix(32))
    }

    /// The absolute path of `relative` (below the content folder, `/`-separated), after checking
    /// that it stays inside: no absolute path, `..`, `.`, empty or hidden segment, backslash or
    /// NUL, and no symbolic link anywhere on the way.
    public func resolve(_ relative: String) throws(Refusal) -> String {
        let segments = relative.split(separator: "/", omittingEmptySubsequences: false)
        guard !relative.isEmpty, !relative.hasPrefix("/"), !relative.contains("\\"), !relative.contains("\0"),
              segments.allSatisfy({ !$0.isEmpty && !$0.hasPrefix(".") && $0.unicodeScalars.allSatisfy { $0.value >= 0x20 && $0.value != 0x7F } })
        else { throw Refusal(description: "alamat berkas \"\(relative)\" ditolak: harus di dalam folder konten") }
        var path = realRoot
        for segment in segments {
            path += "/" + segment
            var info = stat()
            if lstat(path, &info) == 0, (info.st_mode & S_IFMT) == S_IFLNK {
                throw Refusal(description: "\(relative) melewati tautan simbolik; studio hanya menulis berkas biasa di dalam folder konten")
            }
        }
        return path
    }

    /// A file's bytes, or nil when it does not exist.
    public func read(_ relative: String) throws(Refusal) -> [UInt8]? {
        let path = try resolve(relative)
        return FileManager.default.contents(atPath: path).map { [UInt8]($0) }
    }

    /// Writes `bytes` to `relative` if the file is still at version `expected` ("" for "must not
    /// exist yet"); otherwise writes nothing and reports the conflict. The new bytes go to a
    /// hidden file beside the target, flushed to disk, then renamed over it: a reader sees the
    /// old file or the new one, never half of one.
    public func save(_ relative: String, bytes: [UInt8], expected: String) throws(Refusal) -> SaveOutcome {
        let path = try resolve(relative)
        Self.lock.lock()
        defer { Self.lock.unlock() }
        let disk = FileManager.default.contents(atPath: path).map { [UInt8]($0) }
        let current = Self.version(of: disk)
        guard current == expected else {
            return .conflict(disk: disk.map { String(decoding: $0, as: UTF8.self) }, version: current)
        }
        try makeFolders(for: relative)
        let folder = (path as NSString).deletingLastPathComponent
        let temporary = folder + "/.studio-\(UUID().uuidString).tmp"
        let descriptor = open(temporary, O_WRONLY | O_CREAT | O_EXCL, 0o644)
        guard descriptor >= 0 else { throw Refusal(description: "\(relative) tidak dapat ditulis: \(String(cString: strerror(errno)))") }
        var written = 0
        let ok = bytes.withUnsafeBytes { buffer -> Bool in
            while written < buffer.count {
                let result = write(descriptor, buffer.baseAddress! + written, buffer.count - written)
                if result <= 0 { return false }
                written += result
            }
            return fsync(descriptor) == 0
        }
        close(descriptor)
        guard ok, rename(temporary, path) == 0 else {
            unlink(temporary)
            throw Refusal(description: "\(relative) tidak dapat ditulis: \(String(cString: strerror(errno)))")
        }
        return .saved(version: Self.version(of: bytes))
    }

    /// Creates the folders between the content folder and a file, refusing links.
    private func makeFolders(for relative: String) throws(Refusal) {
        var path = realRoot
        for segment in relative.split(separator: "/").dropLast() {
            path += "/" + segment
            var info = stat()
            if lstat(path, &info) == 0 {
                guard (info.st_mode & S_IFMT) == S_IFDIR else { throw Refusal(description: "\(path) bukan folder") }
            } else if mkdir(path, 0o755) != 0 {
                throw Refusal(description: "folder \(segment) tidak dapat dibuat: \(String(cString: strerror(errno)))")
            }
        }
    }

    /// Saves of one process one at a time, so that the version check and the rename are one step.
    private static let lock = NSLock()
}
