import ArgumentParser
import DevServer
import Foundation
import Site

/// `desmigratif serve`: live preview for editors.
public struct ServeCommand: AsyncParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Build the site, serve it locally, and rebuild and reload open pages when content or theme change."
    )

    @OptionGroup public var site: SiteOptions

    @Option(name: .long, help: "The output folder the preview serves.")
    public var output = "public"

    @Option(name: .long, help: "The address to listen on.")
    public var host = "127.0.0.1"

    @Option(name: .long, help: "The port to listen on.")
    public var port: UInt16 = 8080

    @Flag(name: .long, help: "Do not serve the editors' studio at /_studio/.")
    public var noStudio = false

    @Option(name: .long, help: "The studio's password (needed when --host is not 127.0.0.1). Prefer --password-file: a command line is visible to other users of the machine.")
    public var password: String?

    @Option(name: .long, help: "A file whose first line is the studio's password.")
    public var passwordFile: String?

    public init() {}

    public func run() async throws {
        var secret = password
        if let passwordFile {
            guard let text = try? String(contentsOfFile: passwordFile, encoding: .utf8),
                  let line = text.split(whereSeparator: \.isNewline).first, !line.isEmpty else {
                printError("\(passwordFile): berkas kata sandi tidak dapat dibaca atau kosong")
                throw ExitCode.failure
            }
            secret = String(line)
        }
        if let secret, secret.count < 12 {
            printError("kata sandi studio terlalu pendek: pakai paling sedikit 12 karakter")
            throw ExitCode.failure
        }
        do {
            let server = try PreviewServer(
                options: BuildOptions(contentDirectory: site.content, themeDirectory: site.theme, outputDirectory: output),
                host: host, port: port, studio: noStudio ? .off : .on(password: secret),
                log: { line in FileHandle.standardOutput.write(Data((line + "\n").utf8)) }
            )
            try await server.run()
        } catch let error as PreviewServer.StartError {
            printError(error.description)
            throw ExitCode.failure
        }
    }
}
