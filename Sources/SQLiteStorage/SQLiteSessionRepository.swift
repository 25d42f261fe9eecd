import Accounts
import SQLiteDriver
import StarlingCore

/// `SessionRepository` on SQLite.
public struct SQLiteSessionRepository: SessionRepository {
    let store: SQLiteStore

    public init(store: SQLiteStore) {
        self.store = store
    }

    public func create(tokenHash: String, userID: Int64, expiresAt: Int64) async throws {
        try await store.write { tx in
            try tx.execute("INSERT INTO sessions (token_hash, user_id, expires_at) VALUES (?, ?, ?)",
                                 [tokenHash.sqlite, userID.sqlite, expiresAt.sqlite])
        }
    }

    public func session(tokenHash: String, now: Int64) async throws -> LiveSession? {
        try await store.read("SELECT user_id, expires_at FROM sessions WHERE token_hash = ? AND expires_at > ?",
                             [tokenHash.sqlite, now.sqlite]).first.map { LiveSession(userID: $0.int64("user_id"), expiresAt: $0.int64("expires_at")) }
    }

    public func delete(tokenHash: String, job: Job) async throws -> Bool {
        try await store.write { tx in
            guard try tx.change("DELETE FROM sessions WHERE token_hash = ?", [tokenHash.sqlite]) > 0 else { return false }
            try tx.record(job)
            return true
        }
    }
}
