/// Where a data set comes from (a descriptor's `sources[]`): who published what, when, where.
public struct DataSource: Sendable, Hashable {
    /// A short name that citations use (`[@id]`) and data rows name (`sumber_tahun`).
    public var id: String?
    /// What the source is: an article's headline, a report's title.
    public var title: String
    /// Who published it.
    public var publisher: String?
    /// Its address (`https://...`) or a file of the site.
    public var path: String?
    /// When it was published or read.
    public var date: SimpleDate?

    /// Creates a source.
    public init(id: String? = nil, title: String, publisher: String? = nil, path: String? = nil, date: SimpleDate? = nil) {
        self.id = id
        self.title = title
        self.publisher = publisher
        self.path = path
        self.date = date
    }
}

/// A licence a data set is published under (a descriptor's `licenses[]`).
public struct DataLicense: Sendable, Hashable {
    /// The licence's identifier (`CC0-1.0`, `MIT`, `CC-BY-4.0`).
    public var name: String?
    /// Its text's address.
    public var path: String?
    /// Its name for readers, with any notice it requires ("MIT, © 2026 Dhany Yudi").
    public var title: String?

    /// Creates a licence.
    public init(name: String? = nil, path: String? = nil, title: String? = nil) {
        self.name = name
        self.path = path
        self.title = title
    }

    /// The licence as readers see it.
    public var display: String { title ?? name ?? path ?? "" }
}

/// One data file of the package (`resources[]`): its file, its schema and its provenance.
public struct DataResource: Sendable, Hashable {
    /// What the site does with a resource beyond publishing it.
    public enum Role: String, Sendable, Hashable, CaseIterable {
        /// The village registry: one row per village, the site's pages and regions come from it.
        case registri
        /// Per-village, per-year pillar indicators: every other numeric field is an indicator.
        case indikator
    }

    /// A chart the statistics page draws from a plain table: one bar per row.
    public struct Chart: Sendable, Hashable {
        /// The field whose values label the bars.
        public var category: String
        /// The field whose numbers the bars show.
        public var value: String
    }

    /// The file format of the data.
    public enum Format: String, Sendable, Hashable {
        case csv, json
    }

    /// The resource's name: lower case, digits, `-`, `_`, `.`; its downloads are `/data/sumber/<name>.csv`.
    public var name: String
    /// The data file, relative to the descriptor's folder.
    public var path: String
    /// CSV or JSON.
    public var format: Format
    /// How the CSV is written.
    public var dialect = CSVDialect()
    /// The table's schema.
    public var schema: TableSchema
    /// Its title, per language.
    public var title: LocalizedText
    /// What it holds, per language.
    public var description: LocalizedText?
    /// Where its data comes from (the package's when it names none).
    public var sources: [DataSource] = []
    /// Its licences (the package's when it names none).
    public var licenses: [DataLicense] = []
    /// The period it covers, as readers read it (two years with a dash between).
    public var period: String?
    /// What the site does with it, beyond publishing it.
    public var role: Role?
    /// A chart for the statistics page.
    public var chart: Chart?
    /// Whether its values are illustrative (sample data) rather than a record: every figure and
    /// download made from it says so (`"ilustrasi": true`).
    public var ilustrasi = false
    /// Where it is declared in the descriptor.
    public var position: SourcePosition

    /// Creates a resource.
    public init(name: String, path: String, format: Format, schema: TableSchema, title: LocalizedText, position: SourcePosition = .start) {
        self.name = name
        self.path = path
        self.format = format
        self.schema = schema
        self.title = title
        self.position = position
    }
}

/// The data package (`content/data/datapackage.json`, Frictionless Data Package): every data
/// file of the site with its schema, sources and licence.
public struct DataPackage: Sendable, Hashable {
    /// The package's name.
    public var name: String
    /// Its title, per language.
    public var title: LocalizedText?
    /// What it holds, per language.
    public var description: LocalizedText?
    /// Sources of every resource that names none.
    public var sources: [DataSource] = []
    /// Licences of every resource that names none.
    public var licenses: [DataLicense] = []
    /// The data files.
    public var resources: [DataResource]

    /// The descriptor's file name.
    public static let fileName = "datapackage.json"

    /// Creates a package.
    public init(name: String, resources: [DataResource]) {
        self.name = name
        self.resources = resources
    }

