import Logging
import StarlingCore

/// Runs one job through the `JobHandlers` and decides what becomes of it: done, tried again later
/// (exponential back-off), or dead (too many failures, or no handler). Retry, back-off and
/// dead-lettering are written here once, for the in-process worker and for any broker's consumer.
public struct JobRunner: Sendable {
    /// What became of one attempt.
    public enum Outcome: Sendable, Equatable {
        /// It ran: the job is finished.
        case done
        /// It failed and runs again at `at` (µs since the epoch).
        case retry(at: Int64, error: String)
        /// It will not run again until an operator says so.
        case dead(error: String)
    }

    public let handlers: JobHandlers
    public let policy: RetryPolicy
    private let clock: any WallClock
    private let logger: Logger

    public init(handlers: JobHandlers, policy: RetryPolicy = RetryPolicy(), clock: any WallClock, logger: Logger) {
        self.handlers = handlers
        self.policy = policy
        self.clock = clock
        self.logger = logger
    }

    /// Runs `job` once and says what should become of it.
    public func run(_ job: PendingJob) async -> Outcome {
        let started = ContinuousClock.now
        let outcome = await attempt(job)
        StarlingMetrics.jobRan(job.job.name, duration: ContinuousClock.now - started, failed: outcome != .done,
                               dead: { if case .dead = outcome { true } else { false } }())
        return outcome
    }

    private func attempt(_ job: PendingJob) async -> Outcome {
        do {
            try await handlers.run(job.job)
            return .done
        } catch let error as JobHandlers.UnknownJob {
            logger.error("job has no handler; it is dead", metadata: ["job.id": "\(job.id)", "job.name": "\(error.name)"])
            return .dead(error: "no handler for job \(error.name)")
        } catch {
            let failures = job.attempts + 1
            let text = String(describing: error)
            if failures >= policy.maxAttempts {
                logger.error("job failed for the last time; it is dead", metadata: [
                    "job.id": "\(job.id)", "job.name": "\(job.job.name)", "attempts": "\(failures)", "error": "\(text)",
                ])
                return .dead(error: text)
            }
            logger.warning("job failed; it will be retried", metadata: [
                "job.id": "\(job.id)", "job.name": "\(job.job.name)", "attempts": "\(failures)", "error": "\(text)",
            ])
            return .retry(at: clock.nowMicros() + policy.delay(afterFailures: failures), error: text)
        }
    }

    /// Writes `outcome` to the outbox: a finished job is deleted if `holder` still holds it (a job a
    /// broker delivered, `holder` nil, was deleted when the broker took it); a failed one is recorded
    /// with one more failure, to run again or dead.
    public func record(_ outcome: Outcome, of job: PendingJob, holder: String?, in outbox: any OutboxStore) async throws {
        var failed = job
        failed.attempts += 1
        switch outcome {
        case .done:
            if let holder { try await outbox.complete(id: job.id, holder: holder) }
        case .retry(let at, let error):
            try await outbox.reschedule(failed, at: at, error: error)
        case .dead(let error):
            try await outbox.bury(failed, error: error)
        }
    }

    /// Runs `job` and records the outcome.
    @discardableResult
    public func process(_ job: PendingJob, holder: String?, in outbox: any OutboxStore) async throws -> Outcome {
        let outcome = await run(job)
        try await record(outcome, of: job, holder: holder, in: outbox)
        return outcome
    }
}
