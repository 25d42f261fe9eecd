import PostgresNIO
import StarlingCore

/// `OutboxStore` on PostgreSQL. A claim is one `UPDATE … RETURNING` over rows picked with
/// `FOR UPDATE SKIP LOCKED`, so concurrent claimers in any number of processes skip each other's
/// rows instead of waiting for them or taking them twice.
public struct PostgresOutboxStore: OutboxStore {
    let store: PostgresStore

    public init(store: PostgresStore) {
        self.store = store
    }

    public func append(_ job: Job) async throws {
        try await store.transaction { tx in try await tx.record(job) }
    }

    public func pending(limit: Int) async throws -> [Job] {
        try await store.rows("SELECT id, name, payload FROM outbox WHERE state = 'pending' ORDER BY id LIMIT \(limit)").map {
            let (id, name, payload) = try $0.decode((Int64, String, String).self)
            return Job(id: id, name: name, payload: payload)
        }
    }

    public func claim(limit: Int, holder: String, now: Int64, leaseUntil: Int64) async throws -> [PendingJob] {
        let rows = try await store.rows("""
            UPDATE outbox SET lease_holder = \(holder), lease_until = \(leaseUntil)
            WHERE id IN (SELECT id FROM outbox WHERE state = 'pending' AND next_attempt_at <= \(now) AND lease_until <= \(now)
                         ORDER BY next_attempt_at, id LIMIT \(limit) FOR UPDATE SKIP LOCKED)
            RETURNING id, name, payload, attempts, next_attempt_at
            """)
        return try rows.map {
            let (id, name, payload, attempts, due) = try $0.decode((Int64, String, String, Int32, Int64).self)
            return (due, PendingJob(job: Job(id: id, name: name, payload: payload), attempts: Int(attempts)))
        }
        .sorted { ($0.0, $0.1.id) < ($1.0, $1.1.id) }.map(\.1)
    }

    public func complete(id: Int64, holder: String) async throws {
        try await store.rows("DELETE FROM outbox WHERE id = \(id) AND lease_holder = \(holder)")
    }

    public func release(id: Int64, holder: String, at: Int64) async throws {
        try await store.rows("""
            UPDATE outbox SET lease_holder = NULL, lease_until = 0, next_attempt_at = \(at)
            WHERE id = \(id) AND lease_holder = \(holder)
            """)
    }

    public func reschedule(_ job: PendingJob, at: Int64, error: String) async throws {
        try await upsert(job, state: "pending", at: at, error: error)
    }

    public func bury(_ job: PendingJob, error: String) async throws {
        try await upsert(job, state: "dead", at: 0, error: error)
    }

    private func upsert(_ job: PendingJob, state: String, at: Int64, error: String) async throws {
        try await store.rows("""
            INSERT INTO outbox (id, name, payload, attempts, next_attempt_at, state, last_error, lease_holder, lease_until)
            VALUES (\(job.id), \(job.job.name), \(job.job.payload), \(Int32(clamping: job.attempts)), \(at), \(state), \(error), NULL, 0)
            ON CONFLICT (id) DO UPDATE SET attempts = EXCLUDED.attempts, next_attempt_at = EXCLUDED.next_attempt_at,
                state = EXCLUDED.state, last_error = EXCLUDED.last_error, lease_holder = NULL, lease_until = 0
            """)
    }

    public func dead(limit: Int) async throws -> [DeadJob] {
        try await store.rows("""
            SELECT id, name, payload, attempts, COALESCE(last_error, '') FROM outbox WHERE state = 'dead' ORDER BY id LIMIT \(limit)
            """).map {
            let (id, name, payload, attempts, error) = try $0.decode((Int64, String, String, Int32, String).self)
            return DeadJob(job: Job(id: id, name: name, payload: payload), attempts: Int(attempts), lastError: error)
        }
    }

    public func retry(id: Int64, now: Int64) async throws -> Bool {
        try await !store.rows("""
            UPDATE outbox SET state = 'pending', attempts = 0, next_attempt_at = \(now), lease_holder = NULL, lease_until = 0
            WHERE id = \(id) AND state = 'dead' RETURNING id
            """).isEmpty
    }

    public func discard(id: Int64) async throws -> Bool {
        try await !store.rows("DELETE FROM outbox WHERE id = \(id) AND state = 'dead' RETURNING id").isEmpty
    }
}
