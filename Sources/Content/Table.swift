import Foundation

/// A resource's data read and checked against its Table Schema: one typed value per field in
/// every row, whichever format (CSV or JSON) the file was in.
public struct Table: Sendable {
    /// The resource it was read for.
    public let resource: DataResource
    /// The data file, as diagnostics name it (`content/data/indikator.csv`).
    public let file: String
    /// The rows in file order, each with one value per schema field (in schema order).
    public let rows: [[TableValue]]
    /// Where each row's cells stand in the file (a cell absent from the file: its row's start).
    public let positions: [[SourcePosition]]
    /// Rows with a cell that broke the schema (reported; the cell reads as missing). Empty in a
    /// table that passed.
    public let invalidRows: Set<Int>

    /// Creates a table from values already checked.
    public init(resource: DataResource, file: String, rows: [[TableValue]], positions: [[SourcePosition]], invalidRows: Set<Int> = []) {
        self.resource = resource
        self.file = file
        self.rows = rows
        self.positions = positions
        self.invalidRows = invalidRows
    }

    /// The values of one column, by field name.
    public func column(_ name: String) -> [TableValue] {
        guard let index = resource.schema.index(of: name) else { return [] }
        return rows.map { $0[index] }
    }

    /// Where row `row` starts.
    public func position(ofRow row: Int) -> SourcePosition { positions[row].first ?? .start }
}

extension Table {
    /// Reads a resource's file, reporting every value that breaks its schema (type, required,
    /// minimum and maximum, length, pattern, enum, unique, primary key) at the value's line and
    /// column, with the field's name. The table keeps rows with bad cells (marked in
    /// `invalidRows`), so the checks of their other cells, and checks across tables, still
    /// report in the same run; `complete` says whether every row passed.
    public static func read(_ text: String, resource: DataResource, file: String, diagnostics: inout Diagnostics) -> (table: Table, complete: Bool) {
        var reader = TableReader(resource: resource, file: file)
        switch resource.format {
        case .csv: reader.readCSV(text)
        case .json: reader.readJSON(text)
        }
        reader.checkUnique()
        diagnostics.add(contentsOf: reader.diagnostics.all)
        return (Table(resource: resource, file: file, rows: reader.rows, positions: reader.positions, invalidRows: reader.invalidRows),
                !reader.diagnostics.hasErrors)
    }

    /// Checks every foreign key of every table: each value (or combination) must appear in the
    /// referenced resource. Reported at the cell that refers. Keys into `incomplete` resources
    /// (some rows failed) are skipped: their missing rows would only echo errors already reported.
    public static func checkForeignKeys(_ tables: [Table], incomplete: Set<String> = [], diagnostics: inout Diagnostics) {
        let byName = Dictionary(tables.map { ($0.resource.name, $0) }, uniquingKeysWith: { first, _ in first })
        for table in tables {
            let schema = table.resource.schema
            for key in schema.foreignKeys {
                guard let target = key.resource.isEmpty ? table : byName[key.resource], !incomplete.contains(target.resource.name) else { continue }
                let targetIndices = key.referenceFields.compactMap { target.resource.schema.index(of: $0) }
                let indices = key.fields.compactMap { schema.index(of: $0) }
                guard targetIndices.count == key.referenceFields.count, indices.count == key.fields.count else { continue }
                let known = Set(target.rows.map { row in targetIndices.map { row[$0].canonical } })
                for (rowIndex, row) in table.rows.enumerated() {
                    let values = indices.map { row[$0] }
                    if values.allSatisfy({ $0 == .missing }) { continue }
                    guard !known.contains(values.map(\.canonical)) else { continue }
                    let shown = values.map(\.canonical).joined(separator: ", ")
                    diagnostics.error(table.file, table.positions[rowIndex][indices[0]],
                                      "\"\(key.fields.joined(separator: ", "))\" \(shown) tidak ada di \(target.resource.title.text) (\(target.resource.path))",
                                      hint: "setiap baris hanya boleh menyebut \(key.referenceFields.joined(separator: ", ")) yang tercatat di \(target.resource.path)")
                }
            }
        }
    }
}

/// Reads one resource's rows and checks them cell by cell.
private struct TableReader {
    let resource: DataResource
    let file: String
    let fields: [TableField]
    let missing: Set<String>
    let patterns: [Regex<AnyRegexOutput>?]
    var diagnostics = Diagnostics()
    var rows: [[TableValue]] = []
    var positions: [[SourcePosition]] = []
    var invalidRows = Set<Int>()

