import Content

/// The machine-readable files beside the pages: sitemap, Atom feed, robots.txt.
enum Feeds {
    /// `sitemap.xml` listing every public page, sorted by path; a page's date becomes `lastmod`.
    static func sitemap(_ graph: SiteGraph) -> String {
        let languages = graph.config.languages
        var xml = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\""
        xml += languages.count > 1 ? " xmlns:xhtml=\"http://www.w3.org/1999/xhtml\">\n" : ">\n"
        // Sorted by index: moving whole pages about in the sort cost more than writing them.
        let paths = graph.pages.map(\.path)
        let listed = graph.pages.indices.filter { graph.pages[$0].inSitemap }.sorted { paths[$0] < paths[$1] }
        xml.reserveCapacity(listed.count * (languages.count > 1 ? 400 : 80))
        for index in listed {
            let page = graph.pages[index]
            xml += "  <url><loc>\(Escape.xml(absolute(page.path, graph)))</loc>"
            if let date = page.document.flatMap({ graph.documents[$0].page.frontMatter.date }) {
                xml += "<lastmod>\(date)</lastmod>"
            }
            if languages.count > 1 {
                for language in languages {
                    let alternate = absolute(SiteAssembler.localized(page.basePath, language.code, graph.config), graph)
                    xml += "\n    <xhtml:link rel=\"alternate\" hreflang=\"\(language.code)\" href=\"\(Escape.xml(alternate))\"/>"
                }
                xml += "\n    <xhtml:link rel=\"alternate\" hreflang=\"x-default\" href=\"\(Escape.xml(absolute(page.basePath, graph)))\"/>\n  "
            }
            xml += "</url>\n"
        }
        return xml + "</urlset>\n"
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
