import PostgresNIO
import StarlingCore

/// `NodeSlotStore` on PostgreSQL: leased rows of `node_slots`; concurrent starts skip each other's
/// candidate row (`FOR UPDATE SKIP LOCKED`), so each gets its own slot.
public struct PostgresNodeSlots: NodeSlotStore {
    let store: PostgresStore

    public init(store: PostgresStore) {
        self.store = store
    }

    public func acquire(holder: String, now: Int64, until: Int64) async throws -> Int? {
        try await store.rows("""
            UPDATE node_slots SET holder = \(holder), lease_until = \(until)
            WHERE slot = (SELECT slot FROM node_slots WHERE lease_until <= \(now) ORDER BY slot LIMIT 1 FOR UPDATE SKIP LOCKED)
            RETURNING slot
            """).first.map { Int(try $0.decode(Int32.self)) }
    }

    public func renew(slot: Int, holder: String, until: Int64) async throws -> Bool {
        try await !store.rows("""
            UPDATE node_slots SET lease_until = \(until) WHERE slot = \(Int32(slot)) AND holder = \(holder) RETURNING slot
            """).isEmpty
    }

    public func release(slot: Int, holder: String) async throws {
        try await store.rows("UPDATE node_slots SET holder = NULL, lease_until = 0 WHERE slot = \(Int32(slot)) AND holder = \(holder)")
    }
}
