import Logging
import NIOCore
import NIOPosix

extension RedisConnection {
    /// Opens a connection, logs in (`AUTH`) and selects the database from `configuration`, runs
    /// `body` with it, and closes it when `body` returns — after the replies `body`'s commands
    /// still await. A server that refuses the connection or the login throws `RedisError`.
    ///
    /// With `onPush`, the connection speaks RESP3 (`HELLO 3`, which also logs in) and hands the
    /// server's pushes to it, on the event loop; replies to commands come as RESP3 types then.
    public static func withConnection<Result: Sendable>(
        configuration: RedisConfiguration,
        eventLoopGroup: any EventLoopGroup = MultiThreadedEventLoopGroup.singleton,
        logger: Logger = Logger(label: "starling.redis"),
        onPush: (@Sendable ([RESPValue]) -> Void)? = nil,
        _ body: (RedisConnection) async throws -> Result
    ) async throws -> Result {
        let address = "\(configuration.host):\(configuration.port)"
        let connection: RedisConnection
        do {
            connection = try await ClientBootstrap(group: eventLoopGroup)
                .connectTimeout(TimeAmount(configuration.connectTimeout))
                .channelOption(.socketOption(.tcp_nodelay), value: 1)
                .connect(host: configuration.host, port: configuration.port) { channel in
                    channel.eventLoop.makeCompletedFuture {
                        let connection = RedisConnection(channel: channel, commandTimeout: configuration.commandTimeout, onPush: onPush)
                        try channel.pipeline.syncOperations.addHandler(RedisReplyHandler(connection: connection))
                        return connection
                    }
                }
        } catch {
            throw RedisError.unavailable("cannot connect to \(address): \(error)")
        }
        logger.debug("Redis connection opened", metadata: ["redis.address": "\(address)"])
        do {
            try await connection.logIn(configuration, address: address, resp3: onPush != nil)
            let result = try await body(connection)
            connection.close()
            await connection.waitUntilClosed()
            return result
        } catch {
            connection.socketClosed(.connectionClosed)
            await connection.waitUntilClosed()
            throw error
        }
    }

    /// `AUTH` (or `HELLO 3` with its `AUTH`) and `SELECT` as the URL says, then `PING`, in one
    /// round trip: the connection is ready only once the server answered.
    private func logIn(_ configuration: RedisConfiguration, address: String, resp3: Bool) async throws {
        var commands: [RESPCommand] = []
        if resp3 {
            var words = ["HELLO", "3"]
            if let password = configuration.password { words += ["AUTH", configuration.username ?? "default", password] }
            commands.append(RESPCommand(words))
        } else if let password = configuration.password {
            commands.append(configuration.username.map { RESPCommand("AUTH", $0, password) } ?? RESPCommand("AUTH", password))
        }
        if configuration.database != 0 { commands.append(RESPCommand("SELECT", configuration.database)) }
        commands.append(RESPCommand("PING"))
        for (command, reply) in zip(commands, try await pipeline(commands)) {
            if let message = reply.errorMessage {
                throw RedisError.unavailable("\(address) refused \(command.name): \(message)")
            }
        }
    }
}
