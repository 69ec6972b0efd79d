import Content
import Templating

/// A theme's static files as the site publishes them. Stylesheets and scripts get their content's
/// fingerprint in their name (`css/style.3f2a9c41d0.css`), so a browser may keep them for a year
/// and fetches them again exactly when they change, and an integrity value (Subresource
/// Integrity, SHA-384) for the tags that load them. Other files keep their names.
struct PublishedAsset: Sendable, Hashable {
    /// The path under `assets/`: `css/style.css`.
    let source: String
    /// The path in the output: `css/style.3f2a9c41d0.css`.
    let path: String
    /// The published bytes (scripts with their imports of other scripts renamed).
    let bytes: [UInt8]
    /// `sha384-…`.
    let integrity: String

    /// Whether a file of this name is fingerprinted.
    static func isFingerprinted(_ source: String) -> Bool {
        source.hasSuffix(".css") || source.hasSuffix(".js") || source.hasSuffix(".mjs")
    }

    /// The name templates use for a source path: `/` and `.` as `_` (`css_style_css`).
    static func key(_ source: String) -> String {
        String(source.map { $0 == "/" || $0 == "." ? "_" : $0 })
    }

    /// Publishes a theme's assets. A script that imports another (`from './stemmer.js'`) is
    /// published importing the other's fingerprinted name, so it is fingerprinted after it.
    static func publish(_ assets: [(path: String, bytes: [UInt8])]) -> [PublishedAsset] {
        var published: [String: PublishedAsset] = [:]
        let bySource = Dictionary(assets.map { ($0.path, $0.bytes) }, uniquingKeysWith: { first, _ in first })
        func publish(_ source: String, visiting: Set<String>) -> PublishedAsset? {
            if let done = published[source] { return done }
            guard let original = bySource[source] else { return nil }
            guard isFingerprinted(source) else {
                let asset = PublishedAsset(source: source, path: source, bytes: original, integrity: SHA384.integrity(original))
                published[source] = asset
                return asset
            }
            var bytes = original
            if source.hasSuffix(".js") || source.hasSuffix(".mjs") {
                var text = String(decoding: original, as: UTF8.self)
                for (specifier, target) in relativeImports(in: text, of: source) where !visiting.contains(target) {
                    guard let imported = publish(target, visiting: visiting.union([source])) else { continue }
                    let newSpecifier = String(specifier.dropLast(lastComponent(target).count)) + lastComponent(imported.path)
                    text = text.replacingOccurrences(of: "'\(specifier)'", with: "'\(newSpecifier)'")
                        .replacingOccurrences(of: "\"\(specifier)\"", with: "\"\(newSpecifier)\"")
                }
                bytes = Array(text.utf8)
            }
            // One digest gives both the name's fingerprint and the integrity value.
            let digest = SHA384.digest(bytes)
            let fingerprint = String(SHA384.hex(digest: digest).prefix(10))
            let dot = source.lastIndex(of: ".") ?? source.endIndex
            let path = source[..<dot] + "." + fingerprint + source[dot...]
            let asset = PublishedAsset(source: source, path: String(path), bytes: bytes, integrity: SHA384.integrity(digest: digest))
            published[source] = asset
            return asset
        }
        return assets.compactMap { publish($0.path, visiting: []) }.sorted { $0.path < $1.path }
    }

    /// Relative module specifiers (`./x.js`, `../lib/y.js`) in `import … from '…'`, `import '…'`
    /// and `import('…')`, with the asset path each names.
    static func relativeImports(in script: String, of source: String) -> [(specifier: String, target: String)] {
        var found: [(String, String)] = []
        var rest = script[...]
        while let range = rest.range(of: "import") {
            let before = rest[..<range.lowerBound].last
            rest = rest[range.upperBound...]
            guard !(before.map { $0.isLetter || $0.isNumber || $0 == "_" || $0 == "$" || $0 == "." } ?? false) else { continue }
            // The specifier is the first quoted string of the statement (which may span lines).
            let statement = rest.prefix { $0 != ";" }
            guard let quote = statement.firstIndex(where: { $0 == "'" || $0 == "\"" }) else { continue }
            let mark = statement[quote]
            let after = statement[statement.index(after: quote)...]
            guard let end = after.firstIndex(of: mark) else { continue }
            let specifier = String(after[..<end])
            guard specifier.hasPrefix("./") || specifier.hasPrefix("../") else { continue }
            found.append((specifier, resolve(specifier, from: source)))
        }
        return found
    }

    /// The asset path a relative specifier names from the asset at `source`.
    static func resolve(_ specifier: String, from source: String) -> String {
        var parts = source.split(separator: "/").dropLast().map(String.init)
        for part in specifier.split(separator: "/") {
            switch part {
            case ".": continue
            case "..": if !parts.isEmpty { parts.removeLast() }
            default: parts.append(String(part))
            }
        }
        return parts.joined(separator: "/")
    }

    private static func lastComponent(_ path: String) -> String {
        path.split(separator: "/").last.map(String.init) ?? path
    }
}

/// A published asset as templates link it: `{{asset.css_style_css.url}}` and
/// `{{asset.css_style_css.integrity}}`.
struct AssetLink: ViewModel {
    let url: String
    let integrity: String
    static let fields: [ViewField<AssetLink>] = [.init("url") { $0.url }, .init("integrity") { $0.integrity }]
}

/// The theme's assets by template key; which keys exist is known when the theme loads.
struct AssetTable: TemplateRepresentable, Hashable {
    let links: [String: AssetLink]

    init(_ assets: [PublishedAsset]) {
        links = Dictionary(assets.map { (PublishedAsset.key($0.source), AssetLink(url: "/" + $0.path, integrity: $0.integrity)) },
                           uniquingKeysWith: { first, _ in first })
    }

    var templateValue: TemplateValue { .object(TemplateObject(links.mapValues { $0.templateValue })) }
    static var templateShape: TemplateShape { .keyed("assets", AssetLink.templateShape) }
}