    /// The resource with that role, if any.
    public func resource(role: DataResource.Role) -> DataResource? { resources.first { $0.role == role } }

    /// A resource's sources, or the package's when it names none.
    public func sources(of resource: DataResource) -> [DataSource] { resource.sources.isEmpty ? sources : resource.sources }

    /// A resource's licences, or the package's when it names none.
    public func licenses(of resource: DataResource) -> [DataLicense] { resource.licenses.isEmpty ? licenses : resource.licenses }
}

// MARK: - Reading the descriptor

extension DataPackage {
    /// Reads a descriptor, reporting every problem at its line: unknown or misspelt properties,
    /// wrong types, unknown field types, unsafe or duplicate resource paths, keys that name no
    /// field. Nil when it is unusable.
    public static func decode(_ text: String, file: String, diagnostics: inout Diagnostics) -> DataPackage? {
        let root: JSONNode
        do {
            root = try JSONParser.parse(text)
        } catch {
            diagnostics.error(file, error.position, error.message)
            return nil
        }
        var reader = DescriptorReader(file: file)
        let package = reader.package(root)
        diagnostics.add(contentsOf: reader.diagnostics.all)
        return reader.diagnostics.hasErrors ? nil : package
    }
}

/// Reads descriptor JSON into values, with a diagnostic for everything it cannot use.
struct DescriptorReader {
    let file: String
    var diagnostics = Diagnostics()

    // Properties of the specifications that the site reads, and those it accepts and ignores
    // (annotations), per object; anything else is a typo until proven otherwise.
    static let packageKeys = ["name", "title", "description", "sources", "licenses", "resources", "i18n",
                              "id", "profile", "$schema", "homepage", "version", "created", "keywords", "contributors", "image"]
    static let resourceKeys = ["name", "path", "format", "mediatype", "encoding", "dialect", "schema", "title", "description",
                               "sources", "licenses", "role", "chart", "period", "ilustrasi", "i18n", "profile", "$schema", "type", "bytes", "hash", "homepage"]
    static let schemaKeys = ["fields", "primaryKey", "foreignKeys", "missingValues", "$schema"]
    static let fieldKeys = ["name", "type", "title", "description", "constraints", "decimalChar", "groupChar", "unit", "pilar",
                            "aggregate", "enumLabels", "i18n", "format", "example", "rdfType"]
    static let constraintKeys = ["required", "unique", "minimum", "maximum", "minLength", "maxLength", "pattern", "enum"]
    static let dialectKeys = ["delimiter", "quoteChar", "doubleQuote", "header", "commentChar", "skipInitialSpace", "lineTerminator",
                              "caseSensitiveHeader", "csvddfVersion", "$schema"]
    static let sourceKeys = ["id", "title", "publisher", "path", "date", "email", "version"]
    static let licenseKeys = ["name", "path", "title"]
    static let i18nKeys = ["title", "description", "unit", "enumLabels"]

    init(file: String) {
        self.file = file
    }

    // MARK: Values

    mutating func members(_ node: JSONNode, _ what: String, allowed: [String]) -> [JSONMember]? {
        guard let members = node.members else {
            diagnostics.error(file, node.position, "\(what) harus berupa objek, bukan \(node.kindName)")
            return nil
        }
        for member in members where !allowed.contains(member.key) {
            diagnostics.error(file, member.keyPosition, "properti tidak dikenal \"\(member.key)\" di \(what)",
                              hint: Suggestion.hint(for: member.key, in: allowed, noun: "properti"))
        }
        return members
    }

    mutating func text(_ node: JSONNode, _ key: String) -> String? {
        guard let text = node.string else {
            diagnostics.error(file, node.position, "\"\(key)\" harus berupa teks, bukan \(node.kindName)")
            return nil
        }
        if let problem = TextProblem.check(text, key: key, allowLineBreaks: key == "description") {
            diagnostics.error(file, node.position, problem.message, hint: problem.hint)
            return nil
        }
        return text
    }

    mutating func flag(_ node: JSONNode, _ key: String) -> Bool? {
        guard let flag = node.bool else {
            diagnostics.error(file, node.position, "\"\(key)\" harus true atau false, bukan \(node.kindName)")
            return nil
        }
        return flag
    }

