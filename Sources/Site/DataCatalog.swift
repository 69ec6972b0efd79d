import Content
import Statistics

/// The `/data/` page and the site's open data: every resource of the data package documented
/// (schema, sources, licence, a preview, downloads), every computed table listed, the same list
/// as schema.org `DataCatalog` JSON-LD, and `/data/datapackage.json` describing every download.
struct DataCatalog {
    let graph: SiteGraph
    let strings: Strings
    let figures: Figures

    /// How many rows of each source table `/data/` shows.
    static let previewRows = 10

    /// Tables listed by name on `/data/`; per-region and per-village tables are linked from
    /// their pages, source tables have their own sections.
    var listedTables: [(title: String, table: DataTable)] {
        figures.downloads().filter { !$0.id.contains("/") }.map { ($0.title, $0.make()) }
    }

    /// The `/data/` page's view model. Every field is set (absent ones as null), so a Mustache
    /// section never finds the same name further up the context (a field's missing description
    /// must not show the table's).
    func view() -> DataView {
        let formatter = Formatter(strings: strings)
        let language = figures.language
        let sources = graph.statistics.tables.map { table in
            let resource = table.resource
            // Only the rows shown are converted: a registry of every village has 83,762.
            let preview = graph.statistics.table(table, rows: Self.previewRows)
            return ResourceView(
                name: resource.name, title: resource.title.in(language),
                csv: Figures.downloadPath(preview, "csv"), json: Figures.downloadPath(preview, "json"),
                rows: formatter.integer(table.rows.count),
                license: graph.package.licenses(of: resource).map(\.display).joined(separator: "; "),
                sources: graph.package.sources(of: resource).map { source in
                    let url = source.path.flatMap { $0.hasPrefix("https://") || $0.hasPrefix("http://") ? $0 : nil }
                    return ResourceSourceView(title: source.title, publisher: source.publisher, url: url,
                                              date: source.date.map { DateView(iso: $0.description, display: formatter.date($0)) })
                },
                fieldList: resource.schema.fields.map { field in
                    SchemaFieldView(name: field.name, label: field.label(language), type: field.type.rawValue,
                                    unit: field.unit?.in(language) ?? "", description: field.description?.in(language) ?? "")
                },
                preview: figures.htmlTable(preview, caption: strings.format("data_pratinjau", [
                    "tabel": resource.title.in(language), "baris": formatter.integer(preview.rows.count),
                ]), schema: resource.schema),
                moreRows: table.rows.count > Self.previewRows,
                description: resource.description?.in(language),
                period: resource.period
            )
        }
        let listed = listedTables
        let tables = listed.map { title, table in
            ComputedTableView(title: title, csv: Figures.downloadPath(table, "csv"), json: Figures.downloadPath(table, "json"),
                              columns: table.columns.map { ColumnView(key: $0, label: figures.columnLabel($0)) }, rows: formatter.integer(table.rows.count))
        }
        return DataView(sources: sources, tables: tables, packageURL: "/data/\(DataPackage.fileName)", jsonld: jsonLD(listed))
    }

    func origin(of id: String) -> DataResource { figures.origin(of: id) }

    func lineage(of id: String) -> [DataResource] { figures.lineage(of: id) }

    /// The sample-data label every download and the open-data descriptor carry while
    /// `sample_data` is on (in the default language: downloads are shared by all languages).
    var sampleNotice: String? {
        graph.config.sampleData ? strings["label_data_contoh"] : nil
    }

    /// The download's provenance, written into its JSON.
    func meta(for download: Figures.Download) -> [(String, String)] {
        let id = download.id
        let origin = origin(of: id)
        let title = download.title
        let lineage = lineage(of: id)
        let notice = sampleNotice.map { [("notice", $0)] } ?? []
        return notice + [("title", title),
                ("source", lineage.flatMap { graph.package.sources(of: $0) }.map(\.title).uniqued().joined(separator: "; ")),
                ("period", origin.period ?? ""),
                ("license", lineage.flatMap { graph.package.licenses(of: $0) }.map(\.display).uniqued().joined(separator: "; ")),
                ("generated_from", origin.title.text)]
    }

    private func jsonLD(_ listedTables: [(title: String, table: DataTable)]) -> String {
        let base = graph.config.baseURL
        let string = JSONText.string
        func distribution(_ url: String, _ type: String) -> String {
            "{\"@type\": \"DataDownload\", \"encodingFormat\": \(string(type)), \"contentUrl\": \(string(base + String(url.dropFirst())))}"
        }
        var datasets: [String] = []
        let downloads = Dictionary(figures.downloads().map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        for table in graph.statistics.tables {
            let resource = table.resource
            let id = "sumber/\(resource.name)"
            let meta = downloads[id].map { Dictionary(self.meta(for: $0), uniquingKeysWith: { first, _ in first }) } ?? [:]
            datasets.append("""
            {"@type": "Dataset", "name": \(string(resource.title.text)), "description": \(string(resource.description?.text ?? resource.title.text)), \
            "license": \(string(meta["license"] ?? "")), "temporalCoverage": \(string(resource.period ?? "")), \
            "creator": {"@type": "Organization", "name": \(string(meta["source"] ?? ""))}, "isAccessibleForFree": true, \
            "distribution": [\(distribution(Figures.downloadPath(id: id, "csv"), "text/csv")), \(distribution(Figures.downloadPath(id: id, "json"), "application/json"))]}
            """)
        }
        for (title, table) in listedTables {
            let meta = downloads[table.id].map { Dictionary(self.meta(for: $0), uniquingKeysWith: { first, _ in first }) } ?? [:]
            datasets.append("""
            {"@type": "Dataset", "name": \(string(title)), "description": \(string(title + " — " + (meta["generated_from"] ?? ""))), \
            "license": \(string(meta["license"] ?? "")), "temporalCoverage": \(string(meta["period"] ?? "")), \
            "isAccessibleForFree": true, "variableMeasured": [\(table.columns.map { string(figures.columnLabel($0)) }.joined(separator: ", "))], \
            "distribution": [\(distribution(Figures.downloadPath(table, "csv"), "text/csv")), \(distribution(Figures.downloadPath(table, "json"), "application/json"))]}
            """)
        }
        return """
        {"@context": "https://schema.org", "@type": "DataCatalog", "name": \(string(graph.config.title + " — " + strings["data_judul"])), \
        "url": \(string(base + "data/")), "inLanguage": \(string(graph.config.language)), "dataset": [
        \(datasets.joined(separator: ",\n"))
        ]}
        """
    }
}

extension Array where Element: Hashable {
    /// The elements in order, each kept once.
    func uniqued() -> [Element] {
        var seen = Set<Element>()
        return filter { seen.insert($0).inserted }
    }
}
