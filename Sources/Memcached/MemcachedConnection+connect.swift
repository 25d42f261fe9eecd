import Logging
import NIOCore
import NIOPosix

extension MemcachedConnection {
    /// Opens a connection to `server`, checks that it answers (`mn`), runs `body` with it, and
    /// closes it when `body` returns — after the answers `body`'s requests still await. A server
    /// that refuses the connection throws `MemcachedError.unavailable`.
    public static func withConnection<Result: Sendable>(
        to server: MemcachedServer,
        connectTimeout: Duration,
        commandTimeout: Duration,
        eventLoopGroup: any EventLoopGroup = MultiThreadedEventLoopGroup.singleton,
        logger: Logger = Logger(label: "starling.memcached"),
        _ body: (MemcachedConnection) async throws -> Result
    ) async throws -> Result {
        let channel: NIOAsyncChannel<MemcachedResponse, ByteBuffer>
        do {
            channel = try await ClientBootstrap(group: eventLoopGroup)
                .connectTimeout(TimeAmount(connectTimeout))
                .channelOption(.socketOption(.tcp_nodelay), value: 1)
                .connect(host: server.host, port: server.port) { channel in
                    channel.eventLoop.makeCompletedFuture {
                        try channel.pipeline.syncOperations.addHandler(ByteToMessageHandler(MemcachedResponseDecoder()))
                        return try NIOAsyncChannel<MemcachedResponse, ByteBuffer>(wrappingChannelSynchronously: channel)
                    }
                }
        } catch {
            throw MemcachedError.unavailable("cannot connect to \(server): \(error)")
        }
        logger.debug("memcached connection opened", metadata: ["memcached.server": "\(server)"])
        let connection = MemcachedConnection(channel: channel.channel, commandTimeout: commandTimeout)
        return try await channel.executeThenClose { inbound, outbound in
            try await withThrowingTaskGroup(of: Void.self) { group in
                group.addTask { await connection.readResponses(inbound) }
                group.addTask { await connection.writeRequests(outbound) }
                do {
                    _ = try await connection.execute([])
                    let result = try await body(connection)
                    connection.close()
                    try await group.waitForAll()
                    return result
                } catch {
                    connection.close()
                    channel.channel.close(promise: nil)
                    throw error
                }
            }
        }
    }
}
