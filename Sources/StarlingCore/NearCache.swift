import NIOCore
import Synchronization

/// An in-process copy of a shared cache's recent values, kept coherent by the shared cache's
/// invalidation messages (Redis's server-assisted client-side caching): a value read here costs no
/// round trip, and a change made anywhere drops it as soon as its message arrives.
///
/// The shared cache's client drives it:
/// - before reading the server, `lookUp` answers what is held here, with a `Ticket`;
/// - with what the server answered, `store(_:_:ticket:)` keeps the values — except those of keys
///   invalidated since the ticket was taken: the message about a change that came after the
///   server's answer may overtake that answer (it travels on another connection), and a value
///   stored after its own invalidation would never be dropped;
/// - after each of its own writes, `invalidate`, so that its next read in this process sees it
///   whether or not the server's message has arrived;
/// - the invalidation listener calls `invalidate` with each message's keys, `invalidateAll` when
///   the server forgot everything, `enable` once it listens and `disable` when its connection is
///   lost (while nobody listens nothing is held, since a change could go unnoticed).
///
/// Entries are bounded by bytes (least recently used dropped first; once full, one new key in
/// `admitEvery` is taken) and live at most `maximumAge`,
/// a bound on what a lost message could leave behind (an expiry the server noticed late).
/// Only present values are kept: an absence is always asked of the server.
public final class NearCache: Sendable {
    /// When a read began, in invalidations seen: what it may store is judged against it.
    public struct Ticket: Sendable {
        fileprivate let sequence: UInt64
    }

    private struct Entry {
        var value: [UInt8]
        var storedAt: Int64
    }

    private struct State {
        var table: ByteBoundedLRU<CompactKey, Entry>
        var enabled = false
        /// Invalidations seen so far.
        var sequence: UInt64 = 0
        /// Keys invalidated recently, with the sequence at which; tickets older than `floor` may
        /// store nothing (the log was cleared after them).
        var invalidated: [CompactKey: UInt64] = [:]
        var floor: UInt64 = 0

        mutating func invalidate(_ keys: [CompactKey], logLimit: Int) {
            sequence &+= 1
            if invalidated.count + keys.count > logLimit {
                invalidated.removeAll(keepingCapacity: true)
                floor = sequence
            }
            for key in keys {
                _ = table.remove(key)
                invalidated[key] = sequence
            }
        }

        mutating func forgetEverything() {
            sequence &+= 1
            table = ByteBoundedLRU(budget: table.budget)
            invalidated = [:]
            floor = sequence
        }
    }

    /// Once full, the table takes one new key in this many (as `TweetFragments` does): objects
    /// read in turn that are more than the budget holds (a tweet list over every user) would
    /// otherwise each push out the least recently used, which the turn reaches next, and never hit.
    static let admitEvery = 8

    private let state: Mutex<State>
    private let clock: any WallClock
    private let maximumAgeMicros: Int64
    private let logLimit: Int

    /// - Parameters:
    ///   - byteBudget: the bytes the entries may take together.
    ///   - maximumAgeSeconds: how long an entry is used at most.
    ///   - logLimit: how many recent invalidations are remembered for reads in flight; past it the
    ///     log is cleared and those reads store nothing.
    public init(byteBudget: Int, clock: any WallClock, maximumAgeSeconds: Int = 10, logLimit: Int = 20_000) {
        self.state = Mutex(State(table: ByteBoundedLRU(budget: max(0, byteBudget))))
        self.clock = clock
        self.maximumAgeMicros = Int64(max(0, maximumAgeSeconds)) * 1_000_000
        self.logLimit = max(1, logLimit)
    }

    /// Whether values are held now (the invalidation listener is connected).
    public var isEnabled: Bool { state.withLock { $0.enabled } }

    /// The bytes the entries are charged now, the most they may be, and how many there are.
    public var usage: (bytes: Int, budget: Int, entries: Int) {
        state.withLock { ($0.table.bytes, $0.table.budget, $0.table.count) }
    }

    /// The values held for `keys` (nil where none), and the ticket a read of the others from the
    /// server must store with — nil while disabled (then store nothing).
    public func lookUp(_ keys: [String]) -> (values: [ByteBuffer?], ticket: Ticket?) {
        lookUp(keys.map(CompactKey.init))
    }

    /// `lookUp` of the keys `CacheKeys.numbered(kind, id)`, without making the strings.
    public func lookUp(kind: String, ids: [Int64]) -> (values: [ByteBuffer?], ticket: Ticket?) {
        lookUp(ids.map { CompactKey(kind: kind, number: $0) })
    }

    private func lookUp(_ keys: [CompactKey]) -> (values: [ByteBuffer?], ticket: Ticket?) {
        let oldest = clock.nowMicros() &- maximumAgeMicros
        var total = 0
        let (found, ticket) = state.withLock { state -> ([[UInt8]?], Ticket?) in
            guard state.enabled else { return (Array(repeating: nil, count: keys.count), nil) }
            let found = keys.map { key -> [UInt8]? in
                guard let entry = state.table.value(forKey: key) else { return nil }
                guard entry.storedAt > oldest else {
                    _ = state.table.remove(key)
                    return nil
                }
                total += entry.value.count
                return entry.value
            }
            return (found, Ticket(sequence: state.sequence))
        }
        return (MemoryKeyValueCache.buffers(found, total: total), ticket)
    }

    /// Keeps what the server answered to a read that began at `ticket`, but for keys invalidated
    /// since; `nil` values (absent on the server) are not kept.
    public func store(_ keys: [String], _ values: [ByteBuffer?], ticket: Ticket) {
        store(keys.map(CompactKey.init), values, ticket: ticket)
    }

    /// `store` for the keys `CacheKeys.numbered(kind, id)`.
    public func store(kind: String, ids: [Int64], _ values: [ByteBuffer?], ticket: Ticket) {
        store(ids.map { CompactKey(kind: kind, number: $0) }, values, ticket: ticket)
    }

    private func store(_ keys: [CompactKey], _ values: [ByteBuffer?], ticket: Ticket) {
        let entries = zip(keys, values).compactMap { key, value in value.map { (key, Array($0.readableBytesView)) } }
        guard !entries.isEmpty else { return }
        let now = clock.nowMicros()
        state.withLock { state in
            guard state.enabled, ticket.sequence >= state.floor else { return }
            for (key, value) in entries {
                if let at = state.invalidated[key], at > ticket.sequence { continue }
                state.table.admit(key, Entry(value: value, storedAt: now), bytes: MemoryKeyValueCache.cost(key: key, value: value),
                                  oneIn: Self.admitEvery)
            }
        }
    }

    /// Drops these keys (given as the application names them, without the server's prefix), and
    /// keeps reads that began before from storing them.
    public func invalidate(_ keys: [String]) {
        guard !keys.isEmpty else { return }
        let compact = keys.map(CompactKey.init)
        let logLimit = self.logLimit
        state.withLock { $0.invalidate(compact, logLimit: logLimit) }
    }

    /// Drops everything (the server flushed its keys).
    public func invalidateAll() {
        state.withLock { $0.forgetEverything() }
    }

    /// Starts holding values: the listener now receives every invalidation.
    public func enable() {
        state.withLock { state in
            state.forgetEverything()
            state.enabled = true
        }
    }

    /// Stops holding values and drops them: invalidations may be missed from now on.
    public func disable() {
        state.withLock { state in
            state.forgetEverything()
            state.enabled = false
        }
    }
}
