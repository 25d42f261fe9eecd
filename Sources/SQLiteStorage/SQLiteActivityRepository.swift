import Accounts
import SQLiteDriver
import StarlingCore

/// `ActivityRepository` on SQLite: two columns of `users`. A user's activity is their last
/// recorded one, or their sign-up (`last_active_at` 0: never recorded).
public struct SQLiteActivityRepository: ActivityRepository {
    let store: SQLiteStore

    public init(store: SQLiteStore) {
        self.store = store
    }

    public func recordActivity(userID: Int64, at now: Int64, inactiveBefore: Int64, restore: Job) async throws -> Bool {
        try await store.write { tx in
            guard let row = try tx.execute(
                "SELECT max(created_at, last_active_at) AS active, feed_stale_since FROM users WHERE id = ?", [userID.sqlite]).first
            else { return false }
            let previous = row.int64("active")
            let stale = row.int64("feed_stale_since")
            let returning = previous < inactiveBefore
            try tx.execute("UPDATE users SET last_active_at = max(last_active_at, ?), feed_stale_since = ? WHERE id = ?",
                                 [now.sqlite, (returning && stale == 0 ? previous : stale).sqlite, userID.sqlite])
            if returning { try tx.record(restore) }
            return returning
        }
    }

    public func active(among userIDs: [Int64], since: Int64) async throws -> Set<Int64> {
        guard !userIDs.isEmpty else { return [] }
        let rows = try await store.read(Self.active, [SQL.idArray(userIDs), since.sqlite])
        return Set(rows.map { $0.int64("id") })
    }

    /// Those of the ids in the JSON array ?1 active since ?2. One statement text whatever the
    /// number of ids (a fanout asks for each batch of followers): with an `IN (?, ?, …)` list per
    /// number, each reader kept a prepared statement for every follower count it met, some 1.4 MB
    /// of them per reader in a `scripts/bench` POST burst.
    static let active = """
        SELECT u.id FROM json_each(?1) AS j CROSS JOIN users AS u ON u.id = j.value
        WHERE max(u.created_at, u.last_active_at) >= ?2
        """

    public func feedStaleSince(userID: Int64) async throws -> Int64? {
        let since = try await store.read("SELECT feed_stale_since FROM users WHERE id = ?", [userID.sqlite]).first?.int64("feed_stale_since")
        return since.flatMap { $0 == 0 ? nil : $0 }
    }

    public func markFeedCurrent(userID: Int64, staleSince since: Int64) async throws {
        _ = try await store.write { tx in
            try tx.change("UPDATE users SET feed_stale_since = 0 WHERE id = ? AND feed_stale_since = ?", [userID.sqlite, since.sqlite])
        }
    }
}