    mutating func character(_ node: JSONNode, _ key: String) -> Character? {
        // Not `text`: a tab is a fine delimiter, though blank as text.
        guard let text = node.string else {
            diagnostics.error(file, node.position, "\"\(key)\" harus berupa teks, bukan \(node.kindName)")
            return nil
        }
        guard text.count == 1, let character = text.first, character.isASCII, character != "\n", character != "\r" else {
            diagnostics.error(file, node.position, "\"\(key)\" harus satu karakter ASCII, bukan \"\(text)\"")
            return nil
        }
        return character
    }

    mutating func array(_ node: JSONNode, _ key: String) -> [JSONNode]? {
        guard let elements = node.elements else {
            diagnostics.error(file, node.position, "\"\(key)\" harus berupa daftar (array), bukan \(node.kindName)")
            return nil
        }
        return elements
    }

    /// A list of field names, written as one name or an array of names.
    mutating func names(_ node: JSONNode, _ key: String) -> [String]? {
        if let name = node.string { return [name] }
        guard let elements = array(node, key) else { return nil }
        let names = elements.compactMap { text($0, key) }
        return names.count == elements.count ? names : nil
    }

    // MARK: Objects

    mutating func package(_ root: JSONNode) -> DataPackage? {
        guard let members = members(root, "datapackage.json", allowed: Self.packageKeys) else { return nil }
        var name = "data"
        var resources: [DataResource] = []
        var package = DataPackage(name: name, resources: [])
        let i18n = localized(root)
        for member in members {
            switch member.key {
            case "name": name = text(member.value, "name") ?? name
            case "title": package.title = text(member.value, "title").map { LocalizedText($0, translations: i18n["title"] ?? [:]) }
            case "description": package.description = text(member.value, "description").map { LocalizedText($0, translations: i18n["description"] ?? [:]) }
            case "sources": package.sources = sources(member.value)
            case "licenses": package.licenses = licenses(member.value)
            case "resources":
                for element in array(member.value, "resources") ?? [] {
                    if let resource = resource(element) { resources.append(resource) }
                }
            default: break
            }
        }
        if root["resources"] == nil {
            diagnostics.error(file, root.position, "datapackage.json tidak punya \"resources\"", hint: "daftarkan setiap berkas data di \"resources\"")
        }
        package.name = name
        package.resources = resources
        checkResources(resources)
        return package
    }

    /// The translations of an object's texts: `i18n.<language>.<property>` → by property, then language.
    mutating func localized(_ node: JSONNode) -> [String: [String: String]] {
        guard let i18n = node["i18n"] else { return [:] }
        guard let languages = i18n.members else {
            diagnostics.error(file, i18n.position, "\"i18n\" harus berupa objek {\"en\": {\"title\": ...}}, bukan \(i18n.kindName)")
            return [:]
        }
        var result: [String: [String: String]] = [:]
        for language in languages {
            guard let properties = members(language.value, "\"i18n.\(language.key)\"", allowed: Self.i18nKeys) else { continue }
            for property in properties where property.key != "enumLabels" {
                if let value = text(property.value, property.key) { result[property.key, default: [:]][language.key] = value }
            }
        }
        return result
    }

    mutating func sources(_ node: JSONNode) -> [DataSource] {
        (array(node, "sources") ?? []).compactMap { element in
            guard let members = members(element, "sumber", allowed: Self.sourceKeys) else { return nil }
            var source = DataSource(title: "")
            for member in members {
                switch member.key {
                case "id":
                    source.id = text(member.value, "id")
                    if let id = source.id, Slug.make(id) != id {
                        diagnostics.error(file, member.value.position, "id sumber \"\(id)\" hanya boleh berisi huruf kecil, angka dan tanda hubung")
                    }
                case "title": source.title = text(member.value, "title") ?? ""
                case "publisher": source.publisher = text(member.value, "publisher")
                case "path": source.path = text(member.value, "path")
                case "date":
                    if let value = text(member.value, "date") {
                        source.date = SimpleDate(value)
                        if source.date == nil { diagnostics.error(file, member.value.position, "\"date\" bukan tanggal yang sah: \"\(value)\"", hint: "tulis tanggal sebagai TTTT-BB-HH") }
                    }
                default: break
                }
            }
            guard element["title"] != nil else {
                diagnostics.error(file, element.position, "sumber tidak punya \"title\"", hint: "setiap sumber punya judul: siapa menerbitkan apa")
                return nil
            }
            return source
        }
    }

