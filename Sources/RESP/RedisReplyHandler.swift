import NIOCore

/// A connection's only handler: reads replies from the socket's bytes (`RESPParser`) and hands
/// each, and the socket's end, straight to the `RedisConnection` on the event loop, with no task
/// in between.
///
/// It frames the bytes itself rather than through NIO's `ByteToMessageHandler`: that one is
/// generic, and from another module it runs unspecialized (metadata lookups, dynamic casts of
/// each reply in and out of `NIOAny`), some 20,000 instructions a newsfeed page.
final class RedisReplyHandler: ChannelInboundHandler {
    typealias InboundIn = ByteBuffer

    private let connection: RedisConnection
    private let parser: RESPParser
    /// The start of a reply whose end has not arrived yet.
    private var partial: ByteBuffer?
    private var failed = false

    init(connection: RedisConnection, limits: RESPParser.Limits = RESPParser.Limits()) {
        self.connection = connection
        self.parser = RESPParser(limits: limits)
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        guard !failed else { return }
        var bytes = unwrapInboundIn(data)
        if var partial {
            self.partial = nil
            partial.writeBuffer(&bytes)
            bytes = partial
        }
        do {
            while let reply = try parser.parse(&bytes) {
                connection.received(reply)
            }
        } catch {
            // After a framing error the byte stream cannot be trusted: close for everyone.
            failed = true
            connection.socketClosed(error)
            context.close(promise: nil)
            return
        }
        if bytes.readableBytes > 0 {
            bytes.discardReadBytes()
            partial = bytes
        }
    }

    func channelInactive(context: ChannelHandlerContext) {
        connection.socketClosed(.connectionClosed)
        context.fireChannelInactive()
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        connection.socketClosed(error as? RedisError ?? .connectionClosed)
        context.close(promise: nil)
    }
}