    init(resource: DataResource, file: String) {
        self.resource = resource
        self.file = file
        fields = resource.schema.fields
        fieldNames = fields.map(\.name)
        fieldIndex = Dictionary(fieldNames.enumerated().map { ($1, $0) }, uniquingKeysWith: { first, _ in first })
        missing = Set(resource.schema.missingValues)
        missingLengths = Set(resource.schema.missingValues.map(\.utf8.count))
        patterns = resource.schema.fields.map { field in field.constraints.pattern.flatMap { try? Regex($0) } }
        types = fields.map(\.type)
        unconstrained = fields.map { field in
            let c = field.constraints
            return c.minimum == nil && c.maximum == nil && c.minLength == nil && c.maxLength == nil && c.pattern == nil && c.enumValues == nil
        }
        machineFields = fields.map { field in
            var plain = field
            plain.decimalChar = "."
            plain.groupChar = nil
            return plain
        }
    }

    /// The field names, and each name's position: looked up once per JSON cell, so kept.
    let fieldNames: [String]
    let fieldIndex: [String: Int]
    /// The byte lengths of the missing-value markers: a cell of another length is not one, and
    /// needs no hashing to tell.
    let missingLengths: Set<Int>
    /// The fields as JSON numbers read: machine notation, no decimal comma or grouping to undo.
    let machineFields: [TableField]
    /// Each field's type, and whether it has no constraint a value is checked against (`check`):
    /// most cells are plain text with none, and need no more than this.
    let types: [FieldType]
    let unconstrained: [Bool]

    // MARK: Cells

    // A text cell of a field without constraints takes no more than `types` and `unconstrained`:
    // calling a field's methods copied the field, retaining its dozen members, for every cell
    // of a national registry (three quarters of a million).

    /// A cell written as text (any CSV cell, a JSON string).
    mutating func cell(_ text: String, field index: Int, at position: SourcePosition) -> TableValue? {
        if missingLengths.contains(text.utf8.count), missing.contains(text) { return absent(field: index, at: position) }
        if types[index] == .string {
            if let problem = TextProblem.check(text, key: fields[index].name, allowLineBreaks: true) {
                diagnostics.error(file, position, problem.message, hint: problem.hint)
                return nil
            }
            // What `TableField.parse` gives for text.
            return checked(.string(text), field: index, written: text, at: position)
        }
        return parsed(fields[index].parse(text), field: index, written: text, at: position)
    }

    /// A parsed cell, checked against its field's constraints; a failure is reported.
    mutating func parsed(_ result: Result<TableValue, FieldError>, field index: Int, written: String, at position: SourcePosition) -> TableValue? {
        switch result {
        case .success(let value): return checked(value, field: index, written: written, at: position)
        case .failure(let error):
            let (message, hint) = fields[index].message(error, written: written)
            diagnostics.error(file, position, message, hint: hint)
            return nil
        }
    }

    mutating func checked(_ value: TableValue, field index: Int, written: String, at position: SourcePosition) -> TableValue? {
        if unconstrained[index] { return value }
        if let error = fields[index].check(value, pattern: patterns[index]) {
            let (message, hint) = fields[index].message(error, written: written)
            diagnostics.error(file, position, message, hint: hint)
            return nil
        }
        return value
    }

    mutating func absent(field index: Int, at position: SourcePosition) -> TableValue {
        if fields[index].constraints.required {
            diagnostics.error(file, position, "\"\(fields[index].name)\" wajib diisi", hint: "kolom ini bertanda required di datapackage.json")
        }
        return .missing
    }

    // MARK: CSV

