import ArgumentParser
import Foundation
import Content
import Site

/// The options every command that reads a site shares.
public struct SiteOptions: ParsableArguments {
    @Option(name: .long, help: "The content folder.")
    public var content = "content"

    @Option(name: .long, help: "The theme folder.")
    public var theme = "themes/default"

    public init() {}
}

/// `desmigratif build`: builds the site into the output folder.
public struct BuildCommand: ParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "build",
        abstract: "Build the site from the content folder and theme into the output folder."
    )

    @OptionGroup public var site: SiteOptions

    @Option(name: .long, help: "The output folder; replaced only when the build succeeds.")
    public var output = "public"

    @Flag(name: .long, help: "Print the time each step of the build took.")
    public var timings = false

    @Flag(name: .long, help: "Also write Brotli (.br) and gzip (.gz) encodings beside every text file, for servers that send them as they are (see docs/deploy.md).")
    public var precompress = false

    public init() {}

    public func run() throws {
        var options = BuildOptions(contentDirectory: site.content, themeDirectory: site.theme, outputDirectory: output)
        options.precompress = precompress
        do {
            let report = try SiteBuilder.build(options)
            for warning in report.warnings { printError(warning.description) }
            if timings {
                for (step, seconds) in report.timings {
                    print("  \(step): \(Int((seconds * 1000).rounded())) ms")
                }
            }
            print("Situs ditulis ke \(report.outputDirectory)/: \(report.pageCount) halaman, \(report.fileCount) berkas.")
        } catch {
            reportFailure(error.diagnostics)
            throw ExitCode.failure
        }
    }
}

/// Prints diagnostics one per line on standard error, in the `path:line:column: error: message`
/// form editors and terminals can jump to, then a count. Printed here rather than thrown, so that
/// the first line does not get the argument parser's `Error:` prefix.
func reportFailure(_ diagnostics: [Diagnostic]) {
    let errors = diagnostics.filter { $0.severity == .error }.count
    for diagnostic in diagnostics { printError(diagnostic.description) }
    printError("\(errors) kesalahan; situs tidak dibangun dan folder keluaran tidak diubah.")
}

/// Writes a line to standard error.
func printError(_ text: String) {
    FileHandle.standardError.write(Data((text + "\n").utf8))
}
