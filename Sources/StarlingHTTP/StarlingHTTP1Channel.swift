import HummingbirdCore
import Logging
import NIOCore
import NIOHTTPTypesHTTP1

/// Hummingbird's HTTP/1 channel with `HTTPConnectionLimits` enforced on every connection: a
/// `RequestDeadlineHandler` right after the HTTP codec times out slow heads, slow bodies and idle
/// connections, and answers malformed requests with a JSON error; a `ByteArrivalHandler` in front
/// of the codec tells it when the bytes of a new request start to arrive. Its requests are
/// handled where `executor` says.
public struct StarlingHTTP1Channel: ServerChildChannel {
    public typealias Value = HTTP1Channel.Value

    let inner: HTTP1Channel
    let limits: HTTPConnectionLimits
    let executor: RequestExecutor

    public init(responder: @escaping HTTPChannelHandler.Responder, limits: HTTPConnectionLimits, executor: RequestExecutor = .eventLoop) {
        let decoder = HTTP1Channel.Configuration.DecoderConfiguration(
            maxHeaderFieldSize: limits.maximumHeaderBytes, maxHeaderListSize: limits.maximumHeaderBytes,
            maxHeaderFieldCount: limits.maximumHeaderFields)
        self.inner = HTTP1Channel(responder: responder, configuration: .init(httpDecoderConfiguration: decoder))
        self.limits = limits
        self.executor = executor
    }

    public func setup(channel: any Channel, logger: Logger) -> EventLoopFuture<Value> {
        let deadlines = RequestDeadlineHandler(limits: limits, logger: logger)
        do {
            try channel.pipeline.syncOperations.addHandler(ByteArrivalHandler(deadlines: deadlines))
        } catch {
            return channel.eventLoop.makeFailedFuture(error)
        }
        return inner.setup(channel: channel, logger: logger).assumeIsolated().flatMapThrowing { value in
            let codec = try channel.pipeline.syncOperations.handler(type: HTTP1ToHTTPServerCodec.self)
            try channel.pipeline.syncOperations.addHandler(deadlines, position: .after(codec))
            return value
        }.nonisolated()
    }

    public func handle(value: Value, logger: Logger) async {
        guard executor == .eventLoop else { return await inner.handle(value: value, logger: logger) }
        await withTaskExecutorPreference(EventLoopTaskExecutor.on(value.channel.eventLoop)) {
            await inner.handle(value: value, logger: logger)
        }
    }
}

extension HTTPServerBuilder {
    /// An HTTP/1 server whose connections obey `limits`, their requests handled where `executor` says.
    public static func http1(limits: HTTPConnectionLimits, executor: RequestExecutor = .eventLoop) -> HTTPServerBuilder {
        HTTPServerBuilder { responder in StarlingHTTP1Channel(responder: responder, limits: limits, executor: executor) }
    }
}

extension HTTPConnectionLimits {
    /// The server's connection cap: past `maximumConnections`, new connections wait unaccepted.
    public func connectionCap(logger: Logger) -> any AvailableConnectionsDelegate {
        MaximumAvailableConnections(maximumConnections, logger: logger)
    }
}
