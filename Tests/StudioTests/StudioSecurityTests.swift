import Content
import Foundation
import Site
import Testing
@testable import DevServer
@testable import Studio

/// Every request that could change a file is refused unless it comes from the studio's own
/// page, on the bound host, with the session's token, for a path inside `content/`; refusals
/// write nothing.
struct StudioSecurityTests {
    let site: URL
    let outside: URL
    let studio: Studio
    static let host = "127.0.0.1:8123"
    static let origin = "http://127.0.0.1:8123"

    init(password: String? = nil) throws {
        let base = FileManager.default.temporaryDirectory.appendingPathComponent("desmigratif-studio-\(UUID().uuidString)")
        site = base.appendingPathComponent("content")
        outside = base.appendingPathComponent("luar.md")
        let tests = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        try FileManager.default.createDirectory(at: base, withIntermediateDirectories: true)
        try FileManager.default.copyItem(at: tests.appendingPathComponent("Fixtures/valid"), to: site)
        try "di luar\n".write(to: outside, atomically: true, encoding: .utf8)
        try FileManager.default.createSymbolicLink(at: site.appendingPathComponent("desa/tautan.md"), withDestinationURL: outside)
        let options = BuildOptions(contentDirectory: site.path, themeDirectory: tests.deletingLastPathComponent().appendingPathComponent("themes/default").path,
                                   outputDirectory: base.appendingPathComponent("public").path)
        studio = try Studio(options: options, security: StudioGuard(host: "127.0.0.1", port: 8123, password: password))
    }

    func request(_ method: String, _ target: String, headers: [String: String] = [:], body: String = "", address: String = "127.0.0.1") -> StudioResponse {
        studio.handle(StudioRequest(method: method, target: target, headers: ["Host": Self.host].merging(headers) { $1 }, body: Data(body.utf8), remoteAddress: address))
    }

    /// A session as a browser gets it: the cookie from the first page, the token from its markup.
    func session() throws -> (cookie: String, token: String) {
        let page = request("GET", "/_studio/")
        let cookie = try #require(page.headers["Set-Cookie"]?.split(separator: ";").first.map(String.init))
        let html = String(decoding: page.body, as: UTF8.self)
        let token = try #require(html.firstMatch(of: /name="studio-token" content="([0-9a-f]+)"/)).1
        return (cookie, String(token))
    }

    func save(_ path: String, body: String, session: (cookie: String, token: String), headers: [String: String] = [:]) throws -> StudioResponse {
        let bytes = try? Data(contentsOf: site.appendingPathComponent(path))
        let payload = JSONValue.object([("berkas", .string(path)), ("base", .string(ContentFolder.version(of: bytes.map { [UInt8]($0) }))),
                                        ("fields", .object([])), ("body", .string(body))]).text()
        var all = ["Cookie": session.cookie, "X-Studio-Token": session.token, "Origin": Self.origin, "Content-Type": "application/json"]
        for (name, value) in headers { all[name] = value }
        return request("POST", "/_studio/api/simpan", headers: all.filter { !$0.value.isEmpty }, body: payload)
    }

    var kenanga: String { (try? String(contentsOf: site.appendingPathComponent("desa/kenanga.md"), encoding: .utf8)) ?? "" }

    @Test func aSaveFromTheStudioItselfGoesThrough() throws {
        let session = try session()
        let response = try save("desa/kenanga.md", body: "\nUraian baru.\n", session: session)
        #expect(response.status == 200)
        #expect(kenanga.hasSuffix("---\n\nUraian baru.\n"))
    }

    @Test func aForeignHostIsMisdirected() throws {
        #expect(request("GET", "/_studio/", headers: ["Host": "evil.example:8123"]).status == 421)
        #expect(studio.handle(StudioRequest(method: "GET", target: "/_studio/", headers: [:])).status == 421)
        let session = try session()
        let before = kenanga
        #expect(try save("desa/kenanga.md", body: "x", session: session, headers: ["Host": "rebind.example:8123"]).status == 421)
        #expect(kenanga == before)
    }

    @Test func crossOriginMissingOrWrongTokensAreRefused() throws {
        let session = try session()
        let before = kenanga
        #expect(try save("desa/kenanga.md", body: "x", session: session, headers: ["Origin": "http://evil.example"]).status == 403)
        #expect(try save("desa/kenanga.md", body: "x", session: session, headers: ["Origin": "http://127.0.0.1:9999"]).status == 403)
        #expect(try save("desa/kenanga.md", body: "x", session: session, headers: ["Origin": ""]).status == 403)
        #expect(try save("desa/kenanga.md", body: "x", session: session, headers: ["X-Studio-Token": ""]).status == 403)
        #expect(try save("desa/kenanga.md", body: "x", session: session, headers: ["X-Studio-Token": String(repeating: "0", count: 64)]).status == 403)
        #expect(try save("desa/kenanga.md", body: "x", session: session, headers: ["Cookie": ""]).status == 403)
        // A form post (creating a news item) needs the token too.
        let form = request("POST", "/_studio/buat/berita", headers: ["Cookie": session.cookie, "Origin": Self.origin, "Content-Type": "application/x-www-form-urlencoded"],
                           body: "title=Berita&date=2026-01-01")
        #expect(form.status == 403)
        #expect(kenanga == before)
        #expect(!FileManager.default.fileExists(atPath: site.appendingPathComponent("berita/2026-01-01-berita.md").path))
    }

