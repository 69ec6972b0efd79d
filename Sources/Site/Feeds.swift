import Content
import Templating

/// The machine-readable files beside the pages: sitemap, Atom feed, robots.txt.
enum Feeds {
    /// The sitemaps protocol's limit of URLs in one sitemap file.
    static let sitemapLimit = 50_000

    /// The sitemap's files: `sitemap.xml` listing every public page, sorted by path (a page's
    /// date becomes `lastmod`); or, when the pages are more than one file may list (`limit`),
    /// `sitemap.xml` as a sitemap index of `sitemap-1.xml`, `sitemap-2.xml`, … in that order.
    static func sitemapFiles(_ graph: SiteGraph, limit: Int = sitemapLimit) -> [(path: String, text: String)] {
        let pages = graph.pages
        // Sorted by index: moving whole pages about in the sort cost more than writing them.
        let listed = pages.indices.filter { pages[$0].inSitemap }.sorted { pages[$0].path < pages[$1].path }
        guard listed.count > limit else { return [("sitemap.xml", sitemap(graph, listing: listed[...]))] }
        let parts = stride(from: 0, to: listed.count, by: limit).map { listed[$0..<min($0 + limit, listed.count)] }
        var index = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<sitemapindex xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n"
        var files: [(path: String, text: String)] = []
        for (number, part) in parts.enumerated() {
            let path = "sitemap-\(number + 1).xml"
            index += "  <sitemap><loc>"
            HTML.appendEscaped(Escape.xmlText(absolute("/" + path, graph)), to: &index)
            index += "</loc></sitemap>\n"
            files.append((path, sitemap(graph, listing: part)))
        }
        return [("sitemap.xml", index + "</sitemapindex>\n")] + files
    }

    /// How many files `sitemapFiles` makes for a site of `pages` pages in its sitemap.
    static func sitemapFileCount(listing pages: Int, limit: Int = sitemapLimit) -> Int {
        pages <= limit ? 1 : 1 + (pages + limit - 1) / limit
    }

    /// A sitemap (`urlset`) of the pages at `listed` (indexes into the graph's pages).
    private static func sitemap(_ graph: SiteGraph, listing listed: ArraySlice<Int>) -> String {
        let languages = graph.config.languages
        let config = graph.config
        let pages = graph.pages
        // Written as bytes: through string interpolation the sitemap of a national registry was
        // seconds of one core, and in `serve` the slowest file of a rebuild.
        var xml: [UInt8] = []
        func add(_ text: String) { xml.append(contentsOf: text.utf8) }
        func addURL(_ path: String) {
            var escaped = ""
            HTML.appendEscaped(Escape.xmlText(config.baseURL + Escape.urlPath(String(path.dropFirst()))), to: &escaped)
            add(escaped)
        }
        add("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\"")
        add(languages.count > 1 ? " xmlns:xhtml=\"http://www.w3.org/1999/xhtml\">\n" : ">\n")
        xml.reserveCapacity(listed.count * (languages.count > 1 ? 400 : 80))
        for index in listed {
            add("  <url><loc>")
            addURL(pages[index].path)
            add("</loc>")
            if let date = pages[index].date {
                add("<lastmod>")
                add(date.description)
                add("</lastmod>")
            }
            if languages.count > 1 {
                let basePath = pages[index].basePath
                for language in languages {
                    add("\n    <xhtml:link rel=\"alternate\" hreflang=\"")
                    add(language.code)
                    add("\" href=\"")
                    addURL(SiteAssembler.localized(basePath, language.code, config))
                    add("\"/>")
                }
                add("\n    <xhtml:link rel=\"alternate\" hreflang=\"x-default\" href=\"")
                addURL(basePath)
                add("\"/>\n  ")
            }
            add("</url>\n")
        }
        add("</urlset>\n")
        return String(decoding: xml, as: UTF8.self)
    }

    /// An Atom feed of the news, newest first. Its `updated` is the newest item's date, so two
    /// builds of the same content write the same bytes.
    static func atom(_ graph: SiteGraph, language: String, strings: Strings) -> String {
        let local = { (path: String) in SiteAssembler.localized(path, language, graph.config) }
        // While the site holds sample data, feed readers see the label too, on the feed and on every entry.
        let notice = graph.config.sampleData ? strings["label_data_contoh"] : nil
        let feedURL = absolute(local("/berita/atom.xml"), graph)
        let newest = graph.news.first.flatMap { graph.documents[$0].page.frontMatter.date }
        // With no news yet, the feed dates from the program's first year, so builds stay reproducible.
        let firstDay = SimpleDate(year: graph.registry.tahunBerdiri.lowerBound, month: 1, day: 1)
        var xml = """
        <?xml version="1.0" encoding="utf-8"?>
        <feed xmlns="http://www.w3.org/2005/Atom" xml:lang="\(Escape.xml(language))">
          <title>\(Escape.xml(graph.config.title(in: language) + " — " + strings["berita_judul"]))</title>
          <id>\(Escape.xml(feedURL))</id>
          <link rel="self" href="\(Escape.xml(feedURL))"/>
          <link rel="alternate" type="text/html" href="\(Escape.xml(absolute(local("/berita/"), graph)))"/>
          <updated>\(timestamp(newest ?? firstDay))</updated>
          <author><name>\(Escape.xml(graph.config.title))</name></author>
        \(notice.map { "  <subtitle>\(Escape.xml($0))</subtitle>\n" } ?? "")
        """
        for index in graph.news {
            // The translation when there is one; otherwise the original, marked with its language.
            let translated = graph.translations[index]?[language]
            let document = graph.documents[translated ?? index]
            let url = absolute(local(graph.documents[index].path), graph)
            let entryLanguage = translated == nil && language != graph.config.language ? " xml:lang=\"\(Escape.xml(graph.config.language))\"" : ""
            xml += """
              <entry\(entryLanguage)>
                <title>\(Escape.xml(document.page.frontMatter.title ?? ""))</title>
                <id>\(Escape.xml(url))</id>
                <link rel="alternate" type="text/html" href="\(Escape.xml(url))"/>
                <updated>\(timestamp(document.page.frontMatter.date ?? firstDay))</updated>
                <summary>\(Escape.xml(notice.map { "[\($0)] " } ?? ""))\(Escape.xml(document.summary))</summary>
                <content type="html">\(Escape.xml(document.rendered.html))</content>
              </entry>

            """
        }
        return xml + "</feed>\n"
    }

    /// `robots.txt`: everything may be crawled; the sitemap is named.
    static func robots(_ graph: SiteGraph) -> String {
        "User-agent: *\nAllow: /\n\nSitemap: \(absolute("/sitemap.xml", graph))\n"
    }

    /// Midnight Western Indonesia Time, the ministry's zone.
    private static func timestamp(_ date: SimpleDate) -> String {
        "\(date)T00:00:00+07:00"
    }

    private static func absolute(_ path: String, _ graph: SiteGraph) -> String {
        graph.config.baseURL + Escape.urlPath(String(path.dropFirst()))
    }
}
