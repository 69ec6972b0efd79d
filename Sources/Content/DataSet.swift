/// The provenance every data file declares in its `meta` header.
public struct DataSetMeta: Sendable, Hashable {
    /// What the data set is.
    public var title: String
    /// Who produced it.
    public var source: String
    /// The unit of its values.
    public var unit: String
    /// The period it covers.
    public var period: String
    /// The date the data is current to.
    public var asOf: SimpleDate
    /// Its license.
    public var license: String

    /// The keys of the header, in the order the documentation lists them.
    public static let keys = ["title", "source", "unit", "period", "as_of", "license"]

    /// Creates a header.
    public init(title: String, source: String, unit: String, period: String, asOf: SimpleDate, license: String) {
        self.title = title
        self.source = source
        self.unit = unit
        self.period = period
        self.asOf = asOf
        self.license = license
    }

    /// Decodes the `meta` object of a data file.
    static func decode(_ node: JSONNode, file: String, diagnostics: inout Diagnostics) -> DataSetMeta? {
        guard let members = node.members else {
            diagnostics.error(file, node.position, "\"meta\" harus berupa objek, bukan \(node.kindName)")
            return nil
        }
        var values: [String: String] = [:]
        var reader = JSONFieldReader(file: file)
        for member in members {
            guard keys.contains(member.key) else {
                diagnostics.error(file, member.keyPosition, "kunci tidak dikenal \"\(member.key)\" di \"meta\"", hint: Suggestion.hint(for: member.key, in: keys))
                continue
            }
            if let text = reader.text(member.value, key: member.key) { values[member.key] = text }
        }
        diagnostics.add(contentsOf: reader.diagnostics.all)
        var complete = true
        for key in keys where values[key] == nil && !members.contains(where: { $0.key == key }) {
            diagnostics.error(file, node.position, "\"meta\" tidak punya kunci wajib \"\(key)\"", hint: "setiap data mencatat asal-usulnya: \(keys.joined(separator: ", "))")
            complete = false
        }
        var asOf: SimpleDate?
        if let text = values["as_of"] {
            asOf = SimpleDate(text)
            if asOf == nil, let member = members.first(where: { $0.key == "as_of" }) {
                diagnostics.error(file, member.value.position, "\"as_of\" bukan tanggal yang sah: \"\(text)\"", hint: "tulis tanggal sebagai TTTT-BB-HH")
            }
        }
        guard complete, let asOf, let title = values["title"], let source = values["source"], let unit = values["unit"],
              let period = values["period"], let license = values["license"] else { return nil }
        return DataSetMeta(title: title, source: source, unit: unit, period: period, asOf: asOf, license: license)
    }
}

/// A data file split into its header and rows, each row still a positioned JSON object.
public struct DataFile: Sendable {
    /// The header.
    public var meta: DataSetMeta
    /// The rows, in file order.
    public var rows: [JSONNode]

    /// Parses a data file `{"meta": {...}, "rows": [...]}`; nil when it is unusable (diagnostics say why).
    public static func parse(_ text: String, file: String, diagnostics: inout Diagnostics) -> DataFile? {
        let root: JSONNode
        do {
            root = try JSONParser.parse(text)
        } catch {
            diagnostics.error(file, error.position, error.message)
            return nil
        }
        guard let members = root.members else {
            diagnostics.error(file, root.position, "data harus berupa objek {\"meta\": ..., \"rows\": [...]}, bukan \(root.kindName)")
            return nil
        }
        for member in members where member.key != "meta" && member.key != "rows" {
            diagnostics.error(file, member.keyPosition, "kunci tidak dikenal \"\(member.key)\"", hint: Suggestion.hint(for: member.key, in: ["meta", "rows"]))
        }
        var meta: DataSetMeta?
        if let node = root["meta"] {
            meta = DataSetMeta.decode(node, file: file, diagnostics: &diagnostics)
        } else {
            diagnostics.error(file, root.position, "data tidak punya \"meta\"", hint: "tambahkan \"meta\": {\"title\", \"source\", \"unit\", \"period\", \"as_of\", \"license\"}")
        }
        guard let rowsNode = root["rows"] else {
            diagnostics.error(file, root.position, "data tidak punya \"rows\"")
            return nil
        }
        guard let rows = rowsNode.elements else {
            diagnostics.error(file, rowsNode.position, "\"rows\" harus berupa daftar, bukan \(rowsNode.kindName)")
            return nil
        }
        guard let meta else { return nil }
        return DataFile(meta: meta, rows: rows)
    }
}

/// Reads typed values out of JSON nodes, recording a diagnostic for every value of the wrong kind.
struct JSONFieldReader {
    let file: String
    var diagnostics = Diagnostics()

    init(file: String) {
        self.file = file
    }

    mutating func text(_ node: JSONNode, key: String) -> String? {
        guard let text = node.string else {
            diagnostics.error(file, node.position, "\"\(key)\" harus berupa teks, bukan \(node.kindName)")
            return nil
        }
        if let problem = TextProblem.check(text, key: key, allowLineBreaks: false) {
            diagnostics.error(file, node.position, problem.message, hint: problem.hint)
            return nil
        }
        return text
    }

    mutating func integer(_ node: JSONNode, key: String) -> Int? {
        guard let number = node.integer else {
            diagnostics.error(file, node.position, "\"\(key)\" harus bilangan bulat, bukan \(node.number != nil ? "pecahan" : node.kindName)")
            return nil
        }
        return number
    }

    mutating func kode(_ node: JSONNode, key: String, digits: Int) -> KodeWilayah? {
        guard let text = text(node, key: key) else { return nil }
        guard let kode = KodeWilayah(text), kode.digits.count == digits else {
            diagnostics.error(file, node.position, "\"\(text)\" bukan kode Kemendagri yang sah untuk \"\(key)\"", hint: "kode desa berbentuk PP.KK.CC.DDDD, misalnya \"32.12.16.2004\"")
            return nil
        }
        return kode
    }
}
