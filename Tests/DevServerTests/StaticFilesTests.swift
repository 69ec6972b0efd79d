@testable import DevServer
import FlyingFox
import Foundation
import Site
import Testing

@Suite struct StaticFilesTests {
    /// An output folder with a page, a file, a hidden file, and a symbolic link out of it.
    static func makeRoot() throws -> (URL, URL) {
        let temp = FileManager.default.temporaryDirectory.appendingPathComponent("desmigratif-serve-\(UUID().uuidString)")
        let root = temp.appendingPathComponent("public")
        try FileManager.default.createDirectory(at: root.appendingPathComponent("desa/x"), withIntermediateDirectories: true)
        try Data("<html><head></head><body>x</body></html>".utf8).write(to: root.appendingPathComponent("desa/x/index.html"))
        try Data("body{}".utf8).write(to: root.appendingPathComponent("style.css"))
        try Data().write(to: root.appendingPathComponent(".gitkeep"))
        try Data("secret".utf8).write(to: temp.appendingPathComponent("secret.txt"))
        try FileManager.default.createSymbolicLink(at: root.appendingPathComponent("link.txt"), withDestinationURL: temp.appendingPathComponent("secret.txt"))
        try FileManager.default.createSymbolicLink(at: root.appendingPathComponent("out"), withDestinationURL: temp)
        return (temp, root)
    }

    @Test func prettyURLsAndRedirects() throws {
        let (temp, root) = try Self.makeRoot()
        defer { try? FileManager.default.removeItem(at: temp) }
        #expect(StaticFiles.resolve("/desa/x/", root: root) == .file(root.standardizedFileURL.appendingPathComponent("desa/x/index.html")))
        #expect(StaticFiles.resolve("/desa/x", root: root) == .redirect("/desa/x/"))
        #expect(StaticFiles.resolve("/style.css", root: root) == .file(root.standardizedFileURL.appendingPathComponent("style.css")))
        #expect(StaticFiles.resolve("/desa/", root: root) == .notFound, "no directory listings")
        #expect(StaticFiles.resolve("/style.css/", root: root) == .notFound)
        #expect(StaticFiles.resolve("/tidak-ada/", root: root) == .notFound)
        #expect(StaticFiles.resolve("/.gitkeep", root: root) == .notFound)
    }

    @Test(arguments: ["/../secret.txt", "/desa/../../secret.txt", "/%2e%2e/secret.txt", "/%2E%2E/%2e%2e/etc/passwd", "/desa/%2e%2e%2f%2e%2e%2fsecret.txt",
                      "/link.txt", "/out/secret.txt", "/a%00b", "/..%5csecret.txt", "relative"])
    func nothingOutsideTheOutputIsReachable(path: String) throws {
        let (temp, root) = try Self.makeRoot()
        defer { try? FileManager.default.removeItem(at: temp) }
        #expect(StaticFiles.resolve(path, root: root) == .forbidden, "\(path)")
    }

    @Test func contentTypes() {
        #expect(StaticFiles.contentType(of: URL(fileURLWithPath: "/a/index.html")) == "text/html; charset=utf-8")
        #expect(StaticFiles.contentType(of: URL(fileURLWithPath: "/berita/atom.xml")) == "application/atom+xml; charset=utf-8")
        #expect(StaticFiles.contentType(of: URL(fileURLWithPath: "/data/desa.csv")) == "text/csv; charset=utf-8")
        #expect(StaticFiles.contentType(of: URL(fileURLWithPath: "/sitemap.xml")) == "application/xml; charset=utf-8")
        #expect(StaticFiles.contentType(of: URL(fileURLWithPath: "/css/style.css")) == "text/css; charset=utf-8")
    }

    @Test func reloadScriptIsInjectedOnlyOnTheWayOut() {
        let page = Data("<html><head><title>x</title></head><body></body></html>".utf8)
        let served = String(decoding: StaticFiles.injectReload(into: page), as: UTF8.self)
        #expect(served.contains("<script src=\"/__desmigratif/reload.js\" defer></script>\n</head>"))
        #expect(!served.contains("<script>"), "no inline script: the pages' CSP forbids it")
    }

