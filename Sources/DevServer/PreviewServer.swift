import Content
import FlyingFox
import Foundation
import Site
import Studio
#if canImport(Glibc)
import Glibc
#endif

/// `desmigratif serve`: builds the site, serves the output folder on a local address, watches
/// the content and theme, rebuilds what an edit affects and reloads open pages.
public final class PreviewServer: @unchecked Sendable {
    /// Why the server could not start.
    public struct StartError: Error, CustomStringConvertible, Sendable {
        public let description: String
    }

    private let options: BuildOptions
    private let host: String
    private let port: UInt16
    private let builder: IncrementalBuilder
    private let hub = LiveReload()
    private let log: @Sendable (String) -> Void
    /// The editors' studio at `/_studio/`, unless turned off.
    private let studio: Studio?

    /// How the studio is offered.
    public enum StudioMode: Sendable {
        /// No studio (`--no-studio`).
        case off
        /// A studio; with a password, editors log in first.
        case on(password: String?)
    }

    /// A server for a site; `log` receives what the terminal should show. A studio on an
    /// address other than loopback needs a password: without one, `StartError`.
    public init(options: BuildOptions, host: String, port: UInt16, studio mode: StudioMode = .off,
                log: @escaping @Sendable (String) -> Void) throws(StartError) {
        self.options = options
        self.host = host
        self.port = port
        self.builder = IncrementalBuilder(options: options)
        self.log = log
        switch mode {
        case .off:
            studio = nil
        case .on(let password):
            guard password != nil || Self.isLoopback(host) else {
                throw StartError(description: "studio di \(host) dapat dibuka dari mesin lain: mulai dengan --password (atau --password-file), atau matikan dengan --no-studio")
            }
            do {
                studio = try Studio(options: options, security: StudioGuard(host: host, port: port, password: password))
            } catch {
                throw StartError(description: error.description)
            }
        }
    }

    /// Whether an IPv4 address is this machine only (127.0.0.0/8).
    static func isLoopback(_ host: String) -> Bool {
        host.split(separator: ".").first == "127"
    }

    /// The address pages are served at.
    public var address: String { "http://\(host):\(port)/" }

    /// Builds once, then serves and watches until the process ends. A build error does not stop
    /// the server: the terminal and open pages show it until it is fixed.
    public func run() async throws {
        try Self.checkAvailable(host: host, port: port)
        rebuild(reason: nil)
        let server = HTTPServer(address: try .inet(ip4: host, port: port), timeout: 60, logger: .disabled)
        await server.appendRoute(HTTPRoute("GET \(LiveReload.socketPath)"), to: .webSocket(hub))
        if let studio {
            await server.appendRoute(HTTPRoute("*")) { request in try await Self.forward(request, to: studio) }
        }
        await server.appendRoute(HTTPRoute("GET,HEAD *")) { [self] request in respond(to: request) }
        await server.appendRoute(HTTPRoute("*")) { _ in
            var headers = HTTPHeaders()
            headers[HTTPHeader("Allow")] = "GET, HEAD"
            return HTTPResponse(statusCode: .methodNotAllowed, headers: headers)
        }
        let watcher = Task.detached { [self] in await watch() }
        defer { watcher.cancel() }
        log("Pratinjau di \(address) (berhenti dengan Ctrl+C). Perubahan di \(options.contentDirectory)/ dan \(options.themeDirectory)/ dibangun ulang otomatis.")
        if studio != nil { log("Studio penyunting di \(address)_studio/") }
        try await server.run()
    }

