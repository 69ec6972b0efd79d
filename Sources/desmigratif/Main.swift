import ArgumentParser
import Commands

/// The `desmigratif` executable: the root command, whose subcommands live in `Commands`.
@main
struct Main: AsyncParsableCommand {
    static let configuration = Desmigratif.configuration
}