    mutating func licenses(_ node: JSONNode) -> [DataLicense] {
        (array(node, "licenses") ?? []).compactMap { element in
            guard let members = members(element, "lisensi", allowed: Self.licenseKeys) else { return nil }
            var license = DataLicense()
            for member in members {
                switch member.key {
                case "name": license.name = text(member.value, "name")
                case "path": license.path = text(member.value, "path")
                case "title": license.title = text(member.value, "title")
                default: break
                }
            }
            guard license.name != nil || license.path != nil else {
                diagnostics.error(file, element.position, "lisensi harus punya \"name\" atau \"path\"", hint: "misalnya {\"name\": \"CC0-1.0\"}")
                return nil
            }
            return license
        }
    }

    mutating func resource(_ node: JSONNode) -> DataResource? {
        guard let members = members(node, "resource", allowed: Self.resourceKeys) else { return nil }
        let i18n = localized(node)
        var name: String?, path: String?, title: String?, format: DataResource.Format?
        var schema: TableSchema?
        var resource = DataResource(name: "", path: "", format: .csv, schema: TableSchema(fields: []), title: LocalizedText(""), position: node.position)
        for member in members {
            let value = member.value
            switch member.key {
            case "name":
                name = text(value, "name")
                if let found = name, found.isEmpty || !found.allSatisfy({ $0.isASCII && ($0.isLowercase || $0.isNumber || "-_.".contains($0)) }) {
                    diagnostics.error(file, value.position, "nama resource \"\(found)\" hanya boleh berisi huruf kecil, angka, -, _ dan .")
                    name = nil
                }
            case "path":
                path = text(value, "path")
                if let found = path, let problem = Self.pathProblem(found) {
                    diagnostics.error(file, value.position, problem, hint: "path menunjuk berkas di folder content/data/, misalnya \"indikator.csv\"")
                    path = nil
                }
            case "format":
                if let found = text(value, "format") {
                    format = DataResource.Format(rawValue: found.lowercased())
                    if format == nil { diagnostics.error(file, value.position, "format \"\(found)\" tidak didukung", hint: "format yang didukung: csv, json") }
                }
            case "encoding":
                if let found = text(value, "encoding"), !["utf-8", "utf8"].contains(found.lowercased()) {
                    diagnostics.error(file, value.position, "pengodean \"\(found)\" tidak didukung", hint: "simpan berkas sebagai UTF-8 (dengan atau tanpa BOM)")
                }
            case "dialect": resource.dialect = dialect(value) ?? resource.dialect
            case "schema": schema = self.schema(value)
            case "title": title = text(value, "title")
            case "description": resource.description = text(value, "description").map { LocalizedText($0, translations: i18n["description"] ?? [:]) }
            case "sources": resource.sources = sources(value)
            case "licenses": resource.licenses = licenses(value)
            case "period": resource.period = text(value, "period")
            case "ilustrasi": resource.ilustrasi = flag(value, "ilustrasi") ?? false
            case "role":
                if let found = text(value, "role") {
                    resource.role = DataResource.Role(rawValue: found)
                    if resource.role == nil {
                        diagnostics.error(file, value.position, "peran resource tidak dikenal \"\(found)\"",
                                          hint: Suggestion.hint(for: found, in: DataResource.Role.allCases.map(\.rawValue), noun: "nilai"))
                    }
                }
            case "chart":
                if let chartMembers = self.members(value, "\"chart\"", allowed: ["category", "value"]) {
                    let category = chartMembers.first { $0.key == "category" }.flatMap { text($0.value, "category") }
                    let bar = chartMembers.first { $0.key == "value" }.flatMap { text($0.value, "value") }
                    if let category, let bar {
                        resource.chart = DataResource.Chart(category: category, value: bar)
                    } else {
                        diagnostics.error(file, value.position, "\"chart\" perlu \"category\" dan \"value\" (nama kolom)")
                    }
                }
            default: break
            }
        }
        for key in ["name", "path", "schema"] where node[key] == nil {
            diagnostics.error(file, node.position, "resource tidak punya properti wajib \"\(key)\"")
        }
        guard let name, let path, let schema else { return nil }
        if format == nil {
            format = path.lowercased().hasSuffix(".json") ? .json : path.lowercased().hasSuffix(".csv") ? .csv : nil
        }
        guard let format else {
            diagnostics.error(file, node["path"]?.position ?? node.position, "format berkas \"\(path)\" tidak dikenali", hint: "pakai berkas .csv atau .json, atau tulis \"format\"")
            return nil
        }
        resource.name = name
        resource.path = path
        resource.format = format
        resource.schema = schema
        resource.title = LocalizedText(title ?? name, translations: i18n["title"] ?? [:])
        if let chart = resource.chart {
            for (key, field) in [("category", chart.category), ("value", chart.value)] where schema.field(field) == nil {
                diagnostics.error(file, node["chart"]?[key]?.position ?? node.position, "\"chart\" menyebut kolom \"\(field)\" yang tidak ada di skema",
                                  hint: Suggestion.hint(for: field, in: schema.fields.map(\.name), noun: "kolom"))
            }
        }
        return resource
    }

