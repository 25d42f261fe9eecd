/// The in-memory outbox, shared by the in-memory repositories.
public actor MemoryOutbox: OutboxStore {
    private struct Row {
        var job: Job
        var attempts = 0
        var nextAttemptAt: Int64 = 0
        var holder: String?
        var leaseUntil: Int64 = 0
        var dead = false
        var lastError = ""
    }

    private var rows: [Int64: Row] = [:]

    public init() {}

    /// Records a job (the in-memory stand-in for an insert inside a transaction).
    public func append(_ job: Job) {
        StarlingMetrics.jobEnqueued(job.name)
        rows[job.id] = Row(job: job)
    }

    public func pending(limit: Int) -> [Job] {
        Array(rows.values.filter { !$0.dead }.map(\.job).sorted { $0.id < $1.id }.prefix(limit))
    }

    public func claim(limit: Int, holder: String, now: Int64, leaseUntil: Int64) -> [PendingJob] {
        let due = rows.values.filter { !$0.dead && $0.nextAttemptAt <= now && $0.leaseUntil <= now }
            .sorted { ($0.nextAttemptAt, $0.job.id) < ($1.nextAttemptAt, $1.job.id) }
            .prefix(limit)
        return due.map { row in
            rows[row.job.id]?.holder = holder
            rows[row.job.id]?.leaseUntil = leaseUntil
            return PendingJob(job: row.job, attempts: row.attempts)
        }
    }

    public func complete(id: Int64, holder: String) {
        if rows[id]?.holder == holder { rows[id] = nil }
    }

    public func release(id: Int64, holder: String, at: Int64) {
        guard rows[id]?.holder == holder else { return }
        rows[id]?.holder = nil
        rows[id]?.leaseUntil = 0
        rows[id]?.nextAttemptAt = at
    }

    public func reschedule(_ job: PendingJob, at: Int64, error: String) {
        rows[job.id] = Row(job: job.job, attempts: job.attempts, nextAttemptAt: at, lastError: error)
    }

    public func bury(_ job: PendingJob, error: String) {
        rows[job.id] = Row(job: job.job, attempts: job.attempts, dead: true, lastError: error)
    }

    public func dead(limit: Int) -> [DeadJob] {
        Array(rows.values.filter(\.dead).sorted { $0.job.id < $1.job.id }.prefix(limit)
            .map { DeadJob(job: $0.job, attempts: $0.attempts, lastError: $0.lastError) })
    }

    public func retry(id: Int64, now: Int64) -> Bool {
        guard let row = rows[id], row.dead else { return false }
        rows[id] = Row(job: row.job, nextAttemptAt: now)
        return true
    }

    public func discard(id: Int64) -> Bool {
        guard let row = rows[id], row.dead else { return false }
        rows[id] = nil
        return true
    }
}
