import Logging
import NIOCore
import NIOPosix

extension AMQPConnection {
    /// Opens a connection and logs in (PLAIN) as `configuration` says, runs `body` with it, and
    /// closes it when `body` returns. A broker that cannot be reached or refuses the login throws
    /// `AMQPError.unavailable`.
    public static func withConnection<Result: Sendable>(
        configuration: AMQPConfiguration,
        eventLoopGroup: any EventLoopGroup = MultiThreadedEventLoopGroup.singleton,
        logger: Logger = Logger(label: "starling.amqp"),
        _ body: (AMQPConnection) async throws -> Result
    ) async throws -> Result {
        let address = "\(configuration.host):\(configuration.port)"
        let settings = StateMachine.Settings(user: configuration.user, password: configuration.password,
                                             virtualHost: configuration.virtualHost, heartbeatSeconds: configuration.heartbeatSeconds)
        let channel: NIOAsyncChannel<AMQPFrame, ByteBuffer>
        do {
            channel = try await ClientBootstrap(group: eventLoopGroup)
                .connectTimeout(TimeAmount(configuration.connectTimeout))
                .channelOption(.socketOption(.tcp_nodelay), value: 1)
                .connect(host: configuration.host, port: configuration.port) { channel in
                    channel.eventLoop.makeCompletedFuture {
                        let parser = AMQPFrameParser(maximumFrameSize: Int(settings.frameMax))
                        try channel.pipeline.syncOperations.addHandler(ByteToMessageHandler(AMQPFrameDecoder(parser: parser)))
                        return try NIOAsyncChannel<AMQPFrame, ByteBuffer>(wrappingChannelSynchronously: channel)
                    }
                }
        } catch {
            throw AMQPError.unavailable("cannot connect to \(address): \(error)")
        }
        let connection = AMQPConnection(channel: channel.channel, settings: settings, methodTimeout: configuration.methodTimeout,
                                        logger: logger)
        return try await channel.executeThenClose { inbound, outbound in
            try await withThrowingTaskGroup(of: Void.self) { group in
                group.addTask { await connection.readFrames(inbound) }
                group.addTask { await connection.writeFrames(outbound) }
                group.addTask { await connection.beat() }
                do {
                    connection.start()
                    try await connection.waitUntilReady(timeout: configuration.connectTimeout)
                    logger.debug("AMQP connection opened", metadata: ["amqp.address": "\(address)"])
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
