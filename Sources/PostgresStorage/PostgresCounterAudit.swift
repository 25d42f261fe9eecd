import Likes
import PostgresNIO
import StarlingCore

/// `CounterAudit` on PostgreSQL: compares `likes_count` and `comments_count` with their rows.
///
/// Each counter is compared in one statement, so stored and actual values come from one
/// snapshot. A repair first takes `SHARE` locks on likes and comments: every change to a
/// counter happens in the transaction that writes one of those rows, so while the locks are held
/// no counter moves, and none is set from a count that is already stale.
public struct PostgresCounterAudit: CounterAudit {
    let store: PostgresStore

    public init(store: PostgresStore) {
        self.store = store
    }

    public func mismatches(repair: Bool) async throws -> [CounterMismatch] {
        try await store.transaction(timeout: PostgresStore.maintenanceTimeout) { tx in
            if repair { try await tx.rows("LOCK TABLE likes, comments IN SHARE MODE") }
            var found: [CounterMismatch] = []
            for check in CounterCheck.all {
                let wrong = """
                    SELECT id, stored, actual FROM (
                        SELECT t.id, t.\(check.column)::BIGINT AS stored, \(check.actual) AS actual FROM \(check.table) t
                    ) counted WHERE stored <> actual
                    """
                let fix = """
                    , fixed AS (UPDATE \(check.table) t SET \(check.column) = w.actual FROM wrong w WHERE t.id = w.id)
                    """
                let rows = try await tx.rows(PostgresQuery(unsafeSQL: """
                    WITH wrong AS (\(wrong))\(repair ? fix : "") SELECT id, stored, actual FROM wrong ORDER BY id
                    """))
                for row in rows {
                    let (id, stored, actual) = try row.decode((Int64, Int, Int).self)
                    found.append(CounterMismatch(table: check.table, id: id, column: check.column, stored: stored, actual: actual))
                }
            }
            return found
        }
    }
}
