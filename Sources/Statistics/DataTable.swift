import Content
import Foundation

/// A table of computed figures: the one shape every chart, HTML table and download is made from,
/// so the three always show the same numbers.
public struct DataTable: Sendable, Hashable {
    /// One cell.
    public enum Value: Sendable, Hashable {
        case text(String)
        case integer(Int)
        case decimal(Double)
        /// No value (a village that did not report, a region with no data).
        case missing

        /// The number in the cell, if it has one.
        public var number: Double? {
            switch self {
            case .integer(let value): return Double(value)
            case .decimal(let value): return value
            case .text, .missing: return nil
            }
        }
    }

    /// The table's id: its download is `/data/<id>.csv` and `/data/<id>.json` (`wilayah/3212`,
    /// `desa/3212162004` for per-region and per-village tables).
    public let id: String
    /// Machine names of the columns, also the CSV header (`tahun`, `desa_baru`, ...).
    public let columns: [String]
    /// The rows, each with one value per column.
    public let rows: [[Value]]

    /// Creates a table.
    public init(id: String, columns: [String], rows: [[Value]]) {
        precondition(rows.allSatisfy { $0.count == columns.count }, "every row has one value per column")
        self.id = id
        self.columns = columns
        self.rows = rows
    }

    /// The values of one column.
    public func column(_ name: String) -> [Value] {
        guard let index = columns.firstIndex(of: name) else { return [] }
        return rows.map { $0[index] }
    }

    /// RFC 4180 CSV with a header row, CRLF line ends and machine-readable numbers (`12.5`, no
    /// thousands separators), so spreadsheets and scripts read it without guessing a locale.
    /// A `notice` (the sample-data label) goes first as a `#` comment line, which the published
    /// data package declares (`commentChar`) so that CSV readers skip it and people see it.
    public func csv(notice: String? = nil) -> String {
        var text = notice.map { "# " + $0.replacingOccurrences(of: "\r", with: " ").replacingOccurrences(of: "\n", with: " ") + "\r\n" } ?? ""
        text += columns.map(Self.csvField).joined(separator: ",") + "\r\n"
        for row in rows {
            text += row.map { Self.csvField(Self.plain($0)) }.joined(separator: ",") + "\r\n"
        }
        return text
    }

    /// The table as JSON: `{"columns": [...], "rows": [{column: value}]}` with the data set's
    /// provenance in `meta`. Keys keep column order; numbers are JSON numbers, missing is null.
    public func json(meta: [(String, String)]) -> String {
        var text = "{\n  \"meta\": {"
        text += meta.map { "\(JSONText.string($0.0)): \(JSONText.string($0.1))" }.joined(separator: ", ")
        text += "},\n  \"columns\": [" + columns.map(JSONText.string).joined(separator: ", ") + "],\n  \"rows\": ["
        for (index, row) in rows.enumerated() {
            let fields = zip(columns, row).map { "\(JSONText.string($0)): \(Self.jsonValue($1))" }
            text += (index == 0 ? "\n    {" : ",\n    {") + fields.joined(separator: ", ") + "}"
        }
        return text + (rows.isEmpty ? "]\n}\n" : "\n  ]\n}\n")
    }

    static func plain(_ value: Value) -> String {
        switch value {
        case .text(let text): return text
        case .integer(let number): return String(number)
        case .decimal(let number): return decimalText(number)
        case .missing: return ""
        }
    }

    /// A decimal with up to four fractional digits and no trailing zeros: `12.5`, `3`.
    static func decimalText(_ value: Double) -> String { DecimalText.plain(value) }

    static func csvField(_ text: String) -> String { CSVWriter.field(text) }

    static func jsonValue(_ value: Value) -> String {
        switch value {
        case .text(let text): return JSONText.string(text)
        case .integer(let number): return String(number)
        case .decimal(let number): return decimalText(number)
        case .missing: return "null"
        }
    }
}