    /// Why a resource path cannot be read safely, or nil: it must stay inside the data folder.
    static func pathProblem(_ path: String) -> String? {
        if path.isEmpty { return "path kosong" }
        if path.contains("://") { return "path \"\(path)\" menunjuk alamat web; generator hanya membaca berkas di content/data/" }
        if path.hasPrefix("/") || path.hasPrefix("~") || path.contains("\\") { return "path \"\(path)\" harus relatif terhadap folder content/data/" }
        if path.split(separator: "/", omittingEmptySubsequences: false).contains(where: { $0 == ".." || $0 == "." || $0.isEmpty }) {
            return "path \"\(path)\" keluar dari folder content/data/ atau tidak rapi"
        }
        if path == DataPackage.fileName { return "path tidak boleh menunjuk datapackage.json sendiri" }
        return nil
    }

    mutating func dialect(_ node: JSONNode) -> CSVDialect? {
        guard let members = members(node, "\"dialect\"", allowed: Self.dialectKeys) else { return nil }
        var dialect = CSVDialect()
        for member in members {
            let value = member.value
            switch member.key {
            case "delimiter":
                if let character = character(value, "delimiter") {
                    if character == "\"" { diagnostics.error(file, value.position, "pemisah kolom tidak boleh tanda kutip") } else { dialect.delimiter = character }
                }
            case "quoteChar": dialect.quoteChar = character(value, "quoteChar") ?? dialect.quoteChar
            case "doubleQuote": dialect.doubleQuote = flag(value, "doubleQuote") ?? dialect.doubleQuote
            case "header":
                if let header = flag(value, "header") {
                    if !header { diagnostics.error(file, value.position, "berkas CSV tanpa baris judul kolom belum didukung", hint: "baris pertama CSV memuat nama kolom") }
                    dialect.header = header
                }
            case "commentChar": dialect.commentChar = character(value, "commentChar")
            case "skipInitialSpace": dialect.skipInitialSpace = flag(value, "skipInitialSpace") ?? dialect.skipInitialSpace
            default: break
            }
        }
        return dialect
    }

