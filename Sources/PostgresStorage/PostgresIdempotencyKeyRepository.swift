import MastodonClients
import PostgresNIO
import StarlingCore

/// `IdempotencyKeyRepository` on PostgreSQL.
public struct PostgresIdempotencyKeyRepository: IdempotencyKeyRepository {
    let store: PostgresStore

    public init(store: PostgresStore) {
        self.store = store
    }

    public func statusID(userID: Int64, key: String) async throws -> Int64? {
        try await store.rows("SELECT status_id FROM mastodon_idempotency_keys WHERE user_id = \(userID) AND idempotency_key = \(key)")
            .first?.decode(Int64.self)
    }

    public func record(userID: Int64, key: String, statusID: Int64, createdAt: Int64) async throws -> Int64 {
        try await store.transaction { tx in
            try await tx.rows("""
                INSERT INTO mastodon_idempotency_keys (user_id, idempotency_key, status_id, created_at)
                VALUES (\(userID), \(key), \(statusID), \(createdAt)) ON CONFLICT (user_id, idempotency_key) DO NOTHING
                """)
            return try await tx.rows("SELECT status_id FROM mastodon_idempotency_keys WHERE user_id = \(userID) AND idempotency_key = \(key)")
                .first?.decode(Int64.self) ?? statusID
        }
    }
}
