import SQLiteDriver
import StarlingCore

/// `OutboxStore` on SQLite. A claim is one `UPDATE … RETURNING` in a write transaction, which
/// SQLite serializes across connections and processes (`BEGIN IMMEDIATE` under WAL), so two
/// claimers — in this process or in another on the same file — never take the same job.
public struct SQLiteOutboxStore: OutboxStore {
    let store: SQLiteStore

    public init(store: SQLiteStore) {
        self.store = store
    }

    public func append(_ job: Job) async throws {
        try await store.write { tx in try tx.record(job) }
    }

    public func pending(limit: Int) async throws -> [Job] {
        try await store.read("SELECT id, name, payload FROM outbox WHERE state = 'pending' ORDER BY id LIMIT ?", [limit.sqlite])
            .map { Job(id: $0.int64("id"), name: $0.string("name"), payload: $0.string("payload")) }
    }

    public func claim(limit: Int, holder: String, now: Int64, leaseUntil: Int64) async throws -> [PendingJob] {
        let rows = try await store.write { tx in
            try tx.execute("""
                UPDATE outbox SET lease_holder = ?, lease_until = ?
                WHERE id IN (SELECT id FROM outbox WHERE state = 'pending' AND next_attempt_at <= ? AND lease_until <= ?
                             ORDER BY next_attempt_at, id LIMIT ?)
                RETURNING id, name, payload, attempts, next_attempt_at
                """, [holder.sqlite, leaseUntil.sqlite, now.sqlite, now.sqlite, limit.sqlite])
        }
        return rows.map { ($0.int64("next_attempt_at"), PendingJob(job: Job(id: $0.int64("id"), name: $0.string("name"),
                                                                             payload: $0.string("payload")),
                                                                   attempts: $0.int("attempts"))) }
            .sorted { ($0.0, $0.1.id) < ($1.0, $1.1.id) }.map(\.1)
    }

    public func complete(id: Int64, holder: String) async throws {
        try await store.write { tx in
            try tx.execute("DELETE FROM outbox WHERE id = ? AND lease_holder = ?", [id.sqlite, holder.sqlite])
        }
    }

    public func release(id: Int64, holder: String, at: Int64) async throws {
        try await store.write { tx in
            try tx.execute("""
                UPDATE outbox SET lease_holder = NULL, lease_until = 0, next_attempt_at = ? WHERE id = ? AND lease_holder = ?
                """, [at.sqlite, id.sqlite, holder.sqlite])
        }
    }

    public func reschedule(_ job: PendingJob, at: Int64, error: String) async throws {
        try await upsert(job, state: "pending", at: at, error: error)
    }

    public func bury(_ job: PendingJob, error: String) async throws {
        try await upsert(job, state: "dead", at: 0, error: error)
    }

    private func upsert(_ job: PendingJob, state: String, at: Int64, error: String) async throws {
        try await store.write { tx in
            try tx.execute("""
                INSERT INTO outbox (id, name, payload, attempts, next_attempt_at, state, last_error, lease_holder, lease_until)
                VALUES (?, ?, ?, ?, ?, ?, ?, NULL, 0)
                ON CONFLICT (id) DO UPDATE SET attempts = excluded.attempts, next_attempt_at = excluded.next_attempt_at,
                    state = excluded.state, last_error = excluded.last_error, lease_holder = NULL, lease_until = 0
                """, [job.id.sqlite, job.job.name.sqlite, job.job.payload.sqlite, job.attempts.sqlite, at.sqlite, state.sqlite,
                      error.sqlite])
        }
    }

    public func dead(limit: Int) async throws -> [DeadJob] {
        try await store.read("""
            SELECT id, name, payload, attempts, last_error FROM outbox WHERE state = 'dead' ORDER BY id LIMIT ?
            """, [limit.sqlite]).map {
            DeadJob(job: Job(id: $0.int64("id"), name: $0.string("name"), payload: $0.string("payload")),
                    attempts: $0.int("attempts"), lastError: $0.optionalString("last_error") ?? "")
        }
    }

    public func retry(id: Int64, now: Int64) async throws -> Bool {
        try await store.write { tx in
            try tx.change("""
                UPDATE outbox SET state = 'pending', attempts = 0, next_attempt_at = ?, lease_holder = NULL, lease_until = 0
                WHERE id = ? AND state = 'dead'
                """, [now.sqlite, id.sqlite])
        } > 0
    }

    public func discard(id: Int64) async throws -> Bool {
        try await store.write { tx in
            try tx.change("DELETE FROM outbox WHERE id = ? AND state = 'dead'", [id.sqlite])
        } > 0
    }
}
