import Synchronization

/// Hands out the 64-bit identifiers of tweets, friendships, comments and the other time-ordered rows.
///
/// An identifier *is* the row's creation time in microseconds since the Unix epoch, made unique by
/// moving forward one microsecond when two rows are created in the same microsecond. So an
/// identifier is time-ordered, equals its row's `created_at`, and stays below 2^53 − 1 (a browser
/// reads it exactly) until the year 2255. Ordering by identifier is ordering by time, which lets
/// every time cursor of the API become a range over one integer column.
public final class IDGenerator: Sendable {
    /// The largest identifier a browser's `Number` represents exactly.
    public static let maximum: Int64 = (1 << 53) - 1

    private let clock: any WallClock
    private let last: Mutex<Int64>

    public init(clock: any WallClock) {
        self.clock = clock
        self.last = Mutex(0)
    }

    /// The next identifier: the current time in microseconds, or one past the previous identifier.
    public func next() -> Int64 {
        let now = clock.nowMicros()
        return last.withLock { last in
            last = max(now, last + 1)
            precondition(last <= Self.maximum, "identifier space exhausted")
            return last
        }
    }
}
