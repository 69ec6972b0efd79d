import Content
import Statistics

/// `/data/datapackage.json`: the site's open data described as a Frictionless Data Package, so a
/// portal (CKAN, Satu Data) or `frictionless validate` reads every CSV download as it is: its
/// path, schema (field names, types, labels, units, constraints, keys), sources and licences.
struct OpenDataPackage {
    let graph: SiteGraph
    let catalog: DataCatalog
    let figures: Figures

    /// The descriptor's text.
    func descriptor() -> String {
        let language = graph.config.language
        var members: [(String, JSONValue)] = [
            ("name", .string(Slug.make(graph.config.title).isEmpty ? "data" : Slug.make(graph.config.title))),
            ("profile", .string("tabular-data-package")),
            ("title", .string(graph.package.title?.in(language) ?? graph.config.title)),
        ]
        let description = [catalog.sampleNotice.map { $0 + "." }, graph.package.description?.in(language)].compactMap { $0 }.joined(separator: " ")
        if !description.isEmpty { members.append(("description", .string(description))) }
        if graph.config.sampleData { members.append(("sample_data", .bool(true))) }
        members.append(("homepage", .string(graph.config.baseURL + "data/")))
        // A source table's schema is declared: only computed tables are made, to type their columns.
        members.append(("resources", .array(figures.downloads().map { resource($0, $0.id.hasPrefix("sumber/") ? nil : $0.make()) })))
        return JSONValue.object(members).text()
    }

    /// The published resource name of a download: its id with `/` as `-` (`desa-3212162004`).
    static func name(_ id: String) -> String { id.replacingOccurrences(of: "/", with: "-") }

    private func resource(_ download: Figures.Download, _ table: DataTable?) -> JSONValue {
        let id = download.id
        let lineage = catalog.lineage(of: id)
        let source = id.hasPrefix("sumber/") ? catalog.origin(of: id) : nil
        var members: [(String, JSONValue)] = [
            ("name", .string(Self.name(id))),
            ("path", .string(String(Figures.downloadPath(id: id, "csv").dropFirst("/data/".count)))),
            ("profile", .string("tabular-data-resource")),
            ("format", .string("csv")),
            ("mediatype", .string("text/csv")),
            ("encoding", .string("utf-8")),
            ("title", .string(download.title)),
        ]
        // The sample label is a '#' line above the header: the dialect tells readers to skip it.
        if catalog.sampleNotice != nil { members.append(("dialect", .object([("commentChar", .string("#"))]))) }
        if let description = source?.description?.text { members.append(("description", .string(description))) }
        let sources = lineage.flatMap { graph.package.sources(of: $0) }.uniqued()
        if !sources.isEmpty {
            members.append(("sources", .array(sources.map { source in
                var entry: [(String, JSONValue)] = [("title", .string(source.title))]
                if let path = source.path { entry.append(("path", .string(path))) }
                if let publisher = source.publisher { entry.append(("publisher", .string(publisher))) }
                if let date = source.date { entry.append(("date", .string(date.description))) }
                return .object(entry)
            })))
        }
        let licenses = lineage.flatMap { graph.package.licenses(of: $0) }.uniqued()
        if !licenses.isEmpty {
            members.append(("licenses", .array(licenses.map { license in
                .object([("name", license.name), ("path", license.path), ("title", license.title)].compactMap { key, value in value.map { (key, .string($0)) } })
            })))
        }
        members.append(("schema", source.map(sourceSchema) ?? table.map(computedSchema) ?? .object([("fields", .array([]))])))
        return .object(members)
    }

    /// A source table keeps its declared schema, less what only described the original file
    /// (the published CSV writes numbers plainly), with keys pointing at published names.
    private func sourceSchema(_ resource: DataResource) -> JSONValue {
        let schema = resource.schema
        var members: [(String, JSONValue)] = [("fields", .array(schema.fields.map { field in
            var entry: [(String, JSONValue)] = [("name", .string(field.name)), ("type", .string(field.type.rawValue))]
            if let title = field.title { entry.append(("title", .string(title.text))) }
            if let description = field.description { entry.append(("description", .string(description.text))) }
            if let unit = field.unit { entry.append(("unit", .string(unit.text))) }
            var constraints: [(String, JSONValue)] = []
            let c = field.constraints
            if c.required { constraints.append(("required", .bool(true))) }
            if c.unique { constraints.append(("unique", .bool(true))) }
            if let minimum = c.minimum { constraints.append(("minimum", jsonValue(minimum))) }
            if let maximum = c.maximum { constraints.append(("maximum", jsonValue(maximum))) }
            if let length = c.minLength { constraints.append(("minLength", .number(String(length)))) }
            if let length = c.maxLength { constraints.append(("maxLength", .number(String(length)))) }
            if let pattern = c.pattern { constraints.append(("pattern", .string(pattern))) }
            if let values = c.enumValues { constraints.append(("enum", .array(values.map(jsonValue)))) }
            if !constraints.isEmpty { entry.append(("constraints", .object(constraints))) }
            return .object(entry)
        }))]
        if !schema.primaryKey.isEmpty { members.append(("primaryKey", .array(schema.primaryKey.map { .string($0) }))) }
        let published = Set(graph.statistics.tables.map(\.resource.name))
        let keys = schema.foreignKeys.filter { $0.resource.isEmpty || published.contains($0.resource) }
        if !keys.isEmpty {
            members.append(("foreignKeys", .array(keys.map { key in
                .object([
                    ("fields", .array(key.fields.map { .string($0) })),
                    ("reference", .object([
                        ("resource", .string(key.resource.isEmpty ? "" : Self.name("sumber/\(key.resource)"))),
                        ("fields", .array(key.referenceFields.map { .string($0) })),
                    ])),
                ])
            })))
        }
        return .object(members)
    }

    /// A computed table's schema: each column typed by the values it holds, labelled as pages label it.
    private func computedSchema(_ table: DataTable) -> JSONValue {
        .object([("fields", .array(table.columns.enumerated().map { index, column in
            let values = table.rows.map { $0[index] }
            let type: String
            if values.contains(where: { if case .text = $0 { return true } else { return false } }) {
                type = "string"
            } else if values.contains(where: { if case .decimal = $0 { return true } else { return false } }) {
                type = "number"
            } else {
                type = "integer"
            }
            return .object([("name", .string(column)), ("type", .string(type)), ("title", .string(figures.columnLabel(column)))])
        }))])
    }

    private func jsonValue(_ value: TableValue) -> JSONValue {
        switch value {
        case .integer, .number, .year: return .number(value.canonical)
        case .boolean(let flag): return .bool(flag)
        case .missing: return .null
        case .string, .date: return .string(value.canonical)
        }
    }
}
