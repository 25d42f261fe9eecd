import Logging
import ServiceLifecycle
import StarlingCore

/// Runs outbox jobs in this process: claims due jobs with a lease, runs each through the
/// `JobRunner`, and records the outcome. Any number of workers, in any number of processes, may
/// share one outbox: a claim is exclusive while its lease lasts, and a job whose worker died is
/// claimed again once its lease ran out.
///
/// It claims only as many jobs as it has free worker slots, so nothing waits claimed but unrun. On
/// graceful shutdown it stops claiming and lets the jobs it runs finish.
public final class OutboxWorker: OutboxProcessor {
    private let outbox: any OutboxStore
    private let runner: JobRunner
    private let clock: any WallClock
    private let logger: Logger
    private let pollInterval: Duration
    private let claims: JobClaims

    /// - Parameters:
    ///   - workers: jobs run at once.
    ///   - lease: how long a claim lasts; a job still running after it may be claimed again.
    ///   - pollInterval: how often the outbox is read when nobody nudges (jobs of other processes,
    ///     retries coming due).
    public init(outbox: any OutboxStore, runner: JobRunner, clock: any WallClock, logger: Logger, workers: Int = 4,
                lease: Duration = .seconds(60), pollInterval: Duration = .milliseconds(500)) {
        self.outbox = outbox
        self.runner = runner
        self.clock = clock
        self.logger = logger
        self.pollInterval = pollInterval
        self.claims = JobClaims(prefix: "worker", lease: lease, limit: workers)
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
                await claimAndStart(in: &group)
            }
            // The tasks still running finish their job before the group returns.
        }
    }

    private func claimAndStart(in group: inout DiscardingTaskGroup) async {
        let free = claims.free
        guard free > 0 else { return }
        let now = clock.nowMicros()
        let jobs: [PendingJob]
        do {
            jobs = try await outbox.claim(limit: free, holder: claims.holder, now: now, leaseUntil: now + claims.leaseMicros)
        } catch {
            logger.warning("outbox claim failed", metadata: ["error": "\(error)"])
            return
        }
        for job in jobs {
            if claims.start(job.id) {
                group.addTask { await self.execute(job) }
            } else {
                // Still running here after its lease ran out: give the new claim back at once.
                group.addTask { await self.claims.giveBack(job, to: self.outbox, at: self.clock.nowMicros()) }
            }
        }
        if jobs.count == free { nudge() }
    }

    private func execute(_ job: PendingJob) async {
        let outcome = await runner.run(job)
        // No longer ours to run: until the outcome is recorded the row stays leased, so no claim
        // takes it; once recorded, a claim of ours may take it again.
        claims.finish(job.id)
        // The store may be down for a moment (a restart): keep trying to record the outcome, with
        // a short back-off, for as long as the lease would keep the job ours (at most 30 s), so a
        // job that ran is not run again a whole lease later.
        let deadline = ContinuousClock.now + .microseconds(min(claims.leaseMicros, 30_000_000))
        var pause = Duration.milliseconds(100)
        while true {
            do {
                try await runner.record(outcome, of: job, holder: claims.holder, in: outbox)
                break
            } catch {
                guard ContinuousClock.now + pause < deadline else {
                    logger.warning("job outcome not recorded; it runs again when its lease ends", metadata: [
                        "job.id": "\(job.id)", "job.name": "\(job.job.name)", "error": "\(error)",
                    ])
                    break
                }
                try? await Task.sleep(for: pause)
                pause = min(pause * 2, .seconds(2))
            }
        }
        claims.nudge()
    }
}
