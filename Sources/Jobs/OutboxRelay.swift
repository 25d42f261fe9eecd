import Logging
import ServiceLifecycle
import StarlingCore

/// Hands outbox jobs to a broker (`JobQueue`): claims due jobs with a lease, enqueues each, and
/// deletes it once the broker confirmed. The broker's consumer runs the `JobRunner` and records a
/// failure back in the outbox, so retries and dead jobs stay in one place.
///
/// A crash between the broker's confirmation and the delete can only deliver a job twice, which jobs
/// tolerate; a hand-over that fails gives the claim back, to try again after a pause.
public final class OutboxRelay: OutboxProcessor {
    private let outbox: any OutboxStore
    private let queue: any JobQueue
    private let clock: any WallClock
    private let logger: Logger
    private let pollInterval: Duration
    private let retryDelay: Int64
    private let claims: JobClaims

    public init(outbox: any OutboxStore, queue: any JobQueue, clock: any WallClock, logger: Logger, maxInFlight: Int = 64,
                lease: Duration = .seconds(60), pollInterval: Duration = .milliseconds(500), retryDelay: Duration = .seconds(1)) {
        self.outbox = outbox
        self.queue = queue
        self.clock = clock
        self.logger = logger
        self.pollInterval = pollInterval
        self.retryDelay = retryDelay.components.seconds * 1_000_000 + retryDelay.components.attoseconds / 1_000_000_000_000
        self.claims = JobClaims(prefix: "relay", lease: lease, limit: maxInFlight)
    }

    public func nudge() {
        claims.nudge()
    }

    public func waitUntilIdle(timeout: Duration) async throws {
        try await claims.waitUntilIdle(outbox, timeout: timeout)
    }

    public func run() async throws {
        await withDiscardingTaskGroup { group in
            group.addTask { await self.claims.tick(every: self.pollInterval) }
            nudge()
            for await _ in claims.wakeups.cancelOnGracefulShutdown() {
                let free = claims.free
                guard free > 0 else { continue }
                let now = clock.nowMicros()
                do {
                    let jobs = try await outbox.claim(limit: free, holder: claims.holder, now: now, leaseUntil: now + claims.leaseMicros)
                    for job in jobs {
                        if claims.start(job.id) {
                            group.addTask { await self.deliver(job) }
                        } else {
                            group.addTask { await self.claims.giveBack(job, to: self.outbox, at: self.clock.nowMicros()) }
                        }
                    }
                } catch {
                    logger.warning("outbox claim failed", metadata: ["error": "\(error)"])
                }
            }
            // A hand-over still waiting for the broker is abandoned; its claim is given back.
            group.cancelAll()
        }
    }

    private func deliver(_ job: PendingJob) async {
        let holder = claims.holder
        do {
            try await queue.enqueue(job)
            try await outbox.complete(id: job.id, holder: holder)
        } catch {
            let stopping = Task.isCancelled
            logger.log(level: stopping ? .debug : .warning, "job not handed over; it stays in the outbox", metadata: [
                "job.id": "\(job.id)", "job.name": "\(job.job.name)", "error": "\(error)",
            ])
            let at = stopping ? clock.nowMicros() : clock.nowMicros() + retryDelay
            // In a task of its own: a cancelled hand-over must still give its claim back.
            let outbox = self.outbox
            try? await Task { try await outbox.release(id: job.id, holder: holder, at: at) }.value
        }
        claims.finish(job.id)
    }
}
