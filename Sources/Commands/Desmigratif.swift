import ArgumentParser

/// The `desmigratif` command line: the Desa Migran Produktif site generator.
public struct Desmigratif: AsyncParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "desmigratif",
        abstract: "Static site generator for Indonesia's Desa Migran Produktif program.",
        subcommands: [BuildCommand.self, ServeCommand.self, CheckCommand.self, NewCommand.self, SearchCommand.self, StemCommand.self],
        defaultSubcommand: BuildCommand.self
    )

    public init() {}
}
