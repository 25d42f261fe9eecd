import Logging
import NIOCore
import Synchronization

/// One TCP connection to an AMQP 0-9-1 broker, multiplexing `AMQPChannel`s.
///
/// Open one with `AMQPConnection.withConnection(configuration:…)`; an `AMQPClient` keeps one open
/// and reopens it after a broker restart. The protocol logic is in the socket-free `StateMachine`;
/// this class only moves frames between it, the socket and the channels.
public final class AMQPConnection: Sendable {
    private let channel: any Channel
    private let machine: Mutex<StateMachine>
    private let channels = Mutex<[UInt16: AMQPChannel]>([:])
    private let outgoing: AsyncStream<ByteBuffer>
    private let outgoingSink: AsyncStream<ByteBuffer>.Continuation
    private let readyPromise: EventLoopPromise<Void>
    private let readySettled = Atomic<Bool>(false)
    /// When the broker last unblocked publishing (monotonic nanoseconds): waits count from then.
    private let unblockedAt = Atomic<UInt64>(0)
    private let logger: Logger
    let methodTimeout: Duration

    init(channel: any Channel, settings: StateMachine.Settings, methodTimeout: Duration, logger: Logger) {
        self.channel = channel
        self.machine = Mutex(StateMachine(settings: settings))
        self.methodTimeout = methodTimeout
        self.logger = logger
        self.readyPromise = channel.eventLoop.makePromise()
        (outgoing, outgoingSink) = AsyncStream.makeStream(of: ByteBuffer.self)
    }

    /// The negotiated largest frame.
    public var frameMax: Int { machine.withLock { $0.frameMax } }
    /// The negotiated heartbeat interval in seconds (0: none).
    public var heartbeat: Int { machine.withLock { $0.heartbeat } }
    /// True while the broker said connection.blocked (it is short of memory or disk) and not yet unblocked.
    public var isBlocked: Bool { machine.withLock { $0.isBlocked } }
    /// True until the connection closed or started closing.
    public var isOpen: Bool { machine.withLock { $0.state == .open } }

    /// Opens a channel.
    public func openChannel() async throws -> AMQPChannel {
        guard let id = machine.withLock({ $0.allocateChannel() }) else { throw AMQPError.connectionClosed }
        let opened = AMQPChannel(id: id, connection: self)
        channels.withLock { $0[id] = opened }
        do {
            _ = try await opened.call(.channelOpen)
        } catch {
            channelClosed(id)
            throw error
        }
        return opened
    }

    /// Closes gracefully: connection.close, then the socket once the broker answered.
    public func close() {
        apply(machine.withLock { $0.close() })
    }

    /// Returns once the socket is closed.
    public func waitUntilClosed() async {
        try? await channel.closeFuture.get()
    }

    /// Writes frames as one buffer, so a content's frames stay together.
    func write(_ frames: [AMQPFrame]) {
        var bytes = channel.allocator.buffer(capacity: frames.reduce(0) { $0 + $1.payload.readableBytes + AMQPFrame.overhead })
        for frame in frames { frame.encode(into: &bytes) }
        machine.withLock { $0.sent(now: NIODeadline.now().uptimeNanoseconds) }
        outgoingSink.yield(bytes)
    }

    func channelClosed(_ id: UInt16) {
        channels.withLock { _ = $0.removeValue(forKey: id) }
        machine.withLock { $0.releaseChannel(id) }
    }

    func start() {
        apply(machine.withLock { $0.start(now: NIODeadline.now().uptimeNanoseconds) })
    }

    /// Waits for the handshake, at most `timeout`.
    func waitUntilReady(timeout: Duration) async throws {
        let timer = channel.eventLoop.scheduleTask(in: TimeAmount(timeout)) { self.settleReady(.timeout) }
        defer { timer.cancel() }
        try await readyPromise.futureResult.get()
    }

    private func settleReady(_ error: AMQPError?) {
        guard !readySettled.exchange(true, ordering: .relaxed) else { return }
        if let error { readyPromise.fail(error) } else { readyPromise.succeed() }
    }

    private func apply(_ actions: [StateMachine.Action]) {
        for action in actions {
            switch action {
            case .writeProtocolHeader:
                outgoingSink.yield(ByteBuffer(bytes: AMQPFrame.protocolHeader))
            case .write(let frames):
                write(frames)
            case .ready:
                settleReady(nil)
            case .deliver(let id, let message):
                channels.withLock { $0[id] }?.handle(message)
            case .blocked(let reason):
                logger.warning("the AMQP broker blocked publishing", metadata: ["amqp.reason": "\(reason)"])
            case .unblocked:
                unblockedAt.store(NIODeadline.now().uptimeNanoseconds, ordering: .relaxed)
                logger.info("the AMQP broker unblocked publishing")
            case .fail(let error):
                settleReady(error)
                let open = channels.withLock { channels in
                    defer { channels.removeAll() }
                    return Array(channels.values)
                }
                for opened in open { opened.fail(error) }
                outgoingSink.finish()
                channel.close(promise: nil)
            }
        }
    }

    /// Hands every frame to the state machine until the socket closes.
    func readFrames(_ inbound: NIOAsyncChannelInboundStream<AMQPFrame>) async {
        do {
            for try await frame in inbound {
                apply(machine.withLock { $0.received(frame, now: NIODeadline.now().uptimeNanoseconds) })
            }
            apply(machine.withLock { $0.fail(.connectionClosed) })
        } catch {
            apply(machine.withLock { $0.fail(error as? AMQPError ?? .connectionClosed) })
        }
    }

    /// Writes frames in order until the connection closes.
    func writeFrames(_ outbound: NIOAsyncChannelOutboundWriter<ByteBuffer>) async {
        do {
            try await outbound.write(contentsOf: outgoing)
        } catch {
            apply(machine.withLock { $0.fail(.connectionClosed) })
        }
    }

    /// Sends heartbeats and watches the broker's, and fails the connection when a method waits
    /// for its answer longer than the method timeout, until the connection closes.
    func beat() async {
        while channel.isActive {
            try? await Task.sleep(for: .milliseconds(250))
            apply(machine.withLock { $0.tick(now: NIODeadline.now().uptimeNanoseconds) })
            checkMethodTimeouts()
        }
    }

    /// A broker that leaves a method unanswered is treated as dead: every caller fails with
    /// `methodTimeout`, the socket closes, and an `AMQPClient` reconnects. While the broker blocks
    /// publishing (short of memory or disk) nothing times out: waiting is then what it asks.
    func checkMethodTimeouts() {
        guard !isBlocked else { return }
        let now = NIODeadline.now().uptimeNanoseconds
        let timeout = UInt64(clamping: methodTimeout.components.seconds) &* 1_000_000_000
            &+ UInt64(clamping: methodTimeout.components.attoseconds / 1_000_000_000)
        let notBefore = unblockedAt.load(ordering: .relaxed)
        let open = channels.withLock { Array($0.values) }
        guard let what = open.lazy.compactMap({ $0.overdue(now: now, timeout: timeout, notBefore: notBefore) }).first else { return }
        let error = AMQPError.methodTimeout(what, after: methodTimeout)
        logger.warning("the AMQP broker did not answer in time; closing the connection", metadata: ["error": "\(error.message)"])
        apply(machine.withLock { $0.fail(error) })
    }
}
