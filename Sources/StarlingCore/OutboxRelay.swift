import Logging
import ServiceLifecycle
import Synchronization

/// Moves jobs from the outbox to the queue, deleting each only once the queue took it over.
///
/// It wakes when nudged (after a write that recorded a job) and on a timer, so jobs recorded before
/// a crash or by another process are delivered too: at start-up the whole outbox is replayed.
/// A crash between hand-over and delete can only deliver a job twice, which jobs tolerate.
public final class OutboxRelay: Service {
    private let outbox: any OutboxStore
    private let queue: any JobQueue
    private let logger: Logger
    private let pollInterval: Duration
    private let maxInFlight: Int
    private let wakeups: AsyncStream<Void>
    private let wake: AsyncStream<Void>.Continuation
    private let state = Mutex(State())

    private struct State {
        var inFlight: Set<Int64> = []
        var failures: [Int64: (count: Int, retryAt: ContinuousClock.Instant)] = [:]
    }

    public init(outbox: any OutboxStore, queue: any JobQueue, logger: Logger,
                pollInterval: Duration = .seconds(1), maxInFlight: Int = 64) {
        self.outbox = outbox
        self.queue = queue
        self.logger = logger
        self.pollInterval = pollInterval
        self.maxInFlight = maxInFlight
        (wakeups, wake) = AsyncStream.makeStream(of: Void.self, bufferingPolicy: .bufferingNewest(1))
    }

    /// Asks the relay to look at the outbox now.
    public func nudge() {
        wake.yield()
    }

    public func run() async throws {
        await withDiscardingTaskGroup { group in
            group.addTask {
                while !Task.isCancelled {
                    try? await Task.sleep(for: self.pollInterval)
                    self.nudge()
                }
            }
            nudge()
            for await _ in wakeups.cancelOnGracefulShutdown() {
                await deliverPending(in: &group)
            }
            group.cancelAll()
        }
    }

    /// Waits until the outbox is empty and nothing is in flight (for tests and benchmarks).
    public func waitUntilIdle(timeout: Duration = .seconds(10)) async throws {
        let deadline = ContinuousClock.now + timeout
        while true {
            let busy = state.withLock { !$0.inFlight.isEmpty }
            if !busy, try await outbox.pending(limit: 1).isEmpty { return }
            guard ContinuousClock.now < deadline else { throw RelayTimeout() }
            nudge()
            try await Task.sleep(for: .milliseconds(5))
        }
    }

    /// The outbox did not drain in time.
    public struct RelayTimeout: Error {}

    private func deliverPending(in group: inout DiscardingTaskGroup) async {
        let jobs: [Job]
        do {
            jobs = try await outbox.pending(limit: maxInFlight * 2)
        } catch {
            logger.warning("outbox read failed", metadata: ["error": "\(error)"])
            return
        }
        let now = ContinuousClock.now
        for job in jobs {
            let start = state.withLock { state -> Bool in
                guard state.inFlight.count < maxInFlight, !state.inFlight.contains(job.id) else { return false }
                if let failure = state.failures[job.id], failure.retryAt > now { return false }
                state.inFlight.insert(job.id)
                return true
            }
            if start {
                group.addTask { await self.deliver(job) }
            }
        }
    }

    private func deliver(_ job: Job) async {
        do {
            try await queue.enqueue(job)
            try await outbox.delete(id: job.id)
            state.withLock { state in
                state.failures[job.id] = nil
                state.inFlight.remove(job.id)
            }
        } catch {
            let count = state.withLock { state -> Int in
                let count = (state.failures[job.id]?.count ?? 0) + 1
                let backoff = min(Duration.milliseconds(100) * (1 << min(count, 10)), .seconds(60))
                state.failures[job.id] = (count, ContinuousClock.now + backoff)
                state.inFlight.remove(job.id)
                return count
            }
            logger.warning("job not delivered; it stays in the outbox", metadata: [
                "job.id": "\(job.id)", "job.name": "\(job.name)", "failures": "\(count)", "error": "\(error)",
            ])
        }
        nudge()
    }
}
