import PostgresNIO
import StarlingCore

/// `OutboxStore` on PostgreSQL.
public struct PostgresOutboxStore: OutboxStore {
    let store: PostgresStore

    public init(store: PostgresStore) {
        self.store = store
    }

    public func pending(limit: Int) async throws -> [Job] {
        try await store.rows("SELECT id, name, payload FROM outbox ORDER BY id LIMIT \(limit)").map {
            let (id, name, payload) = try $0.decode((Int64, String, String).self)
            return Job(id: id, name: name, payload: payload)
        }
    }

    public func delete(id: Int64) async throws {
        try await store.rows("DELETE FROM outbox WHERE id = \(id)")
    }

    public func append(_ job: Job) async throws {
        try await store.transaction { tx in try await tx.record(job) }
    }
}
