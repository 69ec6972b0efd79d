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

    public init() {}

    public func run() async throws {
        let server = PreviewServer(
            options: BuildOptions(contentDirectory: site.content, themeDirectory: site.theme, outputDirectory: output),
            host: host, port: port, log: { line in FileHandle.standardOutput.write(Data((line + "\n").utf8)) }
        )
        do {
            try await server.run()
        } catch let error as PreviewServer.StartError {
            printError(error.description)
            throw ExitCode.failure
        }
    }
}
