import Content
import Foundation
import Testing
import TestSupport

/// SHA-384 against FIPS 180-4's example messages and, for many lengths around the block size,
/// against the system's `sha384sum`.
struct SHA384Tests {
    @Test(arguments: [
        ("abc", "cb00753f45a35e8bb5a03d699ac65007272c32ab0eded1631a8b605a43ff5bed8086072ba1e7cc2358baeca134c825a7"),
        ("", "38b060a751ac96384cd9327eb1b1e36a21fdb71114be07434c0cc7bf63f6e1da274edebfe76f65fbd51ad2f14898b95b"),
        ("abcdefghbcdefghicdefghijdefghijkefghijklfghijklmghijklmnhijklmnoijklmnopjklmnopqklmnopqrlmnopqrsmnopqrstnopqrstu",
         "09330c33f71147e83d192fc782cd1b4753111b173b3b05d22fa08086e3b0f712fcc7c71a557e2db966c3e9fa91746039"),
    ])
    func standardVectors(message: String, expected: String) {
        #expect(SHA384.hex(Array(message.utf8)) == expected)
    }

    @Test func integrityIsBase64OfTheDigest() {
        #expect(SHA384.integrity(Array("abc".utf8)) == "sha384-ywB1P0WjXou1oD1pmsZQBycsMqsO3tFjGotgWkP/W+2AhgcroefMI1i67KE0yCWn")
    }

    @Test func matchesSha384sumAcrossBlockBoundaries() throws {
        var random = SplitMix(state: 384)
        for length in [1, 55, 111, 112, 113, 127, 128, 129, 239, 240, 256, 1000, 4096] {
            let bytes = (0..<length).map { _ in UInt8.random(in: 0...255, using: &random) }
            let file = FileManager.default.temporaryDirectory.appendingPathComponent("sha384-\(length)-\(UUID().uuidString)")
            try Data(bytes).write(to: file)
            defer { try? FileManager.default.removeItem(at: file) }
            let process = Process()
            process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
            process.arguments = ["sha384sum", file.path]
            let pipe = Pipe()
            process.standardOutput = pipe
            try process.run()
            process.waitUntilExit()
            let output = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            #expect(output.split(separator: " ").first.map(String.init) == SHA384.hex(bytes), "length \(length)")
        }
    }
}