    mutating func schema(_ node: JSONNode) -> TableSchema? {
        if node.string != nil {
            diagnostics.error(file, node.position, "skema di berkas terpisah belum didukung", hint: "tulis skema langsung di resource: \"schema\": {\"fields\": [...]}")
            return nil
        }
        guard let members = members(node, "\"schema\"", allowed: Self.schemaKeys) else { return nil }
        var schema = TableSchema(fields: [])
        var seen: [String: SourcePosition] = [:]
        for element in node["fields"].flatMap({ array($0, "fields") }) ?? [] {
            guard let field = field(element) else { continue }
            if let first = seen[field.name] {
                diagnostics.error(file, element.position, "kolom \"\(field.name)\" sudah ada di baris \(first.line)")
                continue
            }
            seen[field.name] = element.position
            schema.fields.append(field)
        }
        if node["fields"] == nil { diagnostics.error(file, node.position, "skema tidak punya \"fields\"") }
        let names = schema.fields.map(\.name)
        func checkNames(_ list: [String], at position: SourcePosition, _ what: String) {
            for name in list where !names.contains(name) {
                diagnostics.error(file, position, "\(what) menyebut kolom \"\(name)\" yang tidak ada di skema",
                                  hint: names.isEmpty ? nil : Suggestion.hint(for: name, in: names, noun: "kolom"))
            }
        }
        for member in members {
            switch member.key {
            case "primaryKey":
                if let keys = self.names(member.value, "primaryKey") {
                    checkNames(keys, at: member.value.position, "primaryKey")
                    schema.primaryKey = keys
                }
            case "missingValues":
                schema.missingValues = (array(member.value, "missingValues") ?? []).compactMap { $0.string }
            case "foreignKeys":
                for element in array(member.value, "foreignKeys") ?? [] {
                    guard let keyMembers = self.members(element, "foreignKey", allowed: ["fields", "reference"]) else { continue }
                    let fields = keyMembers.first { $0.key == "fields" }.flatMap { self.names($0.value, "fields") }
                    var resource = ""
                    var referenceFields: [String]?
                    if let reference = element["reference"], let referenceMembers = self.members(reference, "\"reference\"", allowed: ["resource", "fields"]) {
                        for member in referenceMembers {
                            if member.key == "resource" { resource = text(member.value, "resource") ?? "" }
                            if member.key == "fields" { referenceFields = self.names(member.value, "fields") }
                        }
                    }
                    guard let fields, let referenceFields, fields.count == referenceFields.count else {
                        diagnostics.error(file, element.position, "foreignKey perlu \"fields\" dan \"reference\": {\"resource\", \"fields\"} dengan jumlah kolom yang sama")
                        continue
                    }
                    checkNames(fields, at: element.position, "foreignKey")
                    schema.foreignKeys.append(ForeignKey(fields: fields, resource: resource, referenceFields: referenceFields, position: element.position))
                }
            default: break
            }
        }
        return schema
    }

    mutating func field(_ node: JSONNode) -> TableField? {
        guard let members = members(node, "kolom", allowed: Self.fieldKeys) else { return nil }
        let i18n = localized(node)
        guard let name = node["name"].flatMap({ text($0, "name") }) else {
            if node["name"] == nil { diagnostics.error(file, node.position, "kolom tidak punya \"name\"") }
            return nil
        }
        var type = FieldType.string
        if let typeNode = node["type"], let written = text(typeNode, "type") {
            if let known = FieldType(rawValue: written) {
                type = known
            } else if FieldType.unsupported.contains(written) {
                diagnostics.error(file, typeNode.position, "tipe kolom \"\(written)\" belum didukung", hint: "tipe yang didukung: \(FieldType.allCases.map(\.rawValue).joined(separator: ", "))")
                return nil
            } else {
                diagnostics.error(file, typeNode.position, "tipe kolom tidak dikenal \"\(written)\"",
                                  hint: Suggestion.hint(for: written, in: FieldType.allCases.map(\.rawValue), noun: "tipe"))
                return nil
            }
        }
        var field = TableField(name: name, type: type, position: node.position)
        // Constraints first: value labels and messages depend on them, whatever the key order.
        if let constraints = node["constraints"] { field.constraints = self.constraints(constraints, field: field) }
        for member in members {
            let value = member.value
            switch member.key {
            case "title": field.title = text(value, "title").map { LocalizedText($0, translations: i18n["title"] ?? [:]) }
            case "description": field.description = text(value, "description").map { LocalizedText($0, translations: i18n["description"] ?? [:]) }
            case "unit": field.unit = text(value, "unit").map { LocalizedText($0, translations: i18n["unit"] ?? [:]) }
            case "pilar": field.pilar = text(value, "pilar")
            case "decimalChar": field.decimalChar = character(value, "decimalChar") ?? "."
            case "groupChar": field.groupChar = character(value, "groupChar")
            case "aggregate":
                if let written = text(value, "aggregate") {
                    if let aggregation = Aggregation(rawValue: written) { field.aggregation = aggregation } else {
                        diagnostics.error(file, value.position, "cara agregasi tidak dikenal \"\(written)\"",
                                          hint: Suggestion.hint(for: written, in: Aggregation.allCases.map(\.rawValue), noun: "nilai"))
                    }
                }
            case "format":
                if let written = text(value, "format"), written != "default" {
                    diagnostics.error(file, value.position, "format kolom \"\(written)\" belum didukung", hint: "hapus \"format\" atau tulis \"default\"")
                }
            case "enumLabels":
                guard let labels = self.members(value, "\"enumLabels\"", allowed: (field.constraints.enumValues ?? []).map(\.canonical)) else { break }
                for label in labels { field.valueLabels[label.key] = text(label.value, label.key).map { LocalizedText($0) } }
            default: break
            }
        }
        // Translations of value labels: i18n.<language>.enumLabels.<value>.
        for language in node["i18n"]?.members ?? [] {
            for label in language.value["enumLabels"]?.members ?? [] {
                guard let text = text(label.value, label.key) else { continue }
                if field.valueLabels[label.key] == nil { field.valueLabels[label.key] = LocalizedText(label.key) }
                field.valueLabels[label.key]?.translations[language.key] = text
            }
        }
        return field
    }

