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

    /// An encoding written beside a text file, under the suffix a server looks for.
    public enum Encoding: CaseIterable, Sendable {
        case brotli, gzip

        /// The sibling file's suffix: `page.html` gets `page.html.br` and `page.html.gz`.
        public var suffix: String {
            switch self {
            case .brotli: ".br"
            case .gzip: ".gz"
            }
        }

        /// The encoded bytes.
        public func encode(_ bytes: [UInt8]) -> [UInt8] {
            switch self {
            case .brotli: Precompress.brotli(bytes)
            case .gzip: Precompress.gzip(bytes)
            }
        }
    }

    /// The Brotli encoding (RFC 7932) of `bytes`.
    public static func brotli(_ bytes: [UInt8]) -> [UInt8] {
        var bound = BrotliEncoderMaxCompressedSize(bytes.count)
        if bound == 0 { bound = bytes.count + 1024 }
        let window = brotliWindow(forSize: bytes.count)
        return encoded(bound: bound) { output in
            var size = bound
            let ok = bytes.withUnsafeBufferPointer { input in
                BrotliEncoderCompress(brotliQuality, window, BROTLI_MODE_TEXT, input.count, input.baseAddress, &size, output.baseAddress)
            }
            // The encoder fails only when the output buffer is too small, which its own bound rules out.
            precondition(ok == BROTLI_TRUE, "Brotli encoder failed")
            return size
        }
    }

    /// What `encode` writes into a scratch buffer of `bound` bytes, copied out at its size: the
    /// scratch is not cleared first, and the copy holds no slack while the encodings of a batch
    /// of pages wait in memory for the writer.
    private static func encoded(bound: Int, _ encode: (UnsafeMutableBufferPointer<UInt8>) -> Int) -> [UInt8] {
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: bound) { scratch in
            let size = encode(scratch)
            return Array(UnsafeMutableBufferPointer(rebasing: scratch[..<size]))
        }
    }

    /// The smallest Brotli window (as a power of two, 10–24) that reaches back over a whole file
    /// of `size` bytes; a window reaches 16 bytes less than its size (RFC 7932, section 9.1).
    /// A larger window finds nothing more in a file that fits, but the encoder sizes its tables
    /// by it: with the default 22 (4 MiB), compressing the 21,699 text files of the
    /// 10,000-village site took 3.6 s where fitted windows take 2.2 s (and give files 0.3 % smaller).
    /// Up to 64 KiB the encoder also picks a hasher made for short windows. The window is a
    /// function of the size alone, so the same bytes still give the same encoding.
    static func brotliWindow(forSize size: Int) -> Int32 {
        var window = BROTLI_MIN_WINDOW_BITS
        while window < BROTLI_MAX_WINDOW_BITS, (1 << window) - 16 < size { window += 1 }
        return window
    }

    /// The gzip encoding (RFC 1952) of `bytes`. libdeflate's header carries no file name and a
    /// zero time, so the same bytes give the same file.
    public static func gzip(_ bytes: [UInt8]) -> [UInt8] {
        compressors.use { compressor in
            encoded(bound: libdeflate_gzip_compress_bound(compressor, bytes.count)) { output in
                let produced = bytes.withUnsafeBytes { input in
                    libdeflate_gzip_compress(compressor, input.baseAddress, input.count, output.baseAddress, output.count)
                }
                // Zero only when the output does not fit, which the bound rules out.
                precondition(produced > 0, "libdeflate could not compress")
                return produced
            }
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
