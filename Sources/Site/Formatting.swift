import Content
import Templating

/// Numbers and dates written the way the page's language writes them.
public struct Formatter: Sendable {
    /// Thousands separator: `.` in Indonesian.
    public let groupingSeparator: String
    /// Decimal separator: `,` in Indonesian.
    public let decimalSeparator: String
    /// Month names, January first.
    public let monthNames: [String]

    /// The formatter for a language's strings (`id` separators unless the strings say otherwise).
    public init(strings: Strings) {
        groupingSeparator = strings.optional("format_ribuan") ?? "."
        decimalSeparator = strings.optional("format_desimal") ?? ","
        monthNames = (1...12).map { strings["bulan_\($0)"] }
    }

    /// `1234567` → `1.234.567`.
    public func integer(_ value: Int) -> String {
        let digits = String(value.magnitude)
        var grouped = ""
        for (index, digit) in digits.enumerated() {
            if index > 0, (digits.count - index) % 3 == 0 { grouped += groupingSeparator }
            grouped.append(digit)
        }
        return value < 0 ? "-" + grouped : grouped
    }

    /// `12.5` with one decimal → `12,5`.
    public func decimal(_ value: Double, fractionDigits: Int) -> String {
        var scale = 1.0
        for _ in 0..<fractionDigits { scale *= 10 }
        let scaled = (value.magnitude * scale).rounded(.toNearestOrAwayFromZero)
        let whole = Int(scaled / scale)
        var text = integer(whole)
        if fractionDigits > 0 {
            let fraction = Int(scaled) - whole * Int(scale)
            var fractionText = String(fraction)
            while fractionText.count < fractionDigits { fractionText = "0" + fractionText }
            text += decimalSeparator + fractionText
        }
        return value < 0 && scaled != 0 ? "-" + text : text
    }

    /// `1999-12-31` → `31 Desember 1999`.
    public func date(_ date: SimpleDate) -> String {
        "\(date.day) \(monthNames[date.month - 1]) \(date.year)"
    }
}

/// Escaping for text placed in HTML or XML written outside templates.
enum Escape {
    /// Escapes `& < > " '` so text is inert in element content and quoted attributes.
    static func html(_ text: String) -> String {
        HTML.escape(text)
    }

    /// XML 1.0 text: escaped like HTML, with control characters XML cannot carry dropped.
    static func xml(_ text: String) -> String {
        html(xmlText(text))
    }

    /// Text with the control characters XML 1.0 cannot carry dropped (most text has none, and
    /// is returned as it is).
    static func xmlText(_ text: String) -> String {
        func disallowed(_ byte: UInt8) -> Bool { byte < 0x20 && byte != 0x0A && byte != 0x09 }
        guard text.utf8.withContiguousStorageIfAvailable({ $0.contains(where: disallowed) }) ?? text.utf8.contains(where: disallowed) else { return text }
        return String(String.UnicodeScalarView(text.unicodeScalars.filter { $0.value >= 0x20 || $0 == "\n" || $0 == "\t" }))
    }

    /// Encodes a site path for use in an absolute URL (slugs are already safe; this guards the rest).
    static func urlPath(_ path: String) -> String {
        path.addingPercentEncodingForPath()
    }
}

extension String {
    func addingPercentEncodingForPath() -> String {
        func isSafe(_ byte: UInt8) -> Bool {
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "0")...UInt8(ascii: "9"),
                 UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"), UInt8(ascii: "~"), UInt8(ascii: "/"):
                return true
            default:
                return false
            }
        }
        // Site paths are slugs: nearly always nothing to encode (checked through the contiguous
        // bytes: `UTF8View.allSatisfy` costs an index check per byte, for every URL of the sitemap).
        if utf8.withContiguousStorageIfAvailable({ $0.allSatisfy(isSafe) }) ?? utf8.allSatisfy(isSafe) { return self }
        var result = ""
        for byte in utf8 {
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "0")...UInt8(ascii: "9"),
                 UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"), UInt8(ascii: "~"), UInt8(ascii: "/"):
                result.unicodeScalars.append(Unicode.Scalar(byte))
            default:
                let hex = String(byte, radix: 16, uppercase: true)
                result += "%" + (hex.count == 1 ? "0" + hex : hex)
            }
        }
        return result
    }
}
