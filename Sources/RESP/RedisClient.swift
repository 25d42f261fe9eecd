import ClientPool
import Logging
import NIOCore
import NIOPosix
import ServiceLifecycle
import Synchronization

/// A Redis client: a pool of pipelined connections, run as a `Service`.
///
/// `run()` owns the connections: it opens `poolSize` of them, reopens any that close (after a
/// server restart, at once; after a refused attempt, after a 250–500 ms back-off), and on
/// graceful shutdown closes them once their pending replies are in. Callers share the
/// connections; while the server is down they fail fast with `RedisError` instead of waiting.
///
/// ```swift
/// let redis = RedisClient(configuration: try RedisConfiguration(url: "redis://127.0.0.1:6379/0"))
/// // run it in a ServiceGroup, then:
/// let value = try await redis.get("greeting")
/// ```
public final class RedisClient: Service, Sendable {
    struct Waiter: Sendable {
        let continuation: CheckedContinuation<RedisConnection, any Error>
        let timer: Scheduled<Void>
    }

    public let configuration: RedisConfiguration
    private let eventLoopGroup: any EventLoopGroup
    private let logger: Logger
    private let pool: Mutex<RedisConnectionPool<RedisConnection, Waiter>>
    /// Slots to connect, consumed by `run()`.
    private let connectRequests: AsyncStream<Int>
    private let connectRequestSink: AsyncStream<Int>.Continuation
    private let nextWaiterID = Atomic<UInt64>(0)
    private let isRunning = Atomic<Bool>(false)

    public init(configuration: RedisConfiguration, eventLoopGroup: any EventLoopGroup = MultiThreadedEventLoopGroup.singleton,
                logger: Logger = Logger(label: "starling.redis")) {
        self.configuration = configuration
        self.eventLoopGroup = eventLoopGroup
        self.logger = logger
        self.pool = Mutex(RedisConnectionPool(size: configuration.poolSize))
        (connectRequests, connectRequestSink) = AsyncStream.makeStream(of: Int.self)
        for slot in 0..<max(1, configuration.poolSize) { connectRequestSink.yield(slot) }
    }

    /// Keeps the pool's connections open until graceful shutdown or cancellation.
    public func run() async throws {
        guard !isRunning.exchange(true, ordering: .relaxed) else {
            throw RedisError.invalidConfiguration("RedisClient.run() may be called only once")
        }
        await withTaskCancellationOrGracefulShutdownHandler {
            await withDiscardingTaskGroup { group in
                for await slot in connectRequests {
                    group.addTask { await self.connect(slot: slot) }
                }
            }
        } onCancelOrGracefulShutdown: {
            self.shutDown()
        }
    }

    /// Sends one command on a pooled connection; an error reply throws `RedisError.server`.
    public func send(_ command: RESPCommand) async throws -> RESPValue {
        try await connection().send(command)
    }

    /// Sends a command given as its words (`["SET", "key", "value"]`).
    public func send(_ words: [String]) async throws -> RESPValue {
        try await send(RESPCommand(words))
    }

    /// Sends commands in one write on one connection and returns their replies in order, in
    /// one round trip. Error replies stay in place as `.error` values.
    public func pipeline(_ commands: [RESPCommand]) async throws -> [RESPValue] {
        guard !commands.isEmpty else { return [] }
        return try await connection().pipeline(commands)
    }

    /// Sends commands given as words in one round trip.
    public func pipeline(_ commands: [[String]]) async throws -> [RESPValue] {
        try await pipeline(commands.map(RESPCommand.init))
    }

    /// A ready connection, one on the caller's event loop when there is one (internal for tests).
    func connection() async throws -> RedisConnection {
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
        let address = "\(configuration.host):\(configuration.port)"
        let hint = isRunning.load(ordering: .relaxed) ? "" : " (RedisClient.run() is not running)"
        waiter.continuation.resume(throwing: RedisError.unavailable("no connection to \(address) within \(configuration.connectTimeout)\(hint)"))
    }

    /// One connection's life in a slot: open it, serve callers until it closes, then reconnect
    /// at once, or after a back-off when the attempt failed.
    private func connect(slot: Int) async {
        guard !pool.withLock({ $0.isShutDown }) else { return }
        do {
            try await RedisConnection.withConnection(configuration: configuration, eventLoopGroup: eventLoopGroup.eventLoop(forSlot: slot),
                                                   logger: logger) { connection in
                guard let waiters = pool.withLock({ $0.connected(slot, connection) }) else { return }
                for waiter in waiters {
                    waiter.timer.cancel()
                    waiter.continuation.resume(returning: connection)
                }
                await connection.waitUntilClosed()
            }
            if pool.withLock({ $0.disconnected(slot) }) {
                logger.warning("Redis connection closed; reconnecting", metadata: ["redis.slot": "\(slot)"])
                connectRequestSink.yield(slot)
            }
        } catch {
            let reason = (error as? RedisError)?.detail ?? "\(error)"
            let (waiters, failure, retry) = pool.withLock { $0.connectFailed(slot, reason: reason) }
            for waiter in waiters {
                waiter.timer.cancel()
                waiter.continuation.resume(throwing: failure)
            }
            logger.debug("Redis connect failed", metadata: ["redis.slot": "\(slot)", "redis.error": "\(reason)"])
            guard retry else { return }
            eventLoopGroup.any().scheduleTask(in: .milliseconds(Int64.random(in: 250...500))) {
                if self.pool.withLock({ $0.backoffEnded(slot) }) { self.connectRequestSink.yield(slot) }
            }
        }
    }

    private func shutDown() {
        let (connections, waiters) = pool.withLock { $0.shutDown() }
        for waiter in waiters {
            waiter.timer.cancel()
            waiter.continuation.resume(throwing: RedisError.unavailable("the Redis client is shut down"))
        }
        for connection in connections { connection.close() }
        connectRequestSink.finish()
    }
}