    /// Refuses a port another program holds, with a message that says what to do, before the
    /// server library would fail with a bare socket error.
    static func checkAvailable(host: String, port: UInt16) throws {
        #if canImport(Glibc)
        let socket = Glibc.socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard socket >= 0 else { return }
        defer { close(socket) }
        var reuse: Int32 = 1
        setsockopt(socket, SOL_SOCKET, SO_REUSEADDR, &reuse, socklen_t(MemoryLayout<Int32>.size))
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = port.bigEndian
        guard inet_pton(AF_INET, host, &address.sin_addr) == 1 else {
            throw StartError(description: "alamat \(host) bukan alamat IPv4; pakai misalnya --host 127.0.0.1")
        }
        let result = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(socket, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        if result != 0 {
            let reason = errno == EADDRINUSE ? "sudah dipakai program lain" : String(cString: strerror(errno))
            throw StartError(description: "port \(port) di \(host) \(reason); pakai port lain, misalnya --port \(port == 65535 ? 8081 : port + 1)")
        }
        #endif
    }

    // MARK: Building

    private func rebuild(reason: String?) {
        do {
            let report = try builder.build()
            for warning in report.warnings { log(warning.description) }
            let milliseconds = Int((report.seconds * 1000).rounded())
            let what = reason.map { " setelah perubahan \($0)" } ?? ""
            log("Dibangun\(what) dalam \(milliseconds) ms: \(report.written) berkas ditulis, \(report.removed) dihapus.")
            hub.reload()
        } catch {
            for diagnostic in error.diagnostics { log(diagnostic.description) }
            log("\(error.diagnostics.filter { $0.severity == .error }.count) kesalahan; pratinjau tetap menampilkan hasil terakhir yang berhasil.")
            hub.show(errors: error.diagnostics.map(\.description))
        }
    }

    /// Polls the content and theme folders' files (path, size, modification time) a few times a
    /// second: portable, and cheap for a site of this size.
    private func watch() async {
        var last = snapshot()
        while !Task.isCancelled {
            try? await Task.sleep(for: .milliseconds(200))
            let current = snapshot()
            guard current != last else { continue }
            let changed = Set(current.keys).union(last.keys).filter { current[$0] != last[$0] }.sorted()
            last = current
            rebuild(reason: changed.prefix(3).joined(separator: ", ") + (changed.count > 3 ? " …" : ""))
        }
    }

    private func snapshot() -> [String: String] {
        var files: [String: String] = [:]
        for root in [options.contentDirectory, options.themeDirectory] {
            let base = URL(fileURLWithPath: root).standardizedFileURL
            guard let enumerator = FileManager.default.enumerator(at: base, includingPropertiesForKeys: [.contentModificationDateKey, .fileSizeKey]) else { continue }
            for case let url as URL in enumerator {
                guard let values = try? url.resourceValues(forKeys: [.contentModificationDateKey, .fileSizeKey, .isRegularFileKey]), values.isRegularFile == true else { continue }
                // Named as the user wrote the folder, so the terminal shows "content/desa/x.md".
                let relative = String(url.standardizedFileURL.path.dropFirst(base.path.count + 1))
                files[root.hasSuffix("/") ? root + relative : root + "/" + relative] = "\(values.fileSize ?? 0)/\(values.contentModificationDate?.timeIntervalSince1970 ?? 0)"
            }
        }
        return files
    }

    // MARK: Serving

    /// The largest request body the studio reads (an image and some room).
    static let maximumBody = Studio.maximumImageBytes + 64 << 10

    static func status(_ code: Int) -> HTTPStatusCode {
        let phrases = [200: "OK", 303: "See Other", 400: "Bad Request", 403: "Forbidden", 404: "Not Found", 405: "Method Not Allowed", 409: "Conflict",
                       411: "Length Required", 413: "Content Too Large", 415: "Unsupported Media Type", 421: "Misdirected Request", 429: "Too Many Requests"]
        return HTTPStatusCode(code, phrase: phrases[code] ?? "Internal Server Error")
    }

    /// Hands a request below `/_studio/` to the studio; any other goes to the next route.
    static func forward(_ request: HTTPRequest, to studio: Studio) async throws -> HTTPResponse {
        // The path as sent: the server library's `path` drops a trailing slash.
        let path = request.target.path()
        guard path == "/_studio" || path.hasPrefix(Studio.prefix) else { throw HTTPUnhandledError() }
        if path == "/_studio" { return HTTPResponse(statusCode: .movedPermanently, headers: HTTPHeaders([.location: Studio.prefix])) }
        // A body is read only when its length is declared and small: a chunked one of unknown
        // size (which no studio page sends) is refused before any of it is read.
        let length = request.headers[.contentLength].flatMap(Int.init)
        if request.method == .POST, length == nil {
            return HTTPResponse(statusCode: status(411), headers: [.contentType: "text/plain; charset=utf-8"], body: Data("411: Content-Length wajib\n".utf8))
        }
        if let length, length > maximumBody {
            return HTTPResponse(statusCode: status(413), headers: [.contentType: "text/plain; charset=utf-8"], body: Data("413\n".utf8))
        }
        var headers: [String: String] = [:]
        for (name, value) in request.headers { headers[name.rawValue] = value }
        var address = ""
        switch request.remoteAddress {
        // Not remoteIPAddress: it believes X-Forwarded-For, which any client can send.
        case .ip4(let ip, _), .ip6(let ip, _): address = ip
        case .unix(let path): address = path
        case nil: break
        }
        let body = request.method == .POST ? try await request.bodyData : Data()
        let answer = studio.handle(StudioRequest(method: request.method.rawValue, target: request.target.rawValue, headers: headers, body: body, remoteAddress: address))
        var responseHeaders = HTTPHeaders()
        for (name, value) in answer.headers { responseHeaders[HTTPHeader(name)] = value }
        return HTTPResponse(statusCode: Self.status(answer.status), headers: responseHeaders, body: request.method == .HEAD ? Data() : answer.body)
    }

    func respond(to request: HTTPRequest) -> HTTPResponse {
        let path = request.target.path()
        var headers: HTTPHeaders = [HTTPHeader("LinkChecker"): "allow", .cacheControl: "no-store"]
        switch path {
        case LiveReload.scriptPath:
            headers[.contentType] = "text/javascript; charset=utf-8"
            return HTTPResponse(statusCode: .ok, headers: headers, body: Data(LiveReload.script.utf8))
        case LiveReload.stylePath:
            headers[.contentType] = "text/css; charset=utf-8"
            return HTTPResponse(statusCode: .ok, headers: headers, body: Data(LiveReload.style.utf8))
        default:
            break
        }
        let root = URL(fileURLWithPath: options.outputDirectory)
        switch StaticFiles.resolve(path, root: root) {
        case .file(let url):
            return file(url, status: .ok, headers: headers, method: request.method)
        case .redirect(let location):
            headers[.location] = location
            return HTTPResponse(statusCode: .movedPermanently, headers: headers)
        case .forbidden:
            headers[.contentType] = "text/plain; charset=utf-8"
            return HTTPResponse(statusCode: .forbidden, headers: headers, body: Data("403: alamat di luar folder situs ditolak\n".utf8))
        case .notFound:
            // The theme's 404 page, in the language of the address.
            let language = path.split(separator: "/").first.map(String.init)
            for candidate in [language.map { "\($0)/404.html" }, "404.html"].compactMap({ $0 }) {
                if case .file(let url) = StaticFiles.resolve("/" + candidate, root: root) {
                    return file(url, status: .notFound, headers: headers, method: request.method)
                }
            }
            headers[.contentType] = "text/plain; charset=utf-8"
            return HTTPResponse(statusCode: .notFound, headers: headers, body: Data("404\n".utf8))
        }
    }

    private func file(_ url: URL, status: HTTPStatusCode, headers: HTTPHeaders, method: HTTPMethod) -> HTTPResponse {
        var headers = headers
        let type = StaticFiles.contentType(of: url)
        headers[.contentType] = type
        guard var body = FileManager.default.contents(atPath: url.path) else {
            return HTTPResponse(statusCode: .notFound, headers: headers)
        }
        if type.hasPrefix("text/html") { body = StaticFiles.injectReload(into: body) }
        if method == .HEAD {
            headers[.contentLength] = String(body.count)
            return HTTPResponse(statusCode: status, headers: headers)
        }
        return HTTPResponse(statusCode: status, headers: headers, body: body)
    }
}
