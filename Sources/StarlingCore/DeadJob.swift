/// A job that will not be run again unless an operator retries it: it failed too often or no
/// handler knows its name.
public struct DeadJob: Sendable, Hashable {
    public var job: Job
    /// Attempts that failed.
    public var attempts: Int
    /// What the last attempt said.
    public var lastError: String

    public init(job: Job, attempts: Int, lastError: String) {
        self.job = job
        self.attempts = attempts
        self.lastError = lastError
    }
}
