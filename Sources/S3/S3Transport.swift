import NIOConcurrencyHelpers
import NIOCore
import NIOHTTP1
import NIOPosix
import NIOSSL

/// HTTP/1.1 to one S3 endpoint on SwiftNIO: a connection per request (`Connection: close`), TLS
/// for `https`, a connect timeout, and a deadline on the whole exchange that closes the connection.
struct S3Transport: Sendable {
    let configuration: S3Configuration
    let tls: NIOSSLContext?

    init(configuration: S3Configuration) throws {
        self.configuration = configuration
        tls = configuration.useTLS ? try NIOSSLContext(configuration: .makeClientConfiguration()) : nil
    }

    /// Sends one request and hands the answer to `handle` while the connection is open.
    func execute<T: Sendable>(_ head: HTTPRequestHead, body: ByteBuffer?,
                              _ handle: (inout S3Response) async throws -> T) async throws -> T {
        let channel = try await connect()
        let timedOut = NIOLockedValueBox(false)
        do {
            return try await channel.executeThenClose { inbound, outbound in
                try await withThrowingTaskGroup(of: Void.self) { group in
                    let deadline = configuration.requestTimeout
                    let raw = channel.channel
                    group.addTask {
                        try await Task.sleep(for: deadline)
                        timedOut.withLockedValue { $0 = true }
                        raw.close(promise: nil)
                    }
                    defer { group.cancelAll() }
                    try await outbound.write(.head(head))
                    if let body, body.readableBytes > 0 { try await outbound.write(.body(.byteBuffer(body))) }
                    try await outbound.write(.end(nil))
                    var parts = inbound.makeAsyncIterator()
                    guard case .head(let responseHead) = try await parts.next() else {
                        throw S3Error.unreachable("\(configuration.hostHeader) closed the connection without answering")
                    }
                    var response = S3Response(head: responseHead, parts: parts)
                    return try await handle(&response)
                }
            }
        } catch let error as S3Error where !timedOut.withLockedValue({ $0 }) {
            throw error
        } catch {
            if timedOut.withLockedValue({ $0 }) {
                throw S3Error.unreachable("no answer from \(configuration.hostHeader) within \(configuration.requestTimeout)")
            }
            throw S3Error.unreachable("\(configuration.hostHeader): \(error)")
        }
    }

    private func connect() async throws -> NIOAsyncChannel<HTTPClientResponsePart, HTTPClientRequestPart> {
        let tls = tls
        let host = configuration.host
        do {
            return try await ClientBootstrap(group: MultiThreadedEventLoopGroup.singleton)
                .connectTimeout(.nanoseconds(Int64(configuration.connectTimeout.components.seconds) * 1_000_000_000
                    + configuration.connectTimeout.components.attoseconds / 1_000_000_000))
                .channelOption(.socketOption(.tcp_nodelay), value: 1)
                .connect(host: host, port: configuration.port) { channel in
                    channel.eventLoop.makeCompletedFuture {
                        if let tls {
                            let handler = try NIOSSLClientHandler(context: tls, serverHostname: host.first?.isNumber == true ? nil : host)
                            try channel.pipeline.syncOperations.addHandler(handler)
                        }
                        try channel.pipeline.syncOperations.addHTTPClientHandlers()
                        return try NIOAsyncChannel<HTTPClientResponsePart, HTTPClientRequestPart>(wrappingChannelSynchronously: channel)
                    }
                }
        } catch {
            throw S3Error.unreachable("cannot connect to \(configuration.hostHeader): \(error)")
        }
    }
}
