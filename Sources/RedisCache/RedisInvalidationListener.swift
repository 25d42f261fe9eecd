import Logging
import NIOCore
import NIOPosix
import RESP
import ServiceLifecycle
import StarlingCore
import Synchronization

/// Keeps a `NearCache` coherent with Redis, as a `Service`: one RESP3 connection on which the
/// server pushes the names of keys that change, expire or are evicted, whoever changed them. Each
/// push drops those keys from the near cache; a flush of the database drops everything.
/// - `.broadcast` (`CLIENT TRACKING ON BCAST PREFIX <prefix>`): every key under the prefix, for a
///   near cache filled by reads on any connection (the object cache: few writes).
/// - `.reads` (`CLIENT TRACKING ON`): only keys read on this connection (`read(_:)`) since their
///   last change, for a near cache filled by those reads alone (the feed lists: a fanout changes
///   thousands of lists a second, of which only those read since are worth a message).
///
/// The near cache holds values only while the connection is up: it is enabled once the server
/// confirmed the tracking, and disabled (emptied) the moment the connection is lost or a PING (one
/// a second) goes unanswered past the command timeout, since a change could then go unnoticed.
/// The connection is reopened after a 250–500 ms back-off.
public final class RedisInvalidationListener: Service, Sendable {
    private let configuration: RedisConfiguration
    private let prefix: String
    private let near: NearCache
    private let eventLoopGroup: any EventLoopGroup
    private let logger: Logger
    private let tracking: Tracking
    /// Reads sent on the tracking connection (for tests).
    let readsSent = Atomic(0)
    private let current = Mutex<(connection: RedisConnection?, stopped: Bool)>((nil, false))

    public enum Tracking: Sendable {
        case broadcast
        case reads
    }

    /// How often the connection is checked when no push comes.
    static let pingInterval = Duration.seconds(1)

    /// The connection's name in `CLIENT LIST`.
    public static let clientName = "starling-near-cache"
    /// The `.reads` connection's name.
    public static let readsClientName = "starling-near-feeds"

    /// - Parameter prefix: the keys the near cache holds, as Redis names them (the application's
    ///   keys follow it).
    public init(configuration: RedisConfiguration, prefix: String, near: NearCache, tracking: Tracking = .broadcast,
                eventLoopGroup: any EventLoopGroup = MultiThreadedEventLoopGroup.singleton, logger: Logger = Logger(label: "starling.redis")) {
        self.tracking = tracking
        self.configuration = configuration
        self.prefix = prefix
        self.near = near
        self.eventLoopGroup = eventLoopGroup
        self.logger = logger
    }

    /// Sends a read on the tracking connection (so that a later change of its keys is pushed);
    /// nil while there is none.
    public func read(_ command: RESPCommand) async throws -> RESPValue? {
        guard let connection = current.withLock({ $0.connection }) else { return nil }
        readsSent.add(1, ordering: .relaxed)
        return try await connection.send(command)
    }

    public func run() async throws {
        await withTaskCancellationOrGracefulShutdownHandler {
            while !current.withLock({ $0.stopped }) {
                await listenUntilClosed()
                near.disable()
                guard !current.withLock({ $0.stopped }) else { break }
                try? await Task.sleep(for: .milliseconds(Int.random(in: 250...500)))
            }
        } onCancelOrGracefulShutdown: {
            let connection = self.current.withLock { current -> RedisConnection? in
                current.stopped = true
                return current.connection
            }
            connection?.close()
        }
    }

    /// One connection's life: tracking turned on, the near cache enabled, pushes applied until the
    /// socket closes.
    private func listenUntilClosed() async {
        do {
            try await RedisConnection.withConnection(configuration: configuration, eventLoopGroup: eventLoopGroup, logger: logger,
                                                     onPush: { [self] in received($0) }) { connection in
                _ = try await connection.pipeline(tracking == .broadcast ? [
                    RESPCommand("CLIENT", "SETNAME", Self.clientName),
                    RESPCommand("CLIENT", "TRACKING", "ON", "BCAST", "PREFIX", prefix),
                ] : [
                    RESPCommand("CLIENT", "SETNAME", Self.readsClientName),
                    RESPCommand("CLIENT", "TRACKING", "ON"),
                ]).throwingFirstError()
                let stopped = current.withLock { current -> Bool in
                    current.connection = connection
                    return current.stopped
                }
                guard !stopped else { return }
                near.enable()
                logger.debug("near cache listening to Redis invalidations", metadata: ["redis.prefix": "\(prefix)"])
                // A PING a second: a server that stops answering (a partition with no reset) fails
                // it within the command timeout, which closes the connection.
                await withTaskGroup(of: Void.self) { group in
                    group.addTask {
                        while !Task.isCancelled {
                            try? await Task.sleep(for: Self.pingInterval)
                            guard !Task.isCancelled else { return }
                            guard (try? await connection.send(RESPCommand("PING"))) != nil else { return connection.close() }
                        }
                    }
                    await connection.waitUntilClosed()
                    group.cancelAll()
                }
                near.disable()
                current.withLock { $0.connection = nil }
            }
            if !current.withLock({ $0.stopped }) { logger.warning("Redis invalidation connection closed; near cache off until it reopens") }
        } catch {
            near.disable()
            logger.debug("Redis invalidation connection failed", metadata: ["redis.error": "\(error)"])
        }
    }

    /// A push: `["invalidate", [key, ...]]`, or `["invalidate", null]` when the server flushed.
    private func received(_ items: [RESPValue]) {
        switch Self.invalidation(items, prefix: prefix) {
        case .keys(let keys): near.invalidate(keys)
        case .everything: near.invalidateAll()
        case nil: break
        }
    }

    /// What a push invalidates, the keys named without `prefix`; nil for another kind of push.
    static func invalidation(_ items: [RESPValue], prefix: String) -> Invalidation? {
        guard items.count == 2, items[0].string == "invalidate" else { return nil }
        guard let keys = items[1].array else { return .everything }
        return .keys(keys.compactMap { key in
            guard let name = key.string, name.hasPrefix(prefix) else { return nil }
            return String(decoding: name.utf8.dropFirst(prefix.utf8.count), as: UTF8.self)
        })
    }

    enum Invalidation: Equatable {
        case keys([String])
        case everything
    }
}
