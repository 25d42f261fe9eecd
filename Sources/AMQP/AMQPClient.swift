import Logging
import NIOCore
import NIOPosix
import ServiceLifecycle
import Synchronization

/// An AMQP client that keeps one connection to the broker open, run as a `Service`.
///
/// `run()` opens the connection and reopens it whenever it closes (a broker restart, a missed
/// heartbeat), after a short back-off while the broker refuses; on graceful shutdown it closes it.
/// Callers take the current connection with `connection()` and open their channels on it; when
/// it closes, their channels fail and they take the next one.
public final class AMQPClient: Service, Sendable {
    public let configuration: AMQPConfiguration
    private let eventLoopGroup: any EventLoopGroup
    private let logger: Logger
    private let current = Mutex<AMQPConnection?>(nil)
    private let stopping = Atomic<Bool>(false)

    public init(configuration: AMQPConfiguration, eventLoopGroup: any EventLoopGroup = MultiThreadedEventLoopGroup.singleton,
                logger: Logger = Logger(label: "starling.amqp")) {
        self.configuration = configuration
        self.eventLoopGroup = eventLoopGroup
        self.logger = logger
    }

    /// Keeps a connection open until graceful shutdown or cancellation.
    public func run() async throws {
        await withTaskCancellationOrGracefulShutdownHandler {
            var failures = 0
            while !self.stopping.load(ordering: .relaxed) {
                do {
                    try await AMQPConnection.withConnection(configuration: configuration, eventLoopGroup: eventLoopGroup,
                                                            logger: logger) { connection in
                        failures = 0
                        current.withLock { $0 = connection }
                        if self.stopping.load(ordering: .relaxed) { connection.close() }
                        await connection.waitUntilClosed()
                        current.withLock { $0 = nil }
                    }
                    if !self.stopping.load(ordering: .relaxed) { logger.warning("AMQP connection closed; reconnecting") }
                } catch {
                    current.withLock { $0 = nil }
                    failures += 1
                    logger.log(level: failures == 1 ? .warning : .debug, "AMQP connect failed", metadata: ["error": "\(error)"])
                    try? await Task.sleep(for: .milliseconds(min(100 * failures, 1_000)))
                }
            }
        } onCancelOrGracefulShutdown: {
            self.stopping.store(true, ordering: .relaxed)
            self.current.withLock { $0 }?.close()
        }
    }

    /// The open connection; waits for one up to `configuration.connectTimeout`, then throws
    /// `AMQPError.unavailable`.
    public func connection() async throws -> AMQPConnection {
        let deadline = ContinuousClock.now + configuration.connectTimeout
        while true {
            if let connection = current.withLock({ $0 }), connection.isOpen { return connection }
            guard !stopping.load(ordering: .relaxed), ContinuousClock.now < deadline else {
                throw AMQPError.unavailable("no connection to \(configuration.host):\(configuration.port)")
            }
            try await Task.sleep(for: .milliseconds(20))
        }
    }
}
