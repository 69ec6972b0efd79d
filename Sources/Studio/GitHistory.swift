import Foundation

/// A page's history through the `git` command, when the content folder is in a git repository:
/// record a save, list a file's recent versions, read one back.
public struct GitHistory: Sendable {
    /// One recorded version of a file.
    public struct Version: Sendable, Equatable {
        /// The commit's full hash.
        public let commit: String
        public let author: String
        /// ISO 8601 date.
        public let date: String
        public let message: String
    }

    /// The content folder the commands run in.
    public let folder: String

    /// The history of `folder`, or nil when it is not inside a git repository (or git is missing).
    public init?(folder: String) {
        self.folder = folder
        guard let output = try? Self.run(["rev-parse", "--is-inside-work-tree"], in: folder), output.trimmingTrailingWhitespace == "true" else { return nil }
    }

    /// Records the file `relative` (below the folder) as it is on disk, with `message`. The
    /// commit holds that file only, whatever else is staged.
    public func record(_ relative: String, message: String) throws {
        _ = try Self.run(["add", "--", relative], in: folder)
        var arguments = ["commit", "--quiet", "--only", "-m", message, "--", relative]
        // A machine where nobody set a name still gets a commit, signed as the studio.
        if (try? Self.run(["config", "user.email"], in: folder))?.isEmpty ?? true {
            arguments = ["-c", "user.name=Studio Desmigratif", "-c", "user.email=studio@localhost"] + arguments
        }
        _ = try Self.run(arguments, in: folder)
    }

    /// The file's last `limit` versions, newest first.
    public func versions(of relative: String, limit: Int = 20) -> [Version] {
        guard let output = try? Self.run(["log", "-n", String(limit), "--format=%H%x1f%an%x1f%aI%x1f%s", "--", relative], in: folder) else { return [] }
        return output.split(separator: "\n").compactMap { line in
            let fields = line.split(separator: "\u{1F}", omittingEmptySubsequences: false).map(String.init)
            guard fields.count == 4 else { return nil }
            return Version(commit: fields[0], author: fields[1], date: fields[2], message: fields[3])
        }
    }

    /// The file's text at `commit` (a full hash listed by `versions`).
    public func text(of relative: String, at commit: String) -> String? {
        guard commit.count == 40, commit.allSatisfy(\.isHexDigit) else { return nil }
        return try? Self.run(["show", "\(commit):./\(relative)"], in: folder)
    }

    struct Failure: Error, CustomStringConvertible {
        let description: String
    }

    /// Runs git in `folder`, returning its standard output; throws with its standard error.
    static func run(_ arguments: [String], in folder: String) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["git", "-C", folder] + arguments
        let output = Pipe(), errors = Pipe()
        process.standardOutput = output
        process.standardError = errors
        process.standardInput = FileHandle.nullDevice
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        let errorData = errors.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw Failure(description: String(decoding: errorData, as: UTF8.self).trimmingTrailingWhitespace)
        }
        return String(decoding: data, as: UTF8.self)
    }
}
