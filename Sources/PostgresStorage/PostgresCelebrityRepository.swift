import Friendships
import PostgresNIO
import StarlingCore

/// `CelebrityRepository` on PostgreSQL: the `celebrities` table, one row per flagged user. The
/// sweep counts followers with one scan of the friendships index by followee.
public struct PostgresCelebrityRepository: CelebrityRepository {
    let store: PostgresStore

    public init(store: PostgresStore) {
        self.store = store
    }

    public func celebritySince(_ userID: Int64) async throws -> Int64? {
        try await store.rows("SELECT since FROM celebrities WHERE user_id = \(userID)").first?.decode(Int64.self)
    }

    public func flag(_ userID: Int64, since: Int64, pinned: Bool) async throws -> Bool {
        let rows = try await store.rows("""
            INSERT INTO celebrities (user_id, since, pinned) VALUES (\(userID), \(since), \(pinned))
            ON CONFLICT (user_id) DO UPDATE SET pinned = EXCLUDED.pinned RETURNING (xmax = 0)
            """)
        return try rows.first?.decode(Bool.self) ?? false
    }

    public func unflag(_ userID: Int64, backfill: @escaping @Sendable (Int64) -> Job) async throws -> Bool {
        try await store.transaction { tx in
            guard let since = try await tx.rows("DELETE FROM celebrities WHERE user_id = \(userID) RETURNING since").first?.decode(Int64.self)
            else { return false }
            try await tx.record(backfill(since))
            return true
        }
    }

    public func risen(followers: Int) async throws -> [Int64] {
        try await store.rows("""
            SELECT to_user_id FROM friendships WHERE to_user_id NOT IN (SELECT user_id FROM celebrities)
            GROUP BY to_user_id HAVING COUNT(*) >= \(followers) ORDER BY to_user_id
            """).map { try $0.decode(Int64.self) }
    }

    public func fallen(followers: Int) async throws -> [Int64] {
        try await store.rows("""
            SELECT user_id FROM celebrities c WHERE NOT pinned
            AND (SELECT COUNT(*) FROM friendships f WHERE f.to_user_id = c.user_id) < \(followers) ORDER BY user_id
            """).map { try $0.decode(Int64.self) }
    }
}
