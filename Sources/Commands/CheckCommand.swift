import ArgumentParser
import Site

/// `desmigratif check`: validates content and data, then the built site's internal links.
public struct CheckCommand: ParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Check all content and data, and every internal link and #anchor of the site, without writing anything."
    )

    @OptionGroup public var site: SiteOptions

    public init() {}

    public func run() throws {
        let report = SiteChecker.check(BuildOptions(contentDirectory: site.content, themeDirectory: site.theme))
        for diagnostic in report.diagnostics { printError(diagnostic.description) }
        let errors = report.diagnostics.filter { $0.severity == .error }.count
        print("\(report.pageCount) halaman dan \(report.linkCount) tautan diperiksa: \(errors) masalah.")
        if errors > 0 { throw ExitCode.failure }
    }
}
