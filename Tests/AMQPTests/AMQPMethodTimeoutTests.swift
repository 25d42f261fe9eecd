import AMQP
import Logging
import NIOCore
import NIOPosix
import Synchronization
import Testing

/// A broker that logs the client in and opens its channels, then answers nothing more: every
/// method after channel.open waits in vain. A scripted peer on loopback, not a RabbitMQ.
final class SilentBroker: Sendable {
    let port: Int
    private let server: any Channel
    private let accepted: Counter

    /// Connections accepted so far.
    var accepts: Int { accepted.value }

    static func start() async throws -> SilentBroker {
        let accepted = Counter()
        let server = try await ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
            .childChannelInitializer { channel in
                accepted.add()
                return channel.eventLoop.makeCompletedFuture { try channel.pipeline.syncOperations.addHandler(Script()) }
            }
            .bind(host: "127.0.0.1", port: 0)
            .get()
        return SilentBroker(server: server, accepted: accepted)
    }

    private init(server: any Channel, accepted: Counter) {
        self.server = server
        self.port = server.localAddress?.port ?? 0
        self.accepted = accepted
    }

    func stop() async {
        try? await server.close()
    }

    final class Counter: Sendable {
        private let count = Atomic<Int>(0)
        func add() { count.add(1, ordering: .relaxed) }
        var value: Int { count.load(ordering: .relaxed) }
    }

    /// Answers the handshake and channel.open; is silent on everything else.
    final class Script: ChannelInboundHandler {
        typealias InboundIn = ByteBuffer
        typealias OutboundOut = ByteBuffer
        private var buffer = ByteBuffer()
        private var greeted = false

        func channelRead(context: ChannelHandlerContext, data: NIOAny) {
            var bytes = unwrapInboundIn(data)
            buffer.writeBuffer(&bytes)
            if !greeted {
                guard buffer.readableBytes >= 8 else { return }
                buffer.moveReaderIndex(forwardBy: 8)
                greeted = true
                send(.connectionStart(serverProperties: [:], mechanisms: "PLAIN", locales: "en_US"), channel: 0, context: context)
            }
            while let frame = try? AMQPFrameParser().parse(&buffer) {
                guard frame.kind == .method, let method = try? AMQPMethod.decode(frame.payload) else { continue }
                switch method {
                case .connectionStartOk: send(.connectionTune(channelMax: 0, frameMax: 131_072, heartbeat: 0), channel: 0, context: context)
                case .connectionOpen: send(.connectionOpenOk, channel: 0, context: context)
                case .channelOpen: send(.channelOpenOk, channel: frame.channel, context: context)
                default: break  // silence
                }
            }
        }

        private func send(_ method: AMQPMethod, channel: UInt16, context: ChannelHandlerContext) {
            var out = context.channel.allocator.buffer(capacity: 64)
            AMQPFrame.method(method, channel: channel).encode(into: &out)
            context.writeAndFlush(wrapOutboundOut(out), promise: nil)
        }
    }
}

/// A method the broker never answers fails within the method timeout with a clear error, the
/// connection is treated as dead (closed, every channel failed), and a client opens another.
@Suite(.timeLimit(.minutes(1))) struct AMQPMethodTimeoutTests {
    let logger = { var logger = Logger(label: "test"); logger.logLevel = .critical; return logger }()

    func configuration(port: Int) -> AMQPConfiguration {
        var configuration = AMQPConfiguration(port: port)
        configuration.heartbeatSeconds = 0  // only the method timeout may end the connection
        configuration.connectTimeout = .seconds(20)
        configuration.methodTimeout = .milliseconds(500)
        return configuration
    }

    @Test func anUnansweredMethodFailsWithinItsBoundAndClosesTheConnection() async throws {
        let broker = try await SilentBroker.start()
        defer { Task { await broker.stop() } }
        try await AMQPConnection.withConnection(configuration: configuration(port: broker.port), logger: logger) { connection in
            let channel = try await connection.openChannel()
            let started = ContinuousClock.now
            let error = await #expect(throws: AMQPError.self) { try await channel.declareQueue("never-answered") }
            let waited = ContinuousClock.now - started
            #expect(error == .timeout)
            #expect(error?.message.contains("queueDeclare") == true, "the error names the method: \(String(describing: error))")
            #expect(waited >= .milliseconds(500) && waited < .seconds(10), "failed after \(waited)")
            await connection.waitUntilClosed()
            #expect(!connection.isOpen && !channel.isOpen)
            await #expect(throws: AMQPError.self) { try await channel.qos(prefetch: 1) }
        }
    }

    @Test func anUnconfirmedPublishFailsTheConnectionToo() async throws {
        let broker = try await SilentBroker.start()
        defer { Task { await broker.stop() } }
        try await AMQPConnection.withConnection(configuration: configuration(port: broker.port), logger: logger) { connection in
            let channel = try await connection.openChannel()
            // confirm.select itself is never answered: it times out as a method; a publish in
            // confirm mode waits for its confirm as long, at most.
            await #expect(throws: AMQPError.timeout) { try await channel.confirmSelect() }
            await connection.waitUntilClosed()
            await #expect(throws: AMQPError.self) { try await channel.publish(ByteBuffer(string: "x"), routingKey: "q") }
        }
    }

    @Test func aClientReconnectsAfterAMethodTimedOut() async throws {
        let broker = try await SilentBroker.start()
        defer { Task { await broker.stop() } }
        let client = AMQPClient(configuration: configuration(port: broker.port), logger: logger)
        let running = Task { try await client.run() }
        defer { running.cancel() }
        let first = try await client.connection()
        let channel = try await first.openChannel()
        await #expect(throws: AMQPError.timeout) { try await channel.declareQueue("never-answered") }
        await first.waitUntilClosed()
        let deadline = ContinuousClock.now + .seconds(20)
        var second = try await client.connection()
        while second === first, ContinuousClock.now < deadline {
            try await Task.sleep(for: .milliseconds(50))
            second = try await client.connection()
        }
        #expect(second !== first && second.isOpen)
        #expect(broker.accepts >= 2)
    }
}
