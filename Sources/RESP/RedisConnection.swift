import NIOCore
import Synchronization

/// One TCP connection to a Redis server, shared by many callers: their commands are written as
/// they come (pipelining) and each reply goes back to its caller in order.
///
/// Open one with `RedisConnection.withConnection(configuration:…)`; a `RedisClient` keeps a pool
/// of them. Every command has a deadline (`commandTimeout`): past it the caller gets
/// `RedisError.timeout` and the connection closes, failing the other callers with
/// `RedisError.connectionClosed`, since later replies would be out of step.
public final class RedisConnection: Sendable {
    struct Waiter: Sendable {
        let continuation: CheckedContinuation<[RESPValue], any Error>
        let timer: Scheduled<Void>
    }

    private let channel: any Channel
    private let state = Mutex(StateMachine<Waiter>())
    private let outgoing: AsyncStream<ByteBuffer>
    private let outgoingSink: AsyncStream<ByteBuffer>.Continuation
    private let commandTimeout: TimeAmount
    private let nextID = Atomic<UInt64>(0)

    init(channel: any Channel, commandTimeout: Duration) {
        self.channel = channel
        self.commandTimeout = TimeAmount(commandTimeout)
        (outgoing, outgoingSink) = AsyncStream.makeStream(of: ByteBuffer.self)
    }

    /// Sends one command and returns its reply; an error reply throws `RedisError.server`.
    public func send(_ command: RESPCommand) async throws -> RESPValue {
        try await execute([command]).throwingFirstError()[0]
    }

    /// Sends commands in one write and returns their replies in order, in one round trip.
    /// Error replies stay in place as `.error` values.
    public func pipeline(_ commands: [RESPCommand]) async throws -> [RESPValue] {
        try await execute(commands)
    }

    /// Stops taking commands and closes once the replies already asked for have arrived.
    public func close() {
        apply(state.withLock { $0.drain() })
    }

    /// Returns once the socket is closed.
    public func waitUntilClosed() async {
        try? await channel.closeFuture.get()
    }

    private func execute(_ commands: [RESPCommand]) async throws -> [RESPValue] {
        guard !commands.isEmpty else { return [] }
        var bytes = channel.allocator.buffer(capacity: commands.reduce(0) { $0 + $1.encodedArguments.readableBytes + 12 })
        RESPRequestEncoder().encode(commands, into: &bytes)
        let id = nextID.wrappingAdd(1, ordering: .relaxed).newValue
        return try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { continuation in
                let timer = channel.eventLoop.scheduleTask(in: commandTimeout) { self.timedOut(id) }
                let refusal = state.withLock { machine -> RedisError? in
                    let refusal = machine.send(id: id, expecting: commands.count, waiter: Waiter(continuation: continuation, timer: timer))
                    // Queued and yielded under one lock, so bytes go out in the order replies are awaited.
                    if refusal == nil { outgoingSink.yield(bytes) }
                    return refusal
                }
                if let refusal {
                    timer.cancel()
                    continuation.resume(throwing: refusal)
                }
            }
        } onCancel: {
            if let waiter = state.withLock({ $0.cancelled(id: id) }) {
                waiter.timer.cancel()
                waiter.continuation.resume(throwing: CancellationError())
            }
        }
    }

    private func timedOut(_ id: UInt64) {
        apply(state.withLock { $0.timedOut(id: id) })
    }

    private func apply(_ action: StateMachine<Waiter>.Action) {
        if let success = action.succeed {
            success.waiter.timer.cancel()
            success.waiter.continuation.resume(returning: success.replies)
        }
        for (waiter, error) in action.fail {
            waiter.timer.cancel()
            waiter.continuation.resume(throwing: error)
        }
        if action.closeChannel {
            outgoingSink.finish()
            channel.close(promise: nil)
        }
    }

    /// Hands every reply to its caller until the socket closes, then fails whoever still waits.
    func readReplies(_ inbound: NIOAsyncChannelInboundStream<RESPValue>) async {
        do {
            for try await reply in inbound {
                apply(state.withLock { $0.received(reply) })
            }
            apply(state.withLock { $0.close(.connectionClosed) })
        } catch {
            apply(state.withLock { $0.close(error as? RedisError ?? .connectionClosed) })
        }
    }

    /// Writes requests in the order they were queued until the connection closes.
    func writeRequests(_ outbound: NIOAsyncChannelOutboundWriter<ByteBuffer>) async {
        do {
            try await outbound.write(contentsOf: outgoing)
        } catch {
            apply(state.withLock { $0.close(.connectionClosed) })
        }
    }
}
