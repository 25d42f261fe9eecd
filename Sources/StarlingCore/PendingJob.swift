/// A job taken from the outbox to run, with the number of attempts that failed before.
public struct PendingJob: Sendable, Hashable, Codable {
    public var job: Job
    /// Failed attempts so far.
    public var attempts: Int

    public init(job: Job, attempts: Int = 0) {
        self.job = job
        self.attempts = attempts
    }

    public var id: Int64 { job.id }
}
