import NIOCore
import Synchronization

/// One TCP connection to a memcached server, shared by many callers: their batches are written as
/// they come (pipelining), each followed by `mn`, and the answers up to each `MN` go back to their
/// caller in order.
///
/// Open one with `MemcachedConnection.withConnection(host:port:…)`; a `MemcachedClient` keeps a
/// pool of them per node. Every batch has a deadline: past it the caller gets
/// `MemcachedError.timeout` and the connection closes, failing the other callers with
/// `MemcachedError.connectionClosed`, since later answers would be out of step.
public final class MemcachedConnection: Sendable {
    struct Waiter: Sendable {
        let continuation: CheckedContinuation<[MemcachedResponse], any Error>
        let timer: Scheduled<Void>
    }

    private let channel: any Channel
    private let state = Mutex(StateMachine<Waiter>())
    private let outgoing: AsyncStream<ByteBuffer>
    private let outgoingSink: AsyncStream<ByteBuffer>.Continuation
    private let commandTimeout: TimeAmount
    private let nextID = Atomic<UInt64>(0)

    /// Whether the caller runs on this connection's event loop (where a reply's waiter resumes
    /// without waking another thread when the caller's task runs on that loop).
    var isOnCurrentEventLoop: Bool { channel.eventLoop.inEventLoop }

    init(channel: any Channel, commandTimeout: Duration) {
        self.channel = channel
        self.commandTimeout = TimeAmount(commandTimeout)
        (outgoing, outgoingSink) = AsyncStream.makeStream(of: ByteBuffer.self)
    }

    /// Sends the requests in one write, followed by `mn`, and returns every answer before `MN`, in
    /// one round trip. Quiet requests may have no answer; error answers stay in place.
    public func execute(_ requests: [MemcachedRequest]) async throws -> [MemcachedResponse] {
        var bytes = channel.allocator.buffer(capacity: requests.reduce(4) { $0 + $1.key.utf8.count + ($1.value?.readableBytes ?? 0) + 32 })
        try MemcachedRequestEncoder().encode(requests + [.noop], into: &bytes)
        let id = nextID.wrappingAdd(1, ordering: .relaxed).newValue
        return try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { continuation in
                let timer = channel.eventLoop.scheduleTask(in: commandTimeout) { self.timedOut(id) }
                let refusal = state.withLock { machine -> MemcachedError? in
                    let refusal = machine.send(id: id, waiter: Waiter(continuation: continuation, timer: timer))
                    // Queued and yielded under one lock, so bytes go out in the order answers are awaited.
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

    /// Stops taking requests and closes once the answers already asked for have arrived.
    public func close() {
        apply(state.withLock { $0.drain() })
    }

    /// Returns once the socket is closed.
    public func waitUntilClosed() async {
        try? await channel.closeFuture.get()
    }

    private func timedOut(_ id: UInt64) {
        apply(state.withLock { $0.timedOut(id: id) })
    }

    private func apply(_ action: StateMachine<Waiter>.Action) {
        if let success = action.succeed {
            success.waiter.timer.cancel()
            success.waiter.continuation.resume(returning: success.responses)
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

    /// Hands every answer to its caller until the socket closes, then fails whoever still waits.
    func readResponses(_ inbound: NIOAsyncChannelInboundStream<MemcachedResponse>) async {
        do {
            for try await response in inbound {
                apply(state.withLock { $0.received(response) })
            }
            apply(state.withLock { $0.close(.connectionClosed) })
        } catch {
            apply(state.withLock { $0.close(error as? MemcachedError ?? .connectionClosed) })
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
