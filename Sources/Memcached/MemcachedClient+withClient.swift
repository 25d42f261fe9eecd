import Logging
import NIOCore
import NIOPosix

extension MemcachedClient {
    /// Runs `body` with a client whose connections run beside it, and shuts them down when `body`
    /// returns: for short-lived work (a command-line tool, a test) outside a `ServiceGroup`.
    public static func withClient<Result>(
        configuration: MemcachedConfiguration,
        eventLoopGroup: any EventLoopGroup = MultiThreadedEventLoopGroup.singleton,
        logger: Logger = Logger(label: "starling.memcached"),
        _ body: (MemcachedClient) async throws -> Result
    ) async throws -> Result {
        let client = MemcachedClient(configuration: configuration, eventLoopGroup: eventLoopGroup, logger: logger)
        return try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { try await client.run() }
            defer { group.cancelAll() }
            return try await body(client)
        }
    }
}
