import MastodonClients
import SQLiteDriver
import StarlingCore

/// `IdempotencyKeyRepository` on SQLite.
public struct SQLiteIdempotencyKeyRepository: IdempotencyKeyRepository {
    let store: SQLiteStore

    public init(store: SQLiteStore) {
        self.store = store
    }

    public func statusID(userID: Int64, key: String) async throws -> Int64? {
        try await store.read("SELECT status_id FROM mastodon_idempotency_keys WHERE user_id = ? AND idempotency_key = ?",
                             [userID.sqlite, key.sqlite]).first.map { $0.int64("status_id") }
    }

    public func record(userID: Int64, key: String, statusID: Int64, createdAt: Int64) async throws -> Int64 {
        try await store.write { tx in
            try tx.execute("""
                INSERT INTO mastodon_idempotency_keys (user_id, idempotency_key, status_id, created_at) VALUES (?, ?, ?, ?)
                ON CONFLICT (user_id, idempotency_key) DO NOTHING
                """, [userID.sqlite, key.sqlite, statusID.sqlite, createdAt.sqlite])
            return try tx.execute("SELECT status_id FROM mastodon_idempotency_keys WHERE user_id = ? AND idempotency_key = ?",
                                        [userID.sqlite, key.sqlite]).first?.int64("status_id") ?? statusID
        }
    }
}