    mutating func readCSV(_ text: String) {
        let records: [CSVRecord]
        do {
            records = try CSVParser.parse(text, dialect: resource.dialect)
        } catch {
            diagnostics.error(file, error.position, error.message)
            return
        }
        guard let header = records.first else {
            diagnostics.error(file, .start, "berkas CSV kosong", hint: "baris pertama memuat nama kolom: \(fieldNames.joined(separator: String(resource.dialect.delimiter)))")
            return
        }
        // One column holding the other usual delimiter: the dialect is wrong, and every other
        // message about this file would only follow from that.
        if header.fields.count == 1, fields.count > 1, let only = header.fields.first,
           only.text.contains(";") || only.text.contains(",") {
            diagnostics.error(file, only.position, "baris judul tidak terbaca menjadi kolom dengan pemisah \"\(resource.dialect.delimiter)\": \"\(only.text)\"",
                              hint: Self.unknownColumnHint(only.text, fields: fieldNames, delimiter: resource.dialect.delimiter, header: header))
            return
        }
        // Columns are matched by name, in any order, as spreadsheets may reorder them.
        var columnField: [Int?] = []
        var seen: [String: SourcePosition] = [:]
        for column in header.fields {
            let name = column.text.trimmingCharacters(in: .whitespaces)
            if let first = seen[name] {
                diagnostics.error(file, column.position, "kolom \"\(name)\" muncul dua kali (pertama di kolom \(first.column))")
                columnField.append(nil)
                continue
            }
            seen[name] = column.position
            guard let index = fieldIndex[name] else {
                diagnostics.error(file, column.position, "kolom tidak dikenal \"\(name)\"",
                                  hint: Self.unknownColumnHint(name, fields: fieldNames, delimiter: resource.dialect.delimiter, header: header))
                columnField.append(nil)
                continue
            }
            columnField.append(index)
        }
        let present = Set(columnField.compactMap { $0 })
        for (index, field) in fields.enumerated() where !present.contains(index) && field.constraints.required {
            diagnostics.error(file, header.position, "baris judul tidak punya kolom wajib \"\(field.name)\"")
        }
        guard !diagnostics.hasErrors else { return }
        rows.reserveCapacity(records.count - 1)
        positions.reserveCapacity(records.count - 1)
        for record in records.dropFirst() {
            guard record.fields.count == header.fields.count else {
                diagnostics.error(file, record.position, "baris ini punya \(record.fields.count) kolom, baris judul punya \(header.fields.count)",
                                  hint: resource.dialect.delimiter == "," && record.fields.count == 1 && header.fields.count > 1
                                      ? "berkas ini mungkin dipisah titik koma: tulis \"dialect\": {\"delimiter\": \";\"} di datapackage.json" : nil)
                continue
            }
            var values = [TableValue](repeating: .missing, count: fields.count)
            var cellPositions = [SourcePosition](repeating: record.position, count: fields.count)
            var ok = true
            for (column, csvField) in record.fields.enumerated() {
                guard let index = columnField[column] else { continue }
                cellPositions[index] = csvField.position
                guard let value = cell(csvField.text, field: index, at: csvField.position) else {
                    ok = false
                    continue
                }
                values[index] = value
            }
            // Columns absent from the header are optional (a required one stopped the read above): missing.
            // A row with a bad cell is kept (the cell missing) and marked, so checks of its
            // other cells still report in this run.
            if !ok { invalidRows.insert(rows.count) }
            rows.append(values)
            positions.append(cellPositions)
        }
    }

    static func unknownColumnHint(_ name: String, fields: [String], delimiter: Character, header: CSVRecord) -> String {
        if header.fields.count == 1, name.contains(";") { return "berkas ini dipisah titik koma: tulis \"dialect\": {\"delimiter\": \";\"} di datapackage.json" }
        if header.fields.count == 1, name.contains(",") { return "berkas ini dipisah koma, bukan \"\(delimiter)\": perbaiki \"dialect\" di datapackage.json" }
        return Suggestion.hint(for: name, in: fields, noun: "kolom")
    }

    // MARK: JSON

