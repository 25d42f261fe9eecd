import Logging
import NIOCore
import NIOPosix

extension RedisClient {
    /// Runs `body` with a client whose pool runs beside it, and shuts the pool down when `body`
    /// returns: for short-lived work (a command-line tool, a test) outside a `ServiceGroup`.
    public static func withClient<Result>(
        configuration: RedisConfiguration,
        eventLoopGroup: any EventLoopGroup = MultiThreadedEventLoopGroup.singleton,
        logger: Logger = Logger(label: "starling.redis"),
        _ body: (RedisClient) async throws -> Result
    ) async throws -> Result {
        let client = RedisClient(configuration: configuration, eventLoopGroup: eventLoopGroup, logger: logger)
        return try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { try await client.run() }
            defer { group.cancelAll() }
            return try await body(client)
        }
    }
}
