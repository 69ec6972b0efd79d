import ArgumentParser
import Foundation
import Search

/// `desmigratif stem`: words on standard input, one per line, stems on standard output, as
/// Snowball's `stemwords` does.
public struct StemCommand: ParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "stem",
        abstract: "Stem Indonesian words read one per line from standard input (the Snowball Indonesian algorithm)."
    )

    public init() {}

    public func run() throws {
        var output = ""
        while let line = readLine(strippingNewline: true) {
            output += IndonesianStemmer.stem(line.lowercased()) + "\n"
            if output.utf8.count > 1 << 16 {
                FileHandle.standardOutput.write(Data(output.utf8))
                output = ""
            }
        }
        FileHandle.standardOutput.write(Data(output.utf8))
    }
}
