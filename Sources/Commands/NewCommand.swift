import ArgumentParser
import Content
import Foundation
import Site

/// `desmigratif new desa KODE` and `desmigratif new berita "Judul"`.
public struct NewCommand: ParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "new",
        abstract: "Start a content file with its front matter filled in.",
        subcommands: [NewDesa.self, NewBerita.self]
    )

    public init() {}

    /// `desmigratif new desa KODE`.
    public struct NewDesa: ParsableCommand {
        public static let configuration = CommandConfiguration(commandName: "desa", abstract: "Write content/desa/<slug>.md for a village of the registry.")

        @Argument(help: "The village's Kemendagri code, e.g. 32.12.16.2004.")
        public var kode: String

        @Option(name: .long, help: "The content folder.")
        public var content = "content"

        public init() {}

        public func run() throws {
            do {
                print("Ditulis: \(try Scaffold.newDesa(kode: kode, contentDirectory: content))")
            } catch {
                for diagnostic in error.diagnostics { printError(diagnostic.description) }
                throw ExitCode.failure
            }
        }
    }

    /// `desmigratif new berita "Judul"`.
    public struct NewBerita: ParsableCommand {
        public static let configuration = CommandConfiguration(commandName: "berita", abstract: "Write a dated news item content/berita/<date>-<slug>.md, as a draft.")

        @Argument(help: "The news item's title.")
        public var judul: String

        @Option(name: .long, help: "The date, YYYY-MM-DD (today by default).")
        public var date: String?

        @Option(name: .long, help: "The content folder.")
        public var content = "content"

        public init() {}

        public func validate() throws {
            if let date, SimpleDate(date) == nil { throw ValidationError("--date harus berbentuk TTTT-BB-HH, misalnya 2024-05-22") }
        }

        public func run() throws {
            let day = date.flatMap(SimpleDate.init) ?? Self.today()
            do {
                print("Ditulis: \(try Scaffold.newBerita(title: judul, date: day, contentDirectory: content))")
            } catch {
                for diagnostic in error.diagnostics { printError(diagnostic.description) }
                throw ExitCode.failure
            }
        }

        static func today() -> SimpleDate {
            // The ministry's day: Western Indonesian Time (UTC+7, no daylight saving), also where
            // the system has no time-zone database.
            let zone = TimeZone(identifier: "Asia/Jakarta") ?? TimeZone(secondsFromGMT: 7 * 3600) ?? .current
            let parts = Calendar(identifier: .gregorian).dateComponents(in: zone, from: Date())
            return SimpleDate(year: parts.year ?? 1970, month: parts.month ?? 1, day: parts.day ?? 1)
        }
    }
}
