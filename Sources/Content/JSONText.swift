/// Writing JSON text. The one string escaper behind the open-data downloads, the search index
/// and the preview's error messages, so they all agree on what is escaped.
public enum JSONText {
    /// `text` as a JSON string literal, safe to embed in an HTML `<script>` data block.
    public static func string(_ text: String) -> String {
        var result = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": result += "\\\""
            case "\\": result += "\\\\"
            case "\n": result += "\\n"
            case "\r": result += "\\r"
            case "\t": result += "\\t"
            case "<": result += "\\u003c"  // safe to embed in HTML <script type="application/ld+json">
            default:
                if scalar.value < 0x20 {
                    let hex = String(scalar.value, radix: 16)
                    result += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                } else {
                    result.unicodeScalars.append(scalar)
                }
            }
        }
        return result + "\""
    }
}
