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

    /// Whether `takeEach` moved the values out.
    private var taken = false

    deinit {
        if !taken { buffer.deinitialize() }
        buffer.deallocate()
    }

    /// How many values there are.
    public var count: Int { buffer.count }

    public subscript(index: Int) -> Value {
        get {
            assert(!taken, "the values were taken")
            return buffer[index]
        }
        set {
            assert(!taken, "the values were taken")
            buffer[index] = newValue
        }
    }

    /// The values, once every worker has finished.
    public var values: [Value] {
        assert(!taken, "the values were taken")
        return Array(buffer)
    }

    /// Hands each value to `body`, in order, moved out, once every worker has finished; the
    /// results hold none afterwards. Where the results are not read again, this spares the copy
    /// `values` makes: copying a value retains each of its fields (a page has a dozen), and the
    /// results' end releases them all again, on one core, for every page of a national site.
    public func takeEach(_ body: (consuming Value) -> Void) {
        precondition(!taken, "the values were taken")
        taken = true
        for index in buffer.indices { body((buffer.baseAddress! + index).move()) }
    }
}
