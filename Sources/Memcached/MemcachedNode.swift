import ClientPool
import Logging
import NIOCore
import Synchronization

/// One memcached server as the client sees it: a pool of pipelined connections kept open by
/// `run()`, and whether the node is marked down after a failure.
///
/// A node that fails (unreachable, timed out, closed mid-request) is left alone for the
/// configured `downDuration`: requests to it fail at once, at no cost, so a dead node's keys are
/// cheap misses instead of slow ones. After that a request tries it again.
final class MemcachedNode: Sendable {
    struct Waiter: Sendable {
        let continuation: CheckedContinuation<MemcachedConnection, any Error>
        let timer: Scheduled<Void>
    }

    let server: MemcachedServer
    private let configuration: MemcachedConfiguration
    private let eventLoopGroup: any EventLoopGroup
    private let logger: Logger
    private let pool: Mutex<MemcachedConnectionPool<MemcachedConnection, Waiter>>
    private let downUntil = Mutex<ContinuousClock.Instant?>(nil)
    private let connectRequests: AsyncStream<Int>
    private let connectRequestSink: AsyncStream<Int>.Continuation
    private let nextWaiterID = Atomic<UInt64>(0)

    init(server: MemcachedServer, configuration: MemcachedConfiguration, eventLoopGroup: any EventLoopGroup, logger: Logger) {
        self.server = server
        self.configuration = configuration
        self.eventLoopGroup = eventLoopGroup
        self.logger = logger
        self.pool = Mutex(MemcachedConnectionPool(size: configuration.connectionsPerNode))
        (connectRequests, connectRequestSink) = AsyncStream.makeStream(of: Int.self)
        for slot in 0..<max(1, configuration.connectionsPerNode) { connectRequestSink.yield(slot) }
    }

    /// Whether the node is marked down now.
    var isMarkedDown: Bool {
        downUntil.withLock { until in
            guard let end = until else { return false }
            if ContinuousClock.now < end { return true }
            until = nil
            return false
        }
    }

    /// Sends the requests in one round trip. A node failure marks the node down, and throws.
    func execute(_ requests: [MemcachedRequest]) async throws -> [MemcachedResponse] {
        guard !isMarkedDown else { throw MemcachedError.unavailable("\(server) is marked down") }
        do {
            return try await connection().execute(requests)
        } catch let error as MemcachedError where error.isNodeFailure {
            downUntil.withLock { $0 = ContinuousClock.now + configuration.downDuration }
            logger.debug("memcached node marked down", metadata: ["memcached.server": "\(server)", "memcached.error": "\(error)"])
            throw error
        }
    }

    /// Keeps the pool's connections open until `shutDown()`.
    func run() async {
        await withDiscardingTaskGroup { group in
            for await slot in connectRequests {
                group.addTask { await self.connect(slot: slot) }
            }
        }
    }

    /// A ready connection, one on the caller's event loop when there is one (internal for tests).
    func connection() async throws -> MemcachedConnection {
        if let connection = pool.withLock({ $0.readyConnection(preferring: \.isOnCurrentEventLoop) }) { return connection }
        let id = nextWaiterID.wrappingAdd(1, ordering: .relaxed).newValue
        return try await withCheckedThrowingContinuation { continuation in
            let timer = eventLoopGroup.any().scheduleTask(in: TimeAmount(configuration.connectTimeout)) { self.waiterTimedOut(id) }
            switch pool.withLock({ $0.acquire(id: id, waiter: Waiter(continuation: continuation, timer: timer)) }) {
            case .use(let connection):
                timer.cancel()
                continuation.resume(returning: connection)
            case .wait:
                break
            case .fail(let error):
                timer.cancel()
                continuation.resume(throwing: error)
            }
        }
    }

    private func waiterTimedOut(_ id: UInt64) {
        guard let waiter = pool.withLock({ $0.waiterTimedOut(id: id) }) else { return }
        waiter.continuation.resume(throwing: MemcachedError.unavailable("no connection to \(server) within \(configuration.connectTimeout)"))
    }

    /// One connection's life in a slot: open it, serve callers until it closes, then reconnect
    /// at once, or after a back-off when the attempt failed.
    private func connect(slot: Int) async {
        guard !pool.withLock({ $0.isShutDown }) else { return }
        do {
            try await MemcachedConnection.withConnection(to: server, connectTimeout: configuration.connectTimeout,
                                                         commandTimeout: configuration.commandTimeout,
                                                         eventLoopGroup: eventLoopGroup.eventLoop(forSlot: slot), logger: logger) { connection in
                guard let waiters = pool.withLock({ $0.connected(slot, connection) }) else { return }
                for waiter in waiters {
                    waiter.timer.cancel()
                    waiter.continuation.resume(returning: connection)
                }
                await connection.waitUntilClosed()
            }
            if pool.withLock({ $0.disconnected(slot) }) {
                logger.info("memcached connection closed; reconnecting", metadata: ["memcached.server": "\(server)"])
                connectRequestSink.yield(slot)
            }
        } catch {
            let reason = (error as? MemcachedError)?.detail ?? "\(error)"
            let (waiters, failure, retry) = pool.withLock { $0.connectFailed(slot, reason: reason) }
            for waiter in waiters {
                waiter.timer.cancel()
                waiter.continuation.resume(throwing: failure)
            }
            logger.debug("memcached connect failed", metadata: ["memcached.server": "\(server)", "memcached.error": "\(reason)"])
            guard retry else { return }
            eventLoopGroup.any().scheduleTask(in: .milliseconds(Int64.random(in: 250...500))) {
                if self.pool.withLock({ $0.backoffEnded(slot) }) { self.connectRequestSink.yield(slot) }
            }
        }
    }

    /// Closes the connections (once their pending answers are in) and fails waiting callers.
    func shutDown() {
        let (connections, waiters) = pool.withLock { $0.shutDown() }
        for waiter in waiters {
            waiter.timer.cancel()
            waiter.continuation.resume(throwing: MemcachedError.unavailable("the memcached client is shut down"))
        }
        for connection in connections { connection.close() }
        connectRequestSink.finish()
    }
}
