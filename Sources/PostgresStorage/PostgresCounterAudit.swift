import Likes
import StarlingCore

/// `CounterAudit` on PostgreSQL: the shared runner in one transaction.
///
/// A repair first takes `SHARE` locks on likes, comments and tweets: every change to a counter
/// happens in the transaction that writes one of those rows (a retweet is a tweet row), so while
/// the locks are held no counter moves, and none is set from a count that is already stale.
public struct PostgresCounterAudit: CounterAudit {
    let store: PostgresStore

    public init(store: PostgresStore) {
        self.store = store
    }

    public func mismatches(repair: Bool) async throws -> [CounterMismatch] {
        try await store.transaction(timeout: PostgresStore.maintenanceTimeout) { tx in
            if repair { try await tx.rows("LOCK TABLE likes, comments, tweets IN SHARE MODE") }
            return try await CounterAuditRunner().mismatches(repair: repair, in: PostgresCounterAuditSession(transaction: tx))
        }
    }
}
