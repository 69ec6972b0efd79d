import CBrotli
import CDeflate
import Foundation

/// Brotli and gzip encodings of the site's text files, written beside them (`page.html.br`,
/// `page.html.gz`) so a web server sends them without compressing on each request. Both are
/// deterministic: the same bytes in give the same bytes out, on every run and machine with the
/// same library versions (gzip's header carries no time or name).
public enum Precompress {
    /// Brotli quality (0–11). Measured on the bundled site: 5 gives pages within 1 % of 9's size
    /// (home page 3,385 against 3,366 bytes) in a fraction of the time; 11 is about twenty times
    /// slower again.
    public static let brotliQuality: Int32 = 5
    /// libdeflate level (1–12). Measured on 21,699 text files of the 10,000-village site: 6 gives
    /// files 0.2 % smaller than zlib's level 6 in 40 % of its time; 1 is twice as fast again but
    /// 2.4 % larger.
    public static let gzipLevel: Int32 = 6

    /// The extensions of files that are compressed: text a browser downloads.
    public static let textExtensions: Set<String> = ["html", "css", "js", "mjs", "json", "xml", "csv", "txt", "svg", "webmanifest"]

    /// Whether a file (by path) is text that gets `.br` and `.gz` siblings.
    public static func isText(_ path: String) -> Bool {
        guard let dot = path.lastIndex(of: "."), !path[dot...].contains("/") else { return false }
        return textExtensions.contains(String(path[path.index(after: dot)...]))
    }

    /// The Brotli encoding (RFC 7932) of `bytes`.
    public static func brotli(_ bytes: [UInt8]) -> [UInt8] {
        var size = BrotliEncoderMaxCompressedSize(bytes.count)
        if size == 0 { size = bytes.count + 1024 }
        var output = [UInt8](repeating: 0, count: size)
        let ok = bytes.withUnsafeBufferPointer { input in
            output.withUnsafeMutableBufferPointer { buffer in
                BrotliEncoderCompress(brotliQuality, BROTLI_DEFAULT_WINDOW, BROTLI_MODE_TEXT, input.count, input.baseAddress, &size, buffer.baseAddress)
            }
        }
        // The encoder fails only when the output buffer is too small, which its own bound rules out.
        precondition(ok == BROTLI_TRUE, "Brotli encoder failed")
        // A copy of the right size: the buffer is as large as the input, and the encodings of a
        // batch of pages wait in memory for the writer.
        return Array(output[..<size])
    }

    /// The gzip encoding (RFC 1952) of `bytes`. libdeflate's header carries no file name and a
    /// zero time, so the same bytes give the same file.
    public static func gzip(_ bytes: [UInt8]) -> [UInt8] {
        compressors.use { compressor in
            var output = [UInt8](repeating: 0, count: libdeflate_gzip_compress_bound(compressor, bytes.count))
            let produced = bytes.withUnsafeBytes { input in
                output.withUnsafeMutableBytes { target in
                    libdeflate_gzip_compress(compressor, input.baseAddress, input.count, target.baseAddress, target.count)
                }
            }
            // Zero only when the output does not fit, which the bound rules out.
            precondition(produced > 0, "libdeflate could not compress")
            return Array(output[..<produced])
        }
    }

    /// Decodes Brotli (for checks and tests); nil when the data is not valid Brotli.
    public static func unbrotli(_ bytes: [UInt8], expectedSize: Int) -> [UInt8]? {
        var size = max(expectedSize, 1)
        var output = [UInt8](repeating: 0, count: size)
        let result = bytes.withUnsafeBufferPointer { input in
            output.withUnsafeMutableBufferPointer { buffer in
                BrotliDecoderDecompress(input.count, input.baseAddress, &size, buffer.baseAddress)
            }
        }
        return result == BROTLI_DECODER_RESULT_SUCCESS ? Array(output.prefix(size)) : nil
    }

    /// Decodes gzip (for checks and tests); nil when the data is not valid gzip.
    public static func gunzip(_ bytes: [UInt8], expectedSize: Int) -> [UInt8]? {
        guard let decompressor = libdeflate_alloc_decompressor() else { return nil }
        defer { libdeflate_free_decompressor(decompressor) }
        var output = [UInt8](repeating: 0, count: max(expectedSize, 1))
        var produced = 0
        let result = bytes.withUnsafeBytes { input in
            output.withUnsafeMutableBytes { target in
                libdeflate_gzip_decompress(decompressor, input.baseAddress, input.count, target.baseAddress, target.count, &produced)
            }
        }
        return result == LIBDEFLATE_SUCCESS ? Array(output.prefix(produced)) : nil
    }

    /// libdeflate compressors kept for reuse: making one allocates and clears its tables, which on
    /// a small page costs as much as compressing it. Each is used by one thread at a time.
    private static let compressors = CompressorPool(level: gzipLevel)
}

/// A few libdeflate compressors shared by the threads that compress.
private final class CompressorPool: @unchecked Sendable {
    private let level: Int32
    private var idle: [OpaquePointer] = []
    private let lock = NSLock()

    init(level: Int32) { self.level = level }

    func use<T>(_ body: (OpaquePointer) -> T) -> T {
        lock.lock()
        let taken = idle.popLast()
        lock.unlock()
        guard let compressor = taken ?? libdeflate_alloc_compressor(level) else {
            preconditionFailure("libdeflate could not allocate a compressor")
        }
        defer {
            lock.lock()
            idle.append(compressor)
            lock.unlock()
        }
        return body(compressor)
    }
}
