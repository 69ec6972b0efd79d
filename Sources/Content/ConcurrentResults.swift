import Dispatch

/// A fixed-size array that concurrent workers fill, each index written by exactly one worker.
///
/// The storage is a raw buffer allocated once: distinct indices never overlap and nothing is
/// resized while workers run, so writes need no lock (an `Array` property would trip Swift's
/// exclusivity checks when two workers write at once).
public final class ConcurrentResults<Value>: @unchecked Sendable {
    private let buffer: UnsafeMutableBufferPointer<Value>

    public init(count: Int, initial: Value) {
        buffer = .allocate(capacity: count)
        buffer.initialize(repeating: initial)
    }

    deinit {
        buffer.deinitialize()
        buffer.deallocate()
    }

    /// How many values there are.
    public var count: Int { buffer.count }

    public subscript(index: Int) -> Value {
        get { buffer[index] }
        set { buffer[index] = newValue }
    }

    /// The values, once every worker has finished.
    public var values: [Value] { Array(buffer) }
}
