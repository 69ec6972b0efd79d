import Content
import Dispatch
@testable import Site
import Testing

/// The small cache village pages share their district's list items through.
@Suite struct RecentValuesTests {
    /// A value is made once while it is held; past the capacity the oldest is let go of, and
    /// made again when asked for.
    @Test func valuesAreMadeOnceWhileHeldAndTheOldestGoesFirst() {
        let recent = RecentValues<String, Int>(capacity: 2)
        var made: [String] = []
        func value(_ key: String) -> Int {
            recent.value(for: key) {
                made.append(key)
                return key.count
            }
        }
        #expect(value("a") == 1)
        #expect(value("bb") == 2)
        #expect(value("a") == 1)
        #expect(made == ["a", "bb"])
        #expect(value("ccc") == 3)  // "a", the oldest, is let go of
        #expect(value("bb") == 2)
        #expect(value("a") == 1)  // "bb" goes now, "ccc" stays
        #expect(value("ccc") == 3)
        #expect(made == ["a", "bb", "ccc", "a"])
        #expect(value("bb") == 2)
        #expect(made == ["a", "bb", "ccc", "a", "bb"])
    }

    /// Threads asking at once all get the key's value.
    @Test func concurrentAsksGetTheSameValues() {
        let recent = RecentValues<Int, Int>(capacity: 8)
        let results = ConcurrentResults<Int>(count: 10_000, initial: -1)
        DispatchQueue.concurrentPerform(iterations: 10_000) { index in
            results[index] = recent.value(for: index % 20) { (index % 20) * 3 }
        }
        #expect(results.values.enumerated().allSatisfy { $0.element == ($0.offset % 20) * 3 })
    }
}
