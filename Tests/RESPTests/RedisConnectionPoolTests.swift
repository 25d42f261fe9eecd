import ClientPool
import NIOPosix
@testable import RESP
import Testing

/// Handing out connections, waiting for them, and failing fast while the server is down —
/// without sockets. Connections and waiters are names.
@Suite struct RedisConnectionPoolTests {
    typealias Pool = RedisConnectionPool<String, String>

    @Test func callersWaitForTheFirstConnectionThenShareReadyOnesInTurn() {
        var pool = Pool(size: 2)
        #expect(pool.readyConnection() == nil)
        guard case .wait = pool.acquire(id: 1, waiter: "early") else { Issue.record("should wait"); return }
        #expect(pool.connected(0, "c0") == ["early"])
        #expect(pool.connected(1, "c1") == [])
        let turns = (0..<4).compactMap { _ in pool.readyConnection() }
        #expect(turns == ["c0", "c1", "c0", "c1"])
    }

    @Test func aCallerGetsAConnectionItPrefersInTurnOrAnyWhenNoneIsReady() {
        var pool = Pool(size: 4)
        for (slot, name) in ["a0", "b1", "a2", "b3"].enumerated() { _ = pool.connected(slot, name) }
        let onA = (0..<4).compactMap { _ in pool.readyConnection(preferring: { $0.hasPrefix("a") }) }
        #expect(onA == ["a0", "a2", "a0", "a2"], "the connections on the caller's own event loop, in turn")
        #expect(pool.readyConnection(preferring: { $0.hasPrefix("c") }) == "b3", "none preferred: the next in turn")
        _ = pool.disconnected(0)
        _ = pool.disconnected(2)
        #expect(pool.readyConnection(preferring: { $0.hasPrefix("a") }) == "b1", "the preferred ones are gone: any ready one")
    }

    @Test func whenEverySlotIsBackingOffCallersFailAtOnce() {
        var pool = Pool(size: 2)
        _ = pool.acquire(id: 1, waiter: "w")
        let first = pool.connectFailed(0, reason: "connection refused")
        #expect(first.fail.isEmpty, "another slot is still connecting")
        #expect(first.retry)
        let second = pool.connectFailed(1, reason: "connection refused")
        #expect(second.fail == ["w"])
        #expect(second.error == .unavailable("connection refused"))
        guard case .fail(let error) = pool.acquire(id: 2, waiter: "late") else { Issue.record("should fail fast"); return }
        #expect(error.code == .unavailable)
        let retrying = pool.backoffEnded(0)
        #expect(retrying)
        guard case .wait = pool.acquire(id: 3, waiter: "retrying") else { Issue.record("should wait for the attempt"); return }
    }

    @Test func aLostConnectionIsReplacedAtOnce() {
        var pool = Pool(size: 1)
        _ = pool.connected(0, "c0")
        let reconnects = pool.disconnected(0)
        #expect(reconnects)
        #expect(pool.readyConnection() == nil)
        guard case .wait = pool.acquire(id: 1, waiter: "w") else { Issue.record("should wait for the reconnect"); return }
    }

    @Test func aWaiterThatTimesOutIsRemoved() {
        var pool = Pool(size: 1)
        _ = pool.acquire(id: 7, waiter: "w")
        #expect(pool.waiterTimedOut(id: 7) == "w")
        #expect(pool.waiterTimedOut(id: 7) == nil)
        #expect(pool.connected(0, "c0") == [])
    }

    @Test func shutdownClosesConnectionsFailsWaitersAndStopsReconnecting() {
        var pool = Pool(size: 2)
        _ = pool.connected(0, "c0")
        _ = pool.connectFailed(1, reason: "refused")
        var down = Pool(size: 1)
        _ = down.acquire(id: 1, waiter: "w")
        #expect(down.shutDown().waiters == ["w"])
        #expect(pool.shutDown().connections == ["c0"])
        #expect(pool.readyConnection() == nil)
        let retries = pool.backoffEnded(1), reconnects = pool.disconnected(0)
        #expect(!retries && !reconnects)
        #expect(pool.connected(1, "c1") == nil, "a connection opened during shutdown is closed")
        guard case .fail = pool.acquire(id: 2, waiter: "x") else { Issue.record("should fail"); return }
    }
}

/// Pool slots spread over the event loops, so every loop has connections of its own.
@Suite struct PoolSlotLoopTests {
    @Test func slotsTakeTheLoopsInTurn() throws {
        let group = MultiThreadedEventLoopGroup(numberOfThreads: 2)
        defer { try? group.syncShutdownGracefully() }
        let loops = (0..<4).map { ObjectIdentifier(group.eventLoop(forSlot: $0)) }
        #expect(loops[0] == loops[2] && loops[1] == loops[3] && loops[0] != loops[1])
    }
}