    @Test(arguments: ["../luar.md", "desa/../../luar.md", "%2e%2e/luar.md", "..%2fluar.md", "/etc/passwd", "desa/tautan.md", ".git/config"])
    func pathsOutsideTheContentFolderAreRefused(_ path: String) throws {
        let session = try session()
        let response = try save(path.removingPercentEncoding ?? path, body: "ditimpa", session: session)
        #expect(response.status == 403)
        let encoded = request("GET", "/_studio/sunting?berkas=\(path)", headers: ["Cookie": session.cookie])
        #expect(encoded.status == 403)
        #expect(try String(contentsOf: outside, encoding: .utf8) == "di luar\n")
    }

    @Test func aPasswordIsAskedAndGuessesAreSlowedDown() throws {
        let guarded = try StudioSecurityTests(password: "kata-sandi-panjang")
        let first = guarded.request("GET", "/_studio/")
        #expect(first.status == 303)
        #expect(first.headers["Location"] == "/_studio/masuk")
        #expect(guarded.request("POST", "/_studio/api/simpan", headers: ["Origin": Self.origin]).status == 403)
        let form = ["Origin": Self.origin, "Content-Type": "application/x-www-form-urlencoded"]
        for _ in 0..<StudioGuard.failureLimit {
            #expect(guarded.request("POST", "/_studio/masuk", headers: form, body: "sandi=salah").status == 403)
        }
        // Even the right password waits now, from that address…
        #expect(guarded.request("POST", "/_studio/masuk", headers: form, body: "sandi=kata-sandi-panjang").status == 429)
        // …not from another, and a login from another site is refused.
        #expect(guarded.request("POST", "/_studio/masuk", headers: ["Origin": "http://evil.example", "Content-Type": "application/x-www-form-urlencoded"],
                                body: "sandi=kata-sandi-panjang", address: "10.0.0.2").status == 403)
        let login = guarded.request("POST", "/_studio/masuk", headers: form, body: "sandi=kata-sandi-panjang", address: "10.0.0.2")
        #expect(login.status == 303)
        let cookie = try #require(login.headers["Set-Cookie"]?.split(separator: ";").first.map(String.init))
        #expect(guarded.request("GET", "/_studio/", headers: ["Cookie": cookie]).status == 200)
    }

    @Test func aStudioBeyondLoopbackNeedsAPassword() throws {
        let options = BuildOptions(contentDirectory: site.path)
        #expect(throws: PreviewServer.StartError.self) { _ = try PreviewServer(options: options, host: "0.0.0.0", port: 8124, studio: .on(password: nil), log: { _ in }) }
        #expect(throws: PreviewServer.StartError.self) { _ = try PreviewServer(options: options, host: "192.168.1.10", port: 8124, studio: .on(password: nil), log: { _ in }) }
        _ = try PreviewServer(options: options, host: "0.0.0.0", port: 8124, studio: .on(password: "kata-sandi-panjang"), log: { _ in })
        _ = try PreviewServer(options: options, host: "0.0.0.0", port: 8124, studio: .off, log: { _ in })
        _ = try PreviewServer(options: options, host: "127.0.0.1", port: 8124, studio: .on(password: nil), log: { _ in })
    }

    @Test func aNarrativeIsCreatedOnceAndABadCodeIsExplained() throws {
        let session = try session()
        let headers = ["Cookie": session.cookie, "Origin": Self.origin, "Content-Type": "application/x-www-form-urlencoded"]
        // Kenanga has a narrative: it is opened, nothing is written.
        let before = kenanga
        let existing = request("POST", "/_studio/buat/desa", headers: headers, body: "token=\(session.token)&kode=32.12.16.2004")
        #expect(existing.status == 303)
        #expect(existing.headers["Location"] == "/_studio/sunting?berkas=desa/kenanga.md")
        #expect(kenanga == before)
        let bad = request("POST", "/_studio/buat/desa", headers: headers, body: "token=\(session.token)&kode=bukan-kode")
        #expect(bad.status == 400)
        #expect(String(decoding: bad.body, as: UTF8.self).contains("bukan kode desa Kemendagri yang sah"))
    }

    @Test func imagesAreCheckedByTheirBytesAndSize() throws {
        let session = try session()
        let headers = ["Cookie": session.cookie, "X-Studio-Token": session.token, "Origin": Self.origin, "Content-Type": "application/octet-stream"]
        let png: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 0]
        let ok = studio.handle(StudioRequest(method: "POST", target: "/_studio/api/gambar?nama=Foto%20Desa.jpg", headers: headers.merging(["Host": Self.host]) { $1 }, body: Data(png)))
        #expect(ok.status == 200)
        #expect(String(decoding: ok.body, as: UTF8.self).contains("\"url\": \"/gambar/foto-desa.png\""))
        #expect(FileManager.default.contents(atPath: site.appendingPathComponent("gambar/foto-desa.png").path) == Data(png))
        let script = studio.handle(StudioRequest(method: "POST", target: "/_studio/api/gambar?nama=x.svg", headers: headers.merging(["Host": Self.host]) { $1 },
                                                 body: Data("<svg onload=alert(1)>".utf8)))
        #expect(script.status == 415)
        let large = studio.handle(StudioRequest(method: "POST", target: "/_studio/api/gambar?nama=besar.png", headers: headers.merging(["Host": Self.host]) { $1 },
                                                body: Data(png + [UInt8](repeating: 0, count: Studio.maximumImageBytes))))
        #expect(large.status == 413)
        #expect(!FileManager.default.fileExists(atPath: site.appendingPathComponent("gambar/besar.png").path))
    }
}
