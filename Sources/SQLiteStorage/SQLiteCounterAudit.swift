import Likes
import StarlingCore

/// `CounterAudit` on SQLite: the shared runner in one write transaction, so no counter moves
/// while it is audited and repaired.
public struct SQLiteCounterAudit: CounterAudit {
    let store: SQLiteStore

    public init(store: SQLiteStore) {
        self.store = store
    }

    public func mismatches(repair: Bool) async throws -> [CounterMismatch] {
        try await store.writeSession { tx in
            try await CounterAuditRunner().mismatches(repair: repair, in: SQLiteCounterAuditSession(transaction: tx))
        }
    }
}
