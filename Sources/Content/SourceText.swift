/// Turns raw file bytes into text, reporting invalid UTF-8 with its line and column.
public enum SourceText {
    /// Decodes `bytes` as UTF-8 (a leading byte-order mark is dropped), or returns a diagnostic
    /// pointing at the first byte that is not valid UTF-8.
    public static func decode(_ bytes: [UInt8], file: String) -> Result<String, Diagnostic> {
        var body = bytes[...]
        if body.starts(with: [0xEF, 0xBB, 0xBF]) { body = body.dropFirst(3) }
        if let text = String(validating: body, as: UTF8.self) {
            return .success(text)
        }
        let offset = firstInvalidOffset(body)
        let position = position(ofByte: offset, in: body)
        return .failure(Diagnostic(
            file: file, at: position,
            "berkas bukan teks UTF-8 yang sah (byte 0x\(String(body[body.startIndex + offset], radix: 16, uppercase: true)) tidak dikenali)",
            hint: "simpan ulang berkas dengan pengodean UTF-8"
        ))
    }

    /// The line and column of the byte at `offset` (columns count Unicode scalars before it).
    public static func position<C: Collection>(ofByte offset: Int, in bytes: C) -> SourcePosition where C.Element == UInt8 {
        var line = 1
        var column = 1
        var index = 0
        for byte in bytes {
            if index >= offset { break }
            if byte == 0x0A {
                line += 1
                column = 1
            } else if byte & 0xC0 != 0x80 {
                // Count lead bytes only, so a multi-byte scalar is one column.
                column += 1
            }
            index += 1
        }
        return SourcePosition(line: line, column: column)
    }

    private static func firstInvalidOffset(_ bytes: ArraySlice<UInt8>) -> Int {
        var iterator = bytes.makeIterator()
        var decoder = UTF8()
        var offset = 0
        while true {
            switch decoder.decode(&iterator) {
            case .scalarValue(let scalar):
                offset += UTF8.width(scalar)
            case .emptyInput:
                return offset
            case .error:
                return offset
            }
        }
    }
}

extension String {
    /// Whether any UTF-8 byte satisfies `test`, scanned through the contiguous bytes:
    /// `UTF8View.contains` checks an index per byte, which shows on pages' bodies and every
    /// escaped value.
    public func utf8Contains(where test: (UInt8) -> Bool) -> Bool {
        utf8.withContiguousStorageIfAvailable { $0.contains(where: test) } ?? utf8.contains(where: test)
    }
}
