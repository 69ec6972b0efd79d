import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// The one seam through which the generator reads input files, so core tests need no disk.
public struct FileSystem: Sendable {
    /// Reads a whole file.
    public var read: @Sendable (_ path: String) throws -> [UInt8]
    /// Lists the regular files below a directory, recursively, as sorted relative paths with `/`.
    /// Hidden files, editor backups and symbolic links are left out. Nil when the directory is missing.
    public var list: @Sendable (_ directory: String) -> [String]?

    /// Creates a file system from its two operations.
    public init(read: @escaping @Sendable (String) throws -> [UInt8], list: @escaping @Sendable (String) -> [String]?) {
        self.read = read
        self.list = list
    }

    /// The real disk.
    public static let local = FileSystem(
        read: { path in
            // Plain POSIX calls straight into the array: `FileManager.contents` went through
            // `Data` and cost a fifth of parsing a page.
            let descriptor = open(path, O_RDONLY | O_CLOEXEC)
            guard descriptor >= 0 else { throw CocoaError(.fileReadNoSuchFile, userInfo: [NSFilePathErrorKey: path]) }
            defer { close(descriptor) }
            var info = stat()
            guard fstat(descriptor, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG else {
                throw CocoaError(.fileReadUnknown, userInfo: [NSFilePathErrorKey: path])
            }
            // Read into the array's uninitialised room: the size the file has, and one byte
            // more, so that the read after it sees the end. Growing the array with zeros for
            // each read had filled 64 KB per file to learn that it had ended (5 GB of zeros at
            // a national site: 3.6 % of a profile of loading its pages).
            let size = max(Int(info.st_size), 0)
            var failed = false
            var bytes = [UInt8](unsafeUninitializedCapacity: size + 1) { buffer, count in
                count = 0
                while count < buffer.count {
                    let read = Glibc.read(descriptor, buffer.baseAddress! + count, buffer.count - count)
                    if read > 0 {
                        count += read
                    } else if read == 0 {
                        return
                    } else if errno != EINTR {
                        failed = true
                        return
                    }
                }
            }
            // A file that grew while it was read: the rest, in chunks.
            var chunk = [UInt8](repeating: 0, count: bytes.count > size ? 64 << 10 : 0)
            while !failed, !chunk.isEmpty {
                let read = chunk.withUnsafeMutableBytes { Glibc.read(descriptor, $0.baseAddress!, $0.count) }
                if read > 0 {
                    bytes.append(contentsOf: chunk[..<read])
                } else if read == 0 {
                    break
                } else if errno != EINTR {
                    failed = true
                }
            }
            if failed { throw CocoaError(.fileReadUnknown, userInfo: [NSFilePathErrorKey: path]) }
            return bytes
        },
        list: { directory in
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: directory, isDirectory: &isDirectory), isDirectory.boolValue else { return nil }
            var files: [String] = []
            FileSystem.walk(directory, prefix: "", into: &files)
            return files.sorted()
        }
    )

    /// An in-memory file system for tests: paths map to file contents.
    public static func memory(_ files: [String: String]) -> FileSystem {
        FileSystem(
            read: { path in
                guard let text = files[path] else { throw CocoaError(.fileReadNoSuchFile, userInfo: [NSFilePathErrorKey: path]) }
                return Array(text.utf8)
            },
            list: { directory in
                let prefix = directory.hasSuffix("/") ? directory : directory + "/"
                let found = files.keys.filter { $0.hasPrefix(prefix) }.map { String($0.dropFirst(prefix.count)) }
                return found.isEmpty ? nil : found.filter { !isEditorLeftover($0) }.sorted()
            }
        )
    }

    /// Lists regular files below `directory` with readdir, which reports each entry's type
    /// without a stat call per file (the URL resource API cost a tenth of a 10,000-page build).
    /// Hidden entries, editor leftovers and symbolic links are skipped.
    static func walk(_ directory: String, prefix: String, into files: inout [String]) {
        guard let stream = opendir(directory) else { return }
        defer { closedir(stream) }
        var folders: [String] = []
        while let entry = readdir(stream) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                String(decoding: raw.prefix { $0 != 0 }, as: UTF8.self)
            }
            if name.hasPrefix(".") { continue }
            var type = Int32(entry.pointee.d_type)
            if type == Int32(DT_UNKNOWN) {
                // Some file systems do not fill d_type: ask, without following links.
                var info = stat()
                guard lstat(directory + "/" + name, &info) == 0 else { continue }
                type = (info.st_mode & S_IFMT) == S_IFDIR ? Int32(DT_DIR) : (info.st_mode & S_IFMT) == S_IFREG ? Int32(DT_REG) : Int32(DT_LNK)
            }
            if type == Int32(DT_DIR) {
                folders.append(name)
            } else if type == Int32(DT_REG), !isEditorLeftover(name) {
                files.append(prefix + name)
            }
        }
        for folder in folders { walk(directory + "/" + folder, prefix: prefix + folder + "/", into: &files) }
    }

    /// Backup and swap files that editors leave beside the real ones.
    static func isEditorLeftover(_ relativePath: String) -> Bool {
        // On bytes: every file of `content/` is asked, each time it is listed.
        let bytes = relativePath.utf8
        let name = bytes.split(separator: UInt8(ascii: "/")).last ?? bytes[...]
        return name.first == UInt8(ascii: ".") || name.last == UInt8(ascii: "~") || name.reversed().starts(with: "pws.".utf8)
            || name.first == UInt8(ascii: "#")
    }
}

/// Joins path parts with `/`, without doubling separators.
func joinPath(_ base: String, _ relative: String) -> String {
    if base.isEmpty || base == "." { return relative }
    return base.hasSuffix("/") ? base + relative : base + "/" + relative
}