    mutating func constraints(_ node: JSONNode, field: TableField) -> FieldConstraints {
        var constraints = FieldConstraints()
        guard let members = members(node, "\"constraints\"", allowed: Self.constraintKeys) else { return constraints }
        func value(_ node: JSONNode, _ key: String) -> TableValue? {
            let parsed: Result<TableValue, FieldError>?
            switch node.value {
            case .number(_, let text): parsed = field.type == .string ? nil : field.parse(text)
            case .string(let text): parsed = field.parse(text)
            case .bool(let flag): parsed = field.type == .boolean ? .success(.boolean(flag)) : nil
            default: parsed = nil
            }
            guard case .success(let value) = parsed else {
                diagnostics.error(file, node.position, "\"\(key)\" kolom \"\(field.name)\" harus \(field.type.words)")
                return nil
            }
            return value
        }
        for member in members {
            switch member.key {
            case "required": constraints.required = flag(member.value, "required") ?? false
            case "unique": constraints.unique = flag(member.value, "unique") ?? false
            case "minimum": constraints.minimum = value(member.value, "minimum")
            case "maximum": constraints.maximum = value(member.value, "maximum")
            case "minLength", "maxLength":
                guard let length = member.value.integer, length >= 0 else {
                    diagnostics.error(file, member.value.position, "\"\(member.key)\" harus bilangan bulat ≥ 0")
                    continue
                }
                if member.key == "minLength" { constraints.minLength = length } else { constraints.maxLength = length }
            case "pattern":
                if let pattern = text(member.value, "pattern") {
                    if (try? Regex(pattern)) == nil {
                        diagnostics.error(file, member.value.position, "pola \"\(pattern)\" bukan ekspresi reguler yang sah")
                    } else {
                        constraints.pattern = pattern
                    }
                }
            case "enum":
                if let elements = array(member.value, "enum") {
                    let values = elements.compactMap { value($0, "enum") }
                    if values.count == elements.count { constraints.enumValues = values }
                }
            default: break
            }
        }
        return constraints
    }

    /// Checks what concerns several resources: unique names and paths, foreign keys that name
    /// a resource and its fields, one resource per role.
    mutating func checkResources(_ resources: [DataResource]) {
        var names: [String: SourcePosition] = [:]
        var paths: [String: SourcePosition] = [:]
        var roles: [DataResource.Role: SourcePosition] = [:]
        for resource in resources {
            if let first = names[resource.name] {
                diagnostics.error(file, resource.position, "nama resource \"\(resource.name)\" sudah dipakai di baris \(first.line)")
            }
            names[resource.name] = names[resource.name] ?? resource.position
            if let first = paths[resource.path] {
                diagnostics.error(file, resource.position, "berkas \"\(resource.path)\" sudah dipakai resource di baris \(first.line)")
            }
            paths[resource.path] = paths[resource.path] ?? resource.position
            if let role = resource.role {
                if let first = roles[role] {
                    diagnostics.error(file, resource.position, "hanya satu resource boleh berperan \"\(role.rawValue)\" (yang pertama di baris \(first.line))")
                }
                roles[role] = roles[role] ?? resource.position
            }
        }
        for resource in resources {
            for key in resource.schema.foreignKeys {
                let target = key.resource.isEmpty ? resource : resources.first { $0.name == key.resource }
                guard let target else {
                    diagnostics.error(file, key.position, "foreignKey menunjuk resource \"\(key.resource)\" yang tidak ada",
                                      hint: Suggestion.hint(for: key.resource, in: Array(Set(resources.map(\.name))).sorted(), noun: "resource"))
                    continue
                }
                for name in key.referenceFields where target.schema.field(name) == nil {
                    diagnostics.error(file, key.position, "foreignKey menyebut kolom \"\(name)\" yang tidak ada di resource \"\(target.name)\"")
                }
            }
        }
    }
}
