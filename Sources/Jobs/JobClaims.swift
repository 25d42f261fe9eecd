import Foundation
import ServiceLifecycle
import StarlingCore
import Synchronization

/// The claim bookkeeping an outbox processor shares between its loop and its job tasks: who it is
/// (a holder name unique across processes), how long a lease lasts, what is in flight, and a
/// wake-up signal.
final class JobClaims: Sendable {
    let holder: String
    let leaseMicros: Int64
    let limit: Int
    let wakeups: AsyncStream<Void>
    private let wake: AsyncStream<Void>.Continuation
    private let inFlight = Mutex<Set<Int64>>([])

    init(prefix: String, lease: Duration, limit: Int) {
        precondition(limit > 0)
        holder = "\(prefix)-\(ProcessInfo.processInfo.processIdentifier)-\(UUID().uuidString.prefix(8))"
        leaseMicros = lease.components.seconds * 1_000_000 + lease.components.attoseconds / 1_000_000_000_000
        self.limit = limit
        (wakeups, wake) = AsyncStream.makeStream(of: Void.self, bufferingPolicy: .bufferingNewest(1))
    }

    func nudge() {
        wake.yield()
    }

    /// How many more jobs may start now.
    var free: Int {
        inFlight.withLock { limit - $0.count }
    }

    var isBusy: Bool {
        inFlight.withLock { !$0.isEmpty }
    }

    /// Marks `id` in flight; false when it already is (a lease of ours ran out and we claimed it again).
    func start(_ id: Int64) -> Bool {
        inFlight.withLock { $0.insert(id).inserted }
    }

    func finish(_ id: Int64) {
        inFlight.withLock { _ = $0.remove(id) }
        nudge()
    }

    /// Releases a claim of a job that is still in flight here (its lease ran out, or it was recorded
    /// again before its task ended), in a task of its own so that cancellation cannot skip it.
    func giveBack(_ job: PendingJob, to outbox: any OutboxStore, at: Int64) async {
        let holder = self.holder
        try? await Task { try await outbox.release(id: job.id, holder: holder, at: at) }.value
    }

    /// Polls the outbox every `interval` until graceful shutdown.
    func tick(every interval: Duration) async {
        try? await cancelWhenGracefulShutdown {
            while true {
                try await Task.sleep(for: interval)
                self.nudge()
            }
        }
    }

    /// Waits until `outbox` holds no pending job and nothing is in flight.
    func waitUntilIdle(_ outbox: any OutboxStore, timeout: Duration) async throws {
        let deadline = ContinuousClock.now + timeout
        while true {
            if !isBusy, try await outbox.pending(limit: 1).isEmpty, !isBusy { return }
            guard ContinuousClock.now < deadline else { throw OutboxTimeout() }
            nudge()
            try await Task.sleep(for: .milliseconds(5))
        }
    }
}
