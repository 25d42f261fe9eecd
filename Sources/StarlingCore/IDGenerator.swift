import Synchronization

/// Hands out the 64-bit identifiers of tweets, friendships, comments and the other time-ordered rows.
///
/// An identifier *is* the row's creation time in microseconds since the Unix epoch, made unique by
/// moving forward one microsecond when two rows are created in the same microsecond. So an
/// identifier is time-ordered, equals its row's `created_at`, and stays below 2^53 − 1 (a browser
/// reads it exactly) until the year 2255. Ordering by identifier is ordering by time, which lets
/// every time cursor of the API become a range over one integer column.
///
/// Several processes on one database each hold a node slot (`NodeSlot`, one of 16): the ids of
/// slot k are ≡ k (mod 16), so two processes never mint the same id, at the cost of rounding a
/// time up by at most 15 µs.
public final class IDGenerator: Sendable {
    /// The largest identifier a browser's `Number` represents exactly.
    public static let maximum: Int64 = (1 << 53) - 1

    private let clock: any WallClock
    private let slot: NodeSlot
    private let last: Mutex<Int64>

    /// - Parameter slot: this process's node slot; `.alone` when no other process mints ids.
    public init(clock: any WallClock, slot: NodeSlot = .alone) {
        self.clock = clock
        self.slot = slot
        self.last = Mutex(0)
    }

    /// The next identifier: the current time in microseconds, or just past the previous identifier,
    /// rounded up to this slot's residue.
    public func next() -> Int64 {
        let now = clock.nowMicros()
        let count = Int64(slot.count)
        let index = Int64(slot.index)
        return last.withLock { last in
            let floor = max(now, last + 1)
            last = floor + ((index - floor % count) % count + count) % count
            precondition(last <= Self.maximum, "identifier space exhausted")
            return last
        }
    }
}
