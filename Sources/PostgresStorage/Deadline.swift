import NIOCore
import PostgresNIO
import Synchronization

/// Bounds how long a caller waits for the database.
///
/// A request must not hang while PostgreSQL restarts: waiting for a pooled connection while none
/// can be made lasts until the pool's circuit breaker trips (a minute), and a query on a socket
/// the server stopped answering may wait longer. The operation runs in its own task; the caller
/// gets its result, or `DeadlineExceeded` after `timeout`, whichever comes first. On timeout the
/// operation is cancelled and left to finish on its own (a transaction then commits whole or not
/// at all), so the caller never waits on code that ignores cancellation.
///
/// The timer is a task scheduled on a NIO event loop, not a task sleeping: cancelling a scheduled
/// task takes it off the loop at once, while a cancelled `Task.sleep` leaves its timer (a task and
/// a dispatch timer source, some 5 KB) alive until the sleep would have ended. With a 5 s timeout
/// every statement kept that for 5 s after it finished: at a few thousand statements a second,
/// hundreds of megabytes.
enum Deadline {
    static func run<T: Sendable>(_ timeout: Duration, on loop: any EventLoop = PostgresClient.defaultEventLoopGroup.any(),
                                 _ operation: @escaping @Sendable () async throws -> T) async throws -> T {
        let outcome = Outcome<T>()
        let work = Task { await outcome.settle(Result { try await operation() }) }
        let timer = loop.scheduleTask(in: TimeAmount(timeout)) {
            outcome.settle(.failure(DeadlineExceeded(timeout: timeout)))
            work.cancel()
        }
        defer { timer.cancel() }
        return try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { outcome.deliver(to: $0) }
        } onCancel: {
            work.cancel()
        }
    }
}

/// The first result of an operation or its timer, handed to the one waiting caller.
private final class Outcome<T: Sendable>: Sendable {
    private struct State {
        var result: Result<T, any Error>?
        var waiter: CheckedContinuation<T, any Error>?
    }

    private let state = Mutex(State())

    /// Records the first result; later ones are ignored.
    func settle(_ result: Result<T, any Error>) {
        let waiter = state.withLock { state -> CheckedContinuation<T, any Error>? in
            guard state.result == nil else { return nil }
            state.result = result
            defer { state.waiter = nil }
            return state.waiter
        }
        waiter?.resume(with: result)
    }

    /// Resumes `waiter` with the result, now or once there is one.
    func deliver(to waiter: CheckedContinuation<T, any Error>) {
        let result = state.withLock { state -> Result<T, any Error>? in
            if state.result == nil { state.waiter = waiter }
            return state.result
        }
        if let result { waiter.resume(with: result) }
    }
}

extension Result where Failure == any Error {
    /// The outcome of an async throwing body.
    init(_ body: () async throws -> Success) async {
        do {
            self = .success(try await body())
        } catch {
            self = .failure(error)
        }
    }
}
