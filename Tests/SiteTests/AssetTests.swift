import Content
import Foundation
@testable import Site
import Testing

/// Stylesheets and scripts are published under their content's fingerprint, with Subresource
/// Integrity on every tag that loads them.
@Suite struct AssetTests {
    static func assetPaths(_ files: [String: [UInt8]]) -> [String] {
        files.keys.filter { $0.hasPrefix("css/") || $0.hasPrefix("js/") }.sorted()
    }

    @Test func everyStylesheetAndScriptTagHasTheIntegrityOfWhatItLoads() throws {
        let site = try SiteBuilder.generate(BuildOptions(contentDirectory: Paths.validSite.path, themeDirectory: Paths.theme.path))
        var tags = 0
        for (path, bytes) in site.files where path.hasSuffix(".html") {
            let html = String(decoding: bytes, as: UTF8.self)
            for tag in html.matches(of: /<(link|script)\b[^>]*>/) {
                let text = String(tag.output.0)
                guard let url = text.firstMatch(of: /(?:href|src)="([^"]+)"/)?.output.1, url.hasSuffix(".css") || url.hasSuffix(".js") else { continue }
                tags += 1
                let file = try #require(site.files[String(url.dropFirst())], "\(path) loads \(url), which is not in the site")
                #expect(text.contains("integrity=\"\(SHA384.integrity(file))\""), "\(path): \(text)")
            }
        }
        #expect(tags >= site.pageCount)
    }

    @Test func assetNamesChangeWhenTheirContentChangesAndOnlyThen() throws {
        let temp = try TemporaryDirectory()
        let theme = temp.url.appendingPathComponent("theme")
        try FileManager.default.copyItem(at: Paths.theme, to: theme)
        func build() throws -> [String] {
            Self.assetPaths(try SiteBuilder.generate(BuildOptions(contentDirectory: Paths.validSite.path, themeDirectory: theme.path)).files)
        }
        let first = try build()
        #expect(first.count == 5)  // style.css, search.js, searchindex.js, stemmer.js, tokens.js
        #expect(try build() == first)
        // A stylesheet edit renames the stylesheet only.
        let css = theme.appendingPathComponent("assets/css/style.css")
        try (String(contentsOf: css, encoding: .utf8) + "\n/* edit */\n").write(to: css, atomically: true, encoding: .utf8)
        let second = try build()
        #expect(zip(first, second).map { $0 != $1 } == [true, false, false, false, false])
        // An edit of the stemmer renames it and the scripts that import it, directly or not.
        let stemmer = theme.appendingPathComponent("assets/js/stemmer.js")
        try (String(contentsOf: stemmer, encoding: .utf8) + "\n// edit\n").write(to: stemmer, atomically: true, encoding: .utf8)
        let third = try build()
        #expect(zip(second, third).map { $0 != $1 } == [false, true, true, true, true])
        let site = try SiteBuilder.generate(BuildOptions(contentDirectory: Paths.validSite.path, themeDirectory: theme.path)).files
        let search = String(decoding: try #require(site[third[1]]), as: UTF8.self)
        let tokens = String(decoding: try #require(site[third[4]]), as: UTF8.self)
        #expect(search.contains("from './\(third[4].dropFirst("js/".count))'"))
        #expect(search.contains("from './\(third[2].dropFirst("js/".count))'"))
        #expect(tokens.contains("from './\(third[3].dropFirst("js/".count))'"))
    }

    @Test func relativeImportsAreFoundInEveryForm() {
        let script = """
        import { stem } from './stemmer.js';
        import "../lib/util.js";
        import {
          a,
          b,
        } from "./deep/x.js";
        const lazy = () => import('./later.js');
        // reimport from 'elsewhere.js' is not an import; neither is a bare specifier:
        import map from 'leaflet';
        """
        let found = PublishedAsset.relativeImports(in: script, of: "js/search.js")
        #expect(found.map(\.specifier) == ["./stemmer.js", "../lib/util.js", "./deep/x.js", "./later.js"])
        #expect(found.map(\.target) == ["js/stemmer.js", "lib/util.js", "js/deep/x.js", "js/later.js"])
    }

    @Test func aTemplateNamingAMissingAssetIsAnError() throws {
        let temp = try TemporaryDirectory()
        let theme = temp.url.appendingPathComponent("theme")
        try FileManager.default.copyItem(at: Paths.theme, to: theme)
        let layout = theme.appendingPathComponent("partials/layout.mustache")
        try String(contentsOf: layout, encoding: .utf8).replacingOccurrences(of: "asset.css_style_css.url", with: "asset.css_gaya_css.url")
            .write(to: layout, atomically: true, encoding: .utf8)
        #expect {
            try SiteBuilder.generate(BuildOptions(contentDirectory: Paths.validSite.path, themeDirectory: theme.path))
        } throws: { error in
            (error as? BuildFailure)?.diagnostics.contains { $0.message == "\"css_gaya_css\" tidak ada di assets tema" && $0.file.hasSuffix("layout.mustache") } == true
        }
    }
}