    @Test func liveReloadTellsEveryPageAndRemembersErrors() async throws {
        let hub = LiveReload()
        let (client, _) = AsyncStream<WSMessage>.makeStream()
        let messages = try await hub.makeMessages(for: client)
        var iterator = messages.makeAsyncIterator()
        #expect(await iterator.next() == .text(#"{"type":"ok"}"#))
        hub.show(errors: ["content/desa/kenanga.md:3:1: error: \"kode\" <salah>"])
        // "<" travels as \u003c, as in every JSON the site writes; JSON.parse turns it back.
        #expect(await iterator.next() == .text(#"{"type":"error","diagnostics":["content/desa/kenanga.md:3:1: error: \"kode\" \u003csalah>"]}"#))
        // A page opened while the build is broken sees the errors at once.
        let (late, _) = AsyncStream<WSMessage>.makeStream()
        var lateIterator = try await hub.makeMessages(for: late).makeAsyncIterator()
        #expect(await lateIterator.next()?.isError == true)
        hub.reload()
        #expect(await iterator.next() == .text(#"{"type":"reload"}"#))
    }
}

extension WSMessage {
    var isError: Bool {
        if case .text(let text) = self { return text.hasPrefix(#"{"type":"error""#) }
        return false
    }
}

/// The real server on a loopback port: pages, 404s, refusals and a rebuild after an edit.
@Suite(.serialized) struct PreviewServerTests {
    static func get(_ port: UInt16, _ path: String) throws -> (status: Int, body: String, headers: String) {
        // A raw socket, so paths like /../ reach the server as written (URL clients normalise them).
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", "-c", """
        import socket, sys
        s = socket.create_connection(("127.0.0.1", \(port)), timeout=10)
        s.sendall(b"GET " + sys.argv[1].encode() + b" HTTP/1.1\\r\\nHost: localhost\\r\\nConnection: close\\r\\n\\r\\n")
        data = b""
        while True:
            chunk = s.recv(65536)
            if not chunk: break
            data += chunk
        sys.stdout.buffer.write(data)
        """, path]
        let pipe = Pipe()
        process.standardOutput = pipe
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        let text = String(decoding: data, as: UTF8.self)
        let parts = text.components(separatedBy: "\r\n\r\n")
        let status = Int(text.split(separator: " ").dropFirst().first ?? "") ?? 0
        return (status, parts.dropFirst().joined(separator: "\r\n\r\n"), parts.first ?? "")
    }

    @Test func servesRebuildsAndRefuses() async throws {
        let temp = FileManager.default.temporaryDirectory.appendingPathComponent("desmigratif-preview-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: temp) }
        let site = temp.appendingPathComponent("site")
        try FileManager.default.createDirectory(at: temp, withIntermediateDirectories: true)
        let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("Fixtures/valid")
        let theme = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("themes/default")
        try FileManager.default.copyItem(at: fixtures, to: site)
        let port = UInt16.random(in: 20000...40000)
        let server = try PreviewServer(options: BuildOptions(contentDirectory: site.path, themeDirectory: theme.path, outputDirectory: temp.appendingPathComponent("public").path),
                                   host: "127.0.0.1", port: port, log: { _ in })
        let task = Task { try await server.run() }
        defer { task.cancel() }
        var home = (status: 0, body: "", headers: "")
        for _ in 0..<100 {
            try await Task.sleep(for: .milliseconds(100))
            if let response = try? Self.get(port, "/"), response.status == 200 { home = response; break }
        }
        #expect(home.status == 200)
        #expect(home.body.contains("/__desmigratif/reload.js"))
        #expect(home.headers.contains("LinkChecker"))
        #expect(try Self.get(port, "/desa/jawa-barat/indramayu/kenanga/").status == 200)
        #expect(try Self.get(port, "/desa/jawa-barat").status == 301)
        let missing = try Self.get(port, "/en/tidak-ada/")
        #expect(missing.status == 404)
        #expect(missing.body.contains("Page not found"))
        #expect(try Self.get(port, "/../../etc/passwd").status == 403)
        #expect(try Self.get(port, "/%2e%2e/%2e%2e/etc/passwd").status == 403)
        #expect(try Self.get(port, LiveReload.scriptPath).body.contains("new WebSocket"))

        // An edit shows up within a second.
        let file = site.appendingPathComponent("desa/kenanga.md")
        try (try String(contentsOf: file, encoding: .utf8)).replacingOccurrences(of: "Uraian Kenanga.", with: "Uraian Kenanga diperbarui.")
            .write(to: file, atomically: true, encoding: .utf8)
        var updated = false
        for _ in 0..<20 {
            try await Task.sleep(for: .milliseconds(100))
            if try Self.get(port, "/desa/jawa-barat/indramayu/kenanga/").body.contains("Uraian Kenanga diperbarui.") { updated = true; break }
        }
        #expect(updated)
    }
}
