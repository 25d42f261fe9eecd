import NIOCore
import Synchronization

/// One TCP connection to a Redis server, shared by many callers: their commands are written as
/// they come (pipelining) and each reply goes back to its caller in order.
///
/// Open one with `RedisConnection.withConnection(configuration:…)`; a `RedisClient` keeps a pool
/// of them. Every command has a deadline (`commandTimeout`): past it the caller gets
/// `RedisError.timeout` and the connection closes, failing the other callers with
/// `RedisError.connectionClosed`, since later replies would be out of step.
///
/// A command costs no task and no timer of its own: callers queue their bytes under a lock, one
/// event-loop task writes whatever queued meanwhile in one flush, replies are handed over by the
/// channel handler on the event loop, and one sweep timer per connection, armed for the oldest
/// request's deadline, enforces every deadline.
public final class RedisConnection: Sendable {
    typealias Waiter = CheckedContinuation<[RESPValue], any Error>

    private let channel: any Channel
    private let state = Mutex(StateMachine<Waiter>())
    private let commandTimeout: TimeAmount
    private let nextID = Atomic<UInt64>(0)
    private let onPush: (@Sendable ([RESPValue]) -> Void)?

    init(channel: any Channel, commandTimeout: Duration, onPush: (@Sendable ([RESPValue]) -> Void)? = nil) {
        self.channel = channel
        self.commandTimeout = TimeAmount(commandTimeout)
        self.onPush = onPush
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

    /// Whether the caller runs on this connection's event loop (where a reply's waiter resumes
    /// without waking another thread when the caller's task runs on that loop).
    var isOnCurrentEventLoop: Bool { channel.eventLoop.inEventLoop }

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
                let deadline = NIODeadline.now() + commandTimeout
                let result = state.withLock {
                    $0.send(id: id, expecting: commands.count, bytes: bytes, deadline: deadline, waiter: continuation)
                }
                switch result {
                case .refused(let error):
                    continuation.resume(throwing: error)
                case .queued(let scheduleFlush, let armSweep):
                    if scheduleFlush { channel.eventLoop.execute { self.flush() } }
                    if let armSweep { armSweepTimer(at: armSweep) }
                }
            }
        } onCancel: {
            state.withLock { $0.cancelled(id: id) }?.resume(throwing: CancellationError())
        }
    }

    /// On the event loop: writes every request queued since the last flush, in one syscall.
    private func flush() {
        let buffers = state.withLock { $0.takeUnwritten() }
        guard !buffers.isEmpty else { return }
        for buffer in buffers { channel.write(buffer, promise: nil) }
        channel.flush()
    }

    private func armSweepTimer(at deadline: NIODeadline) {
        channel.eventLoop.scheduleTask(deadline: deadline) { self.sweep() }
    }

    /// On the event loop, when the oldest request's deadline may have passed.
    private func sweep() {
        let (action, rearmAt) = state.withLock { $0.sweep(now: .now()) }
        apply(action)
        if let rearmAt { armSweepTimer(at: rearmAt) }
    }

    /// A reply arrived (on the event loop). A RESP3 push (an invalidation, a published message)
    /// answers no command: it goes to `onPush`, on the event loop, in the order it came.
    func received(_ reply: RESPValue) {
        if case .push(let items) = reply, let onPush {
            onPush(items)
            return
        }
        apply(state.withLock { $0.received(reply) })
    }

    /// The socket closed or failed: whoever still waits fails with `error`.
    func socketClosed(_ error: RedisError) {
        apply(state.withLock { $0.close(error) })
    }

    private func apply(_ action: StateMachine<Waiter>.Action) {
        if let success = action.succeed {
            success.waiter.resume(returning: success.replies)
        }
        for (waiter, error) in action.fail {
            waiter.resume(throwing: error)
        }
        if action.closeChannel {
            channel.close(promise: nil)
        }
    }
}
