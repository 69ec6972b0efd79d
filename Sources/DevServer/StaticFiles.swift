import Foundation

/// How the preview server answers a path: only regular files inside the output folder, with
/// pretty URLs, and nothing else.
public enum StaticFiles {
    /// The answer to a request path.
    public enum Resolution: Equatable, Sendable {
        /// Serve this file.
        case file(URL)
        /// A folder asked for without its slash: send the browser to `location`.
        case redirect(String)
        /// Nothing there: the theme's 404 page.
        case notFound
        /// A path that tries to leave the output folder (`..`, encoded dots, symbolic links,
        /// NUL or backslashes): refused.
        case forbidden
    }

    /// Resolves a raw (still percent-encoded) request path against the output folder.
    public static func resolve(_ rawPath: String, root: URL) -> Resolution {
        guard rawPath.hasPrefix("/"), let decoded = rawPath.removingPercentEncoding else { return .forbidden }
        if decoded.contains("\0") || decoded.contains("\\") { return .forbidden }
        let segments = decoded.split(separator: "/", omittingEmptySubsequences: true)
        if segments.contains(where: { $0 == ".." || $0 == "." }) { return .forbidden }
        if segments.contains(where: { $0.hasPrefix(".") }) { return .notFound }
        let base = root.standardizedFileURL
        var target = segments.reduce(base) { $0.appendingPathComponent(String($1)) }
        let wantsFolder = decoded.hasSuffix("/") || segments.isEmpty
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: target.path, isDirectory: &isDirectory) else { return .notFound }
        if isDirectory.boolValue {
            guard wantsFolder else { return .redirect(rawPath + "/") }
            target = target.appendingPathComponent("index.html")
            guard FileManager.default.fileExists(atPath: target.path, isDirectory: &isDirectory), !isDirectory.boolValue else { return .notFound }
        } else if wantsFolder {
            return .notFound
        }
        // A symbolic link anywhere on the way could lead outside: the path must be the same with
        // links resolved as without.
        let resolvedRoot = base.resolvingSymlinksInPath().path
        let resolved = target.resolvingSymlinksInPath().path
        guard resolved == resolvedRoot + String(target.path.dropFirst(base.path.count)), resolved.hasPrefix(resolvedRoot + "/") else {
            return .forbidden
        }
        return .file(target)
    }

    /// The Content-Type of a file by its extension.
    public static func contentType(of url: URL) -> String {
        if url.lastPathComponent == "atom.xml" { return "application/atom+xml; charset=utf-8" }
        switch url.pathExtension.lowercased() {
        case "html", "htm": return "text/html; charset=utf-8"
        case "css": return "text/css; charset=utf-8"
        case "js", "mjs": return "text/javascript; charset=utf-8"
        case "json": return "application/json; charset=utf-8"
        case "xml": return "application/xml; charset=utf-8"
        case "svg": return "image/svg+xml"
        case "txt": return "text/plain; charset=utf-8"
        case "csv": return "text/csv; charset=utf-8"
        case "png": return "image/png"
        case "jpg", "jpeg": return "image/jpeg"
        case "gif": return "image/gif"
        case "webp": return "image/webp"
        case "ico": return "image/x-icon"
        case "pdf": return "application/pdf"
        case "woff2": return "font/woff2"
        case "woff": return "font/woff"
        default: return "application/octet-stream"
        }
    }

    /// Adds the live-reload script and overlay style to an HTML page, before `</head>`. Only
    /// `serve` does this, on the way out; files on disk are never changed.
    public static func injectReload(into html: Data) -> Data {
        let tag = "<link rel=\"stylesheet\" href=\"\(LiveReload.stylePath)\"><script src=\"\(LiveReload.scriptPath)\" defer></script>\n"
        guard let range = html.range(of: Data("</head>".utf8)) else { return html + Data(tag.utf8) }
        var result = html
        result.insert(contentsOf: Data(tag.utf8), at: range.lowerBound)
        return result
    }
}
