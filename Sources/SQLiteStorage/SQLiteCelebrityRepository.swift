import Friendships
import SQLiteDriver
import StarlingCore

/// `CelebrityRepository` on SQLite: the `celebrities` table, one row per flagged user. The sweep
/// counts followers with one scan of the friendships index by followee.
public struct SQLiteCelebrityRepository: CelebrityRepository {
    let store: SQLiteStore

    public init(store: SQLiteStore) {
        self.store = store
    }

    public func celebritySince(_ userID: Int64) async throws -> Int64? {
        try await store.read("SELECT since FROM celebrities WHERE user_id = ?", [userID.sqlite]).first?.int64("since")
    }

    public func flag(_ userID: Int64, since: Int64, pinned: Bool) async throws -> Bool {
        try await store.write { tx in
            let updated = try tx.change("UPDATE celebrities SET pinned = ? WHERE user_id = ?", [(pinned ? 1 : 0).sqlite, userID.sqlite])
            guard updated == 0 else { return false }
            try tx.execute("INSERT INTO celebrities (user_id, since, pinned) VALUES (?, ?, ?)",
                                 [userID.sqlite, since.sqlite, (pinned ? 1 : 0).sqlite])
            return true
        }
    }

    public func unflag(_ userID: Int64, backfill: @escaping @Sendable (Int64) -> Job) async throws -> Bool {
        try await store.write { tx in
            guard let since = try tx.execute("SELECT since FROM celebrities WHERE user_id = ?", [userID.sqlite]).first?.int64("since")
            else { return false }
            try tx.execute("DELETE FROM celebrities WHERE user_id = ?", [userID.sqlite])
            try tx.record(backfill(since))
            return true
        }
    }

    public func risen(followers: Int) async throws -> [Int64] {
        try await store.read("""
            SELECT to_user_id FROM friendships WHERE to_user_id NOT IN (SELECT user_id FROM celebrities)
            GROUP BY to_user_id HAVING COUNT(*) >= ? ORDER BY to_user_id
            """, [followers.sqlite]).map { $0.int64("to_user_id") }
    }

    public func fallen(followers: Int) async throws -> [Int64] {
        try await store.read("""
            SELECT user_id FROM celebrities c WHERE pinned = 0
            AND (SELECT COUNT(*) FROM friendships f WHERE f.to_user_id = c.user_id) < ? ORDER BY user_id
            """, [followers.sqlite]).map { $0.int64("user_id") }
    }
}
