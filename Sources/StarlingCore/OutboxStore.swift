/// The outbox: jobs recorded in the same transaction as the change that needs them, and the one
/// place where a job's retries and death are kept.
///
/// Repositories append to it inside their own transactions. Workers (or a relay feeding a broker)
/// *claim* due jobs with a lease, so several processes never run one job at once; a lease that runs
/// out (its process died) frees the job for another claim. A failed attempt is written back with its
/// count and the time of the next attempt, so back-off survives restarts and never delays newer
/// jobs; a job that cannot succeed moves to the dead state, where an operator retries or discards it.
/// Times are microseconds since the Unix epoch, from the caller's clock.
public protocol OutboxStore: Sendable {
    /// Records a job on its own, outside any other change (a cache invalidation to retry).
    func append(_ job: Job) async throws
    /// Jobs not dead, claimed or not, due or not, oldest first.
    func pending(limit: Int) async throws -> [Job]
    /// Claims up to `limit` jobs that are due at `now` and not leased, earliest next attempt first,
    /// leasing them to `holder` until `leaseUntil`. Two claims never return the same job while its
    /// lease lasts.
    func claim(limit: Int, holder: String, now: Int64, leaseUntil: Int64) async throws -> [PendingJob]
    /// Deletes a job `holder` claimed, once it ran or a broker took it over. Does nothing when the
    /// job was recorded again meanwhile (`reschedule`, `bury`) or is leased by another holder.
    func complete(id: Int64, holder: String) async throws
    /// Gives back a job `holder` claimed and did not run; it is due again at `at`.
    func release(id: Int64, holder: String, at: Int64) async throws
    /// Records a failed attempt: the job (inserted again if a broker took it) waits until `at`
    /// with `job.attempts` failures and `error`, unleased.
    func reschedule(_ job: PendingJob, at: Int64, error: String) async throws
    /// Records a job as dead with `job.attempts` failures and `error` (inserted again if needed).
    func bury(_ job: PendingJob, error: String) async throws
    /// Dead jobs, oldest first.
    func dead(limit: Int) async throws -> [DeadJob]
    /// Makes a dead job pending again, due at `now` with no failures; false if no such dead job.
    func retry(id: Int64, now: Int64) async throws -> Bool
    /// Deletes a dead job for good; false if no such dead job.
    func discard(id: Int64) async throws -> Bool
}
