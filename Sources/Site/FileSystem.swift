import Foundation

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
            guard let data = FileManager.default.contents(atPath: path) else {
                throw CocoaError(.fileReadNoSuchFile, userInfo: [NSFilePathErrorKey: path])
            }
            return [UInt8](data)
        },
        list: { directory in
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: directory, isDirectory: &isDirectory), isDirectory.boolValue else { return nil }
            let root = URL(fileURLWithPath: directory, isDirectory: true)
            let keys: [URLResourceKey] = [.isRegularFileKey, .isSymbolicLinkKey]
            guard let enumerator = FileManager.default.enumerator(at: root, includingPropertiesForKeys: keys, options: [.skipsHiddenFiles]) else {
                return []
            }
            let prefix = root.standardizedFileURL.path.hasSuffix("/") ? root.standardizedFileURL.path : root.standardizedFileURL.path + "/"
            var files: [String] = []
            for case let url as URL in enumerator {
                guard let values = try? url.resourceValues(forKeys: Set(keys)),
                      values.isSymbolicLink != true, values.isRegularFile == true else { continue }
                let path = url.standardizedFileURL.path
                guard path.hasPrefix(prefix) else { continue }
                let relative = String(path.dropFirst(prefix.count))
                if FileSystem.isEditorLeftover(relative) { continue }
                files.append(relative)
            }
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

    /// Backup and swap files that editors leave beside the real ones.
    static func isEditorLeftover(_ relativePath: String) -> Bool {
        let name = relativePath.split(separator: "/").last.map(String.init) ?? relativePath
        return name.hasPrefix(".") || name.hasSuffix("~") || name.hasSuffix(".swp") || name.hasPrefix("#")
    }
}

/// Joins path parts with `/`, without doubling separators.
func joinPath(_ base: String, _ relative: String) -> String {
    if base.isEmpty || base == "." { return relative }
    return base.hasSuffix("/") ? base + relative : base + "/" + relative
}
