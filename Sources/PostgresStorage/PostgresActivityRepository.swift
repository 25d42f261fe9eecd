import Accounts
import PostgresNIO
import StarlingCore

/// `ActivityRepository` on PostgreSQL: two columns of `users`. A user's activity is their last
/// recorded one, or their sign-up (`last_active_at` 0: never recorded).
public struct PostgresActivityRepository: ActivityRepository {
    let store: PostgresStore

    public init(store: PostgresStore) {
        self.store = store
    }

    public func recordActivity(userID: Int64, at now: Int64, inactiveBefore: Int64, restore: Job) async throws -> Bool {
        try await store.transaction { tx in
            guard let row = try await tx.rows(
                "SELECT GREATEST(created_at, last_active_at), feed_stale_since FROM users WHERE id = \(userID) FOR UPDATE").first
            else { return false }
            let (previous, stale) = try row.decode((Int64, Int64).self)
            let returning = previous < inactiveBefore
            let staleSince = returning && stale == 0 ? previous : stale
            try await tx.rows("""
                UPDATE users SET last_active_at = GREATEST(last_active_at, \(now)), feed_stale_since = \(staleSince) WHERE id = \(userID)
                """)
            if returning { try await tx.record(restore) }
            return returning
        }
    }

    public func active(among userIDs: [Int64], since: Int64) async throws -> Set<Int64> {
        guard !userIDs.isEmpty else { return [] }
        let rows = try await store.rows(
            "SELECT id FROM users WHERE id = ANY(\(userIDs)) AND GREATEST(created_at, last_active_at) >= \(since)")
        return Set(try rows.map { try $0.decode(Int64.self) })
    }

    public func feedStaleSince(userID: Int64) async throws -> Int64? {
        let since = try await store.rows("SELECT feed_stale_since FROM users WHERE id = \(userID)").first?.decode(Int64.self)
        return since.flatMap { $0 == 0 ? nil : $0 }
    }

    public func markFeedCurrent(userID: Int64, staleSince since: Int64) async throws {
        try await store.rows("UPDATE users SET feed_stale_since = 0 WHERE id = \(userID) AND feed_stale_since = \(since)")
    }
}
