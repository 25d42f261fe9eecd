/// The bookkeeping of a protocol client's connections to one server, with no socket: a fixed
/// number of slots, each connecting, ready, or backing off after a failed attempt, and the callers
/// waiting for a connection. Our Redis and memcached clients share it; each names its own error.
///
/// Callers share ready connections in turn (each connection pipelines), those on their own event
/// loop first (`readyConnection(preferring:)`). While a slot is connecting, callers wait for it
/// (for at most the connect timeout); when every slot is backing off, the server is down and
/// callers fail at once instead of piling up.
public struct ConnectionPool<Connection, Waiter, Failure: Error> {
    private enum Slot {
        case connecting
        case ready(Connection)
        case backingOff
    }

    /// What to do with a caller who asked for a connection.
    public enum AcquireAction {
        case use(Connection)
        case wait
        case fail(Failure)
    }

    private var slots: [Slot]
    private var waiters: [(id: UInt64, waiter: Waiter)] = []
    private var lastFailure = "no connection was opened yet"
    private var turn = 0
    public private(set) var isShutDown = false
    private let shutDownReason: String
    private let unavailable: @Sendable (String) -> Failure

    /// Every slot starts connecting.
    /// - Parameters:
    ///   - shutDownReason: what a caller is told once the client is shut down.
    ///   - unavailable: the client's error for "no connection could be had, because …".
    public init(size: Int, shutDownReason: String, unavailable: @escaping @Sendable (String) -> Failure) {
        slots = Array(repeating: .connecting, count: max(1, size))
        self.shutDownReason = shutDownReason
        self.unavailable = unavailable
    }

    /// A ready connection, taking turns, if there is one.
    public mutating func readyConnection() -> Connection? {
        readyConnection(preferring: { _ in true })
    }

    /// A ready connection, taking turns among those `preferred` accepts when there are any (for
    /// example the connections on the caller's own event loop), else among all.
    public mutating func readyConnection(preferring preferred: (Connection) -> Bool) -> Connection? {
        guard !isShutDown else { return nil }
        var fallback: (index: Int, connection: Connection)?
        for offset in slots.indices {
            let index = (turn + offset) % slots.count
            guard case .ready(let connection) = slots[index] else { continue }
            if preferred(connection) {
                turn = index + 1
                return connection
            }
            if fallback == nil { fallback = (index, connection) }
        }
        guard let fallback else { return nil }
        turn = fallback.index + 1
        return fallback.connection
    }

    public mutating func acquire(id: UInt64, waiter: Waiter) -> AcquireAction {
        if isShutDown { return .fail(unavailable(shutDownReason)) }
        if let connection = readyConnection() { return .use(connection) }
        guard slots.contains(where: { if case .connecting = $0 { true } else { false } }) else {
            return .fail(unavailable(lastFailure))
        }
        waiters.append((id, waiter))
        return .wait
    }

    /// A slot's connection is ready; returns the callers to hand it to, or nil when the pool is
    /// shut down (close the connection).
    public mutating func connected(_ slot: Int, _ connection: Connection) -> [Waiter]? {
        guard !isShutDown else { return nil }
        slots[slot] = .ready(connection)
        defer { waiters.removeAll() }
        return waiters.map(\.waiter)
    }

    /// A slot's connection closed; true when it should connect again at once.
    public mutating func disconnected(_ slot: Int) -> Bool {
        slots[slot] = .connecting
        return !isShutDown
    }

    /// A slot's attempt failed: it backs off. When no slot is still connecting, the waiting
    /// callers fail now. `retry` is false once the pool is shut down.
    public mutating func connectFailed(_ slot: Int, reason: String) -> (fail: [Waiter], error: Failure, retry: Bool) {
        slots[slot] = .backingOff
        lastFailure = reason
        let error = unavailable(reason)
        let stillConnecting = slots.contains { if case .connecting = $0 { true } else { false } }
        guard !stillConnecting else { return ([], error, !isShutDown) }
        defer { waiters.removeAll() }
        return (waiters.map(\.waiter), error, !isShutDown)
    }

    /// A slot's back-off is over; true when it should try again.
    public mutating func backoffEnded(_ slot: Int) -> Bool {
        guard !isShutDown else { return false }
        slots[slot] = .connecting
        return true
    }

    /// A caller waited too long for a connection; returns it to fail, if it still waits.
    public mutating func waiterTimedOut(id: UInt64) -> Waiter? {
        guard let index = waiters.firstIndex(where: { $0.id == id }) else { return nil }
        return waiters.remove(at: index).waiter
    }

    /// Stops handing out connections; returns the open connections to close and the callers to fail.
    public mutating func shutDown() -> (connections: [Connection], waiters: [Waiter]) {
        guard !isShutDown else { return ([], []) }
        isShutDown = true
        let connections = slots.compactMap { slot -> Connection? in
            if case .ready(let connection) = slot { return connection }
            return nil
        }
        defer { waiters.removeAll() }
        return (connections, waiters.map(\.waiter))
    }
}