    mutating func readJSON(_ text: String) {
        let root: JSONNode
        do {
            root = try JSONParser.parse(text)
        } catch {
            diagnostics.error(file, error.position, error.message)
            return
        }
        // Three shapes: an array of rows; the site's `{"meta": {...}, "rows": [...]}`; rows are
        // objects keyed by field name, or arrays after a first array of field names.
        var rowNodes: [JSONNode]
        if let elements = root.elements {
            rowNodes = elements
        } else if let members = root.members {
            for member in members where member.key != "meta" && member.key != "rows" {
                diagnostics.error(file, member.keyPosition, "kunci tidak dikenal \"\(member.key)\"", hint: Suggestion.hint(for: member.key, in: ["meta", "rows"]))
            }
            if let meta = root["meta"], meta.members == nil {
                diagnostics.error(file, meta.position, "\"meta\" harus berupa objek, bukan \(meta.kindName)")
            }
            guard let rowsNode = root["rows"] else {
                diagnostics.error(file, root.position, "data tidak punya \"rows\"")
                return
            }
            guard let elements = rowsNode.elements else {
                diagnostics.error(file, rowsNode.position, "\"rows\" harus berupa daftar, bukan \(rowsNode.kindName)")
                return
            }
            rowNodes = elements
        } else {
            diagnostics.error(file, root.position, "data JSON harus berupa daftar baris atau objek {\"rows\": [...]}, bukan \(root.kindName)")
            return
        }
        var header: [Int?]?
        if let first = rowNodes.first?.elements {
            header = first.map { node -> Int? in
                guard let name = node.string else {
                    diagnostics.error(file, node.position, "baris pertama harus berisi nama kolom (teks), bukan \(node.kindName)")
                    return nil
                }
                guard let index = fieldIndex[name] else {
                    diagnostics.error(file, node.position, "kolom tidak dikenal \"\(name)\"", hint: Suggestion.hint(for: name, in: fieldNames, noun: "kolom"))
                    return nil
                }
                return index
            }
            rowNodes.removeFirst()
        }
        // What each row reuses: its cells, which fields it had, and the field of each key of the
        // row before (rows mostly repeat their keys in one order, so a key is compared with the
        // one before it rather than hashed: three quarters of a million lookups nationally).
        var cells: [(Int, JSONNode)] = []
        var seen = [Bool](repeating: false, count: fields.count)
        var lastKeys: [(key: String, field: Int?)] = []
        let required = fields.indices.filter { fields[$0].constraints.required }
        rows.reserveCapacity(rowNodes.count)
        positions.reserveCapacity(rowNodes.count)
        for node in rowNodes {
            var values = [TableValue](repeating: .missing, count: fields.count)
            var cellPositions = [SourcePosition](repeating: node.position, count: fields.count)
            cells.removeAll(keepingCapacity: true)
            for index in seen.indices { seen[index] = false }
            var ok = true
            if let members = node.members, header == nil {
                for (number, member) in members.enumerated() {
                    let field: Int?
                    if number < lastKeys.count, lastKeys[number].key == member.key {
                        field = lastKeys[number].field
                    } else {
                        field = fieldIndex[member.key]
                        if number < lastKeys.count { lastKeys[number] = (member.key, field) } else { lastKeys.append((member.key, field)) }
                    }
                    guard let index = field else {
                        diagnostics.error(file, member.keyPosition, "kolom tidak dikenal \"\(member.key)\"", hint: Suggestion.hint(for: member.key, in: fieldNames, noun: "kolom"))
                        ok = false
                        continue
                    }
                    cells.append((index, member.value))
                }
            } else if let elements = node.elements, let header {
                guard elements.count == header.count else {
                    diagnostics.error(file, node.position, "baris ini punya \(elements.count) nilai, baris judul punya \(header.count)")
                    continue
                }
                for (column, element) in elements.enumerated() {
                    if let index = header[column] { cells.append((index, element)) }
                }
            } else {
                diagnostics.error(file, node.position, header == nil ? "baris harus berupa objek, bukan \(node.kindName)" : "baris harus berupa daftar nilai, bukan \(node.kindName)")
                continue
            }
            for (index, valueNode) in cells {
                seen[index] = true
                cellPositions[index] = valueNode.position
                guard let value = jsonCell(valueNode, field: index) else {
                    ok = false
                    continue
                }
                values[index] = value
            }
            for index in required where !seen[index] {
                diagnostics.error(file, node.position, "baris tidak punya kolom wajib \"\(fields[index].name)\"")
                ok = false
            }
            // A row with a bad cell is kept (the cell missing) and marked, so checks of its
            // other cells still report in this run.
            if !ok { invalidRows.insert(rows.count) }
            rows.append(values)
            positions.append(cellPositions)
        }
    }

    mutating func jsonCell(_ node: JSONNode, field index: Int) -> TableValue? {
        let type = types[index]
        switch node.value {
        case .null:
            return absent(field: index, at: node.position)
        case .string(let text):
            return cell(text, field: index, at: node.position)
        case .number(_, let text) where type == .integer || type == .number || type == .year:
            // A JSON number is already in machine notation: no decimal comma or grouping to undo.
            return parsed(machineFields[index].parse(text), field: index, written: text, at: node.position)
        case .bool(let flag) where type == .boolean:
            return checked(.boolean(flag), field: index, written: String(flag), at: node.position)
        default:
            diagnostics.error(file, node.position, "\"\(fields[index].name)\" harus \(fields[index].requirement), bukan \(node.kindName)")
            return nil
        }
    }

    // MARK: Whole columns

    /// `unique` fields and the primary key: the second row with the same value is reported,
    /// naming the first.
    mutating func checkUnique() {
        let primary = resource.schema.primaryKey.compactMap { name in fields.firstIndex { $0.name == name } }
        // A unique field that is the whole primary key is checked once, as the key.
        var keys: [[Int]] = fields.indices.filter { fields[$0].constraints.unique && primary != [$0] }.map { [$0] }
        if !primary.isEmpty { keys.append(primary) }
        for key in keys {
            var first: [[String]: Int] = [:]
            for (rowIndex, row) in rows.enumerated() {
                let values = key.map { row[$0] }
                if values.contains(.missing) { continue }
                let canonical = values.map(\.canonical)
                if let earlier = first[canonical] {
                    let names = key.map { fields[$0].name }.joined(separator: ", ")
                    diagnostics.error(file, positions[rowIndex][key[0]],
                                      "\(names) \(canonical.joined(separator: ", ")) sudah tercatat di baris \(positions[earlier][key[0]].line)",
                                      hint: key == primary ? "setiap baris punya kunci (\(names)) yang berbeda" : "nilai kolom \(names) tidak boleh kembar")
                } else {
                    first[canonical] = rowIndex
                }
            }
        }
    }
}
