import SQLiteDriver
import StarlingCore

/// `NodeSlotStore` on SQLite: leased rows of `node_slots`, taken in a write transaction, which
/// SQLite serializes across the processes sharing the file.
public struct SQLiteNodeSlots: NodeSlotStore {
    let store: SQLiteStore

    public init(store: SQLiteStore) {
        self.store = store
    }

    public func acquire(holder: String, now: Int64, until: Int64) async throws -> Int? {
        try await store.write { tx in
            try tx.execute("""
                UPDATE node_slots SET holder = ?, lease_until = ?
                WHERE slot = (SELECT slot FROM node_slots WHERE lease_until <= ? ORDER BY slot LIMIT 1)
                RETURNING slot
                """, [holder.sqlite, until.sqlite, now.sqlite]).first?.int("slot")
        }
    }

    public func renew(slot: Int, holder: String, until: Int64) async throws -> Bool {
        try await store.write { tx in
            try tx.change("UPDATE node_slots SET lease_until = ? WHERE slot = ? AND holder = ?",
                                [until.sqlite, slot.sqlite, holder.sqlite])
        } > 0
    }

    public func release(slot: Int, holder: String) async throws {
        try await store.write { tx in
            try tx.execute("UPDATE node_slots SET holder = NULL, lease_until = 0 WHERE slot = ? AND holder = ?",
                                 [slot.sqlite, holder.sqlite])
        }
    }
}
