import NIOCore

/// The last handler of a connection's channel: hands each decoded reply, and the socket's end,
/// straight to the `RedisConnection` on the event loop, with no task in between.
final class RedisReplyHandler: ChannelInboundHandler, Sendable {
    typealias InboundIn = RESPValue

    private let connection: RedisConnection

    init(connection: RedisConnection) {
        self.connection = connection
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        connection.received(unwrapInboundIn(data))
    }

    func channelInactive(context: ChannelHandlerContext) {
        connection.socketClosed(.connectionClosed)
        context.fireChannelInactive()
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        // After a framing error the byte stream cannot be trusted: close for everyone.
        connection.socketClosed(error as? RedisError ?? .connectionClosed)
        context.close(promise: nil)
    }
}
