import Content
import Statistics

/// The `/data/` page: every data set with its provenance, every download, and the same list as
/// schema.org `DataCatalog` JSON-LD so that dataset search engines can find them.
struct DataCatalog {
    let graph: SiteGraph
    let strings: Strings
    let figures: Figures

    /// Tables listed by name on `/data/`; per-region and per-village tables are linked from their pages.
    var listedTables: [DataTable] {
        figures.downloads().filter { !$0.id.contains("/") }.map { $0.make() }
    }

    func context() -> [String: Any] {
        let sources = graph.dataFiles.map { file -> [String: Any] in
            [
                "name": file.name, "url": "/data/sumber/\(file.name)", "title": file.meta.title, "source": file.meta.source,
                "unit": file.meta.unit, "period": file.meta.period, "as_of": file.meta.asOf.description,
                "as_of_display": Formatter(strings: strings).date(file.meta.asOf), "license": file.meta.license,
            ]
        }
        let tables = listedTables.map { table -> [String: Any] in
            ["title": tableTitle(table), "csv": Figures.downloadPath(table, "csv"), "json": Figures.downloadPath(table, "json"),
             "columns": table.columns.map { ["key": $0, "label": figures.columnLabel($0)] }, "rows": Formatter(strings: strings).integer(table.rows.count)]
        }
        return ["sources": sources, "tables": tables, "jsonld": jsonLD()]
    }

    /// A table's name from the theme (`tabel_<id>`), or its id.
    func tableTitle(_ table: DataTable) -> String {
        strings.optional("tabel_\(table.id)") ?? table.id
    }

    /// The download's provenance: the source data set it was computed from.
    func meta(for id: String) -> [(String, String)] {
        let registry = graph.registry.meta
        let indicators = graph.dataFiles.first { $0.name == "indikator.json" }?.meta
        let evaluation = graph.statistics.evaluation?.hasilMeta
        let source: DataSetMeta
        if id.hasPrefix("evaluasi"), let evaluation {
            source = evaluation
        } else if id.hasPrefix("desa-per") || id.hasPrefix("wilayah") && indicators == nil {
            source = registry
        } else {
            source = indicators ?? registry
        }
        return [("title", strings.optional("tabel_\(id)") ?? id), ("source", source.source), ("period", source.period),
                ("as_of", source.asOf.description), ("license", source.license), ("generated_from", source.title)]
    }

    private func jsonLD() -> String {
        let base = graph.config.baseURL
        let string = JSONText.string
        func distribution(_ url: String, _ type: String) -> String {
            "{\"@type\": \"DataDownload\", \"encodingFormat\": \(string(type)), \"contentUrl\": \(string(base + String(url.dropFirst())))}"
        }
        var datasets: [String] = []
        for file in graph.dataFiles {
            datasets.append("""
            {"@type": "Dataset", "name": \(string(file.meta.title)), "description": \(string(file.meta.title + ". " + file.meta.source)), \
            "license": \(string(file.meta.license)), "temporalCoverage": \(string(file.meta.period)), "dateModified": \(string(file.meta.asOf.description)), \
            "creator": {"@type": "Organization", "name": \(string(file.meta.source))}, "isAccessibleForFree": true, \
            "distribution": [\(distribution("/data/sumber/\(file.name)", "application/json"))]}
            """)
        }
        for table in listedTables {
            let meta = Dictionary(meta(for: table.id), uniquingKeysWith: { first, _ in first })
            datasets.append("""
            {"@type": "Dataset", "name": \(string(tableTitle(table))), "description": \(string(tableTitle(table) + " — " + (meta["generated_from"] ?? ""))), \
            "license": \(string(meta["license"] ?? "")), "temporalCoverage": \(string(meta["period"] ?? "")), "dateModified": \(string(meta["as_of"] ?? "")), \
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
