import Accounts
import PostgresNIO
import StarlingCore

/// `SessionRepository` on PostgreSQL.
public struct PostgresSessionRepository: SessionRepository {
    let store: PostgresStore

    public init(store: PostgresStore) {
        self.store = store
    }

    public func create(tokenHash: String, userID: Int64, expiresAt: Int64) async throws {
        try await store.rows("INSERT INTO sessions (token_hash, user_id, expires_at) VALUES (\(tokenHash), \(userID), \(expiresAt))")
    }

    public func session(tokenHash: String, now: Int64) async throws -> LiveSession? {
        try await store.rows("SELECT user_id, expires_at FROM sessions WHERE token_hash = \(tokenHash) AND expires_at > \(now)")
            .first.map { row in
                let (userID, expiresAt) = try row.decode((Int64, Int64).self)
                return LiveSession(userID: userID, expiresAt: expiresAt)
            }
    }

    public func delete(tokenHash: String, job: Job) async throws -> Bool {
        try await store.transaction { tx in
            guard try await !tx.rows("DELETE FROM sessions WHERE token_hash = \(tokenHash) RETURNING user_id").isEmpty else { return false }
            try await tx.record(job)
            return true
        }
    }
}
