/// The outbox: jobs recorded in the same transaction as the change that needs them.
///
/// Repositories append to it inside their own transactions; the relay reads and deletes.
public protocol OutboxStore: Sendable {
    /// The oldest jobs still waiting, oldest first.
    func pending(limit: Int) async throws -> [Job]
    /// Removes a job once the queue is responsible for it.
    func delete(id: Int64) async throws
    /// Records a job on its own, outside any other change (a cache invalidation to retry).
    func append(_ job: Job) async throws
}

/// The in-memory outbox, shared by the in-memory repositories.
public actor MemoryOutbox: OutboxStore {
    private var jobs: [Int64: Job] = [:]

    public init() {}

    /// Records a job (the in-memory stand-in for an insert inside a transaction).
    public func append(_ job: Job) {
        jobs[job.id] = job
    }

    public func pending(limit: Int) -> [Job] {
        Array(jobs.values.sorted { $0.id < $1.id }.prefix(limit))
    }

    public func delete(id: Int64) {
        jobs[id] = nil
    }
}
