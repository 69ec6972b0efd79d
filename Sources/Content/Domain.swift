/// A Kemendagri administrative code (`PP.KK.CC.DDDD`), kept as its digits.
///
/// BPS statistical codes are a different scheme and are refused by the length and shape checks.
public struct KodeWilayah: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// The digits without dots: `3212162004`.
    public let digits: String

    /// Parses a dotted (`32.12.16.2004`) or plain (`3212162004`) code of a province (2 digits),
    /// regency (4), district (6) or village (10). Returns nil for anything else.
    public init?(_ text: String) {
        // On bytes, into a buffer on the stack: every registry row parses four codes, and the
        // arrays this had made for each (digits, parts, widths) were most of a row's cost.
        // Dotted, the parts are 2, 2, 2 and 4 digits long; plain, 2, 4, 6 or 10 digits.
        var scratch: (UInt64, UInt64) = (0, 0)
        let digits = withUnsafeMutableBytes(of: &scratch) { buffer -> String? in
            var count = 0, dots = 0, partLength = 0
            for byte in text.utf8 {
                if byte == UInt8(ascii: ".") {
                    guard dots < 3, partLength == 2 else { return nil }
                    dots += 1
                    partLength = 0
                } else if byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9"), count < 10 {
                    buffer[count] = byte
                    count += 1
                    partLength += 1
                } else {
                    return nil
                }
            }
            if dots > 0, partLength != (dots == 3 ? 4 : 2) { return nil }
            guard count == 2 || count == 4 || count == 6 || count == 10 else { return nil }
            // At most ten bytes: a small string, held inline.
            return String(decoding: UnsafeRawBufferPointer(rebasing: buffer[..<count]), as: UTF8.self)
        }
        guard let digits else { return nil }
        self.digits = digits
    }

    /// A code from digits known to be valid (a prefix of a valid code at a level's length).
    private init(validDigits: Substring.UTF8View) {
        digits = String(decoding: validDigits, as: UTF8.self)
    }

    /// The dotted form: `32.12.16.2004`.
    public var dotted: String {
        var output: [UInt8] = []
        output.reserveCapacity(13)
        for (offset, byte) in digits.utf8.enumerated() {
            if offset == 2 || offset == 4 || offset == 6 { output.append(UInt8(ascii: ".")) }
            output.append(byte)
        }
        return String(decoding: output, as: UTF8.self)
    }

    public var description: String { dotted }

    /// The code of the province this code lies in.
    public var provinsi: KodeWilayah {
        // Every code has at least the two digits of its province, a valid code by itself.
        KodeWilayah(validDigits: digits.utf8.prefix(2))
    }
    /// The code of the regency this code lies in (for codes of a regency or below).
    public var kabupaten: KodeWilayah? { digits.utf8.count >= 4 ? KodeWilayah(validDigits: digits.utf8.prefix(4)) : nil }
    /// The code of the district this code lies in (for codes of a district or below).
    public var kecamatan: KodeWilayah? { digits.utf8.count >= 6 ? KodeWilayah(validDigits: digits.utf8.prefix(6)) : nil }

    /// Whether this is a village code whose last part marks a kelurahan (urban village, first digit 1)
    /// rather than a desa (first digit 2).
    public var isKelurahan: Bool { digits.count == 10 && digits.dropFirst(6).first == "1" }

    public static func < (lhs: KodeWilayah, rhs: KodeWilayah) -> Bool { lhs.digits < rhs.digits }
}

/// A calendar date as editors write it in front matter (`2024-05-22`), with no time zone to drift.
public struct SimpleDate: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// The year.
    public let year: Int
    /// The month, 1–12.
    public let month: Int
    /// The day, 1–31.
    public let day: Int

    /// Parses `YYYY-MM-DD`, refusing impossible dates.
    public init?(_ text: String) {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2,
              let year = Int(parts[0]), let month = Int(parts[1]), let day = Int(parts[2]),
              (1...12).contains(month), day >= 1, day <= SimpleDate.daysIn(month: month, year: year)
        else { return nil }
        self.year = year
        self.month = month
        self.day = day
    }

    /// A day from a calendar's components (always a real date: month and day are clamped into
    /// range rather than refused).
    public init(year: Int, month: Int, day: Int) {
        self.year = year
        self.month = min(max(month, 1), 12)
        self.day = min(max(day, 1), SimpleDate.daysIn(month: self.month, year: year))
    }

    static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    /// ISO 8601: `2024-05-22`.
    public var description: String {
        let m = month < 10 ? "0\(month)" : "\(month)"
        let d = day < 10 ? "0\(day)" : "\(day)"
        return "\(year)-\(m)-\(d)"
    }

    public static func < (lhs: SimpleDate, rhs: SimpleDate) -> Bool {
        (lhs.year, lhs.month, lhs.day) < (rhs.year, rhs.month, rhs.day)
    }
}

/// A pillar of the program, as content declares it: a page `content/pilar/<id>.md`, in the order
/// of the pages' `weight`, with the indicator that stands for it (`indikator_utama`).
public struct Pilar: Sendable, Hashable, Comparable {
    /// The pillar's slug (its page's file name), used in URLs, front matter and data.
    public let id: String
    /// The pillar's number in the program, from 1, in page order.
    public let nomor: Int
    /// The indicator that stands for the pillar where only one fits, if it has indicators.
    public let indikatorUtama: Indikator?

    /// Creates a pillar.
    public init(id: String, nomor: Int, indikatorUtama: Indikator?) {
        self.id = id
        self.nomor = nomor
        self.indikatorUtama = indikatorUtama
    }

    public static func < (lhs: Pilar, rhs: Pilar) -> Bool { lhs.nomor < rhs.nomor }
}
