/// The leases on node slots that let several processes mint ids on one database (`IDGenerator`).
///
/// A process takes a free slot at start-up, renews its lease while it runs and gives it back when it
/// stops; a slot whose lease ran out (its process died) may be taken by another process. Times are
/// microseconds since the Unix epoch.
public protocol NodeSlotStore: Sendable {
    /// Leases the lowest free or expired slot to `holder` until `until`; nil when all are held.
    func acquire(holder: String, now: Int64, until: Int64) async throws -> Int?
    /// Extends `holder`'s lease of `slot`; false when the slot is no longer `holder`'s.
    func renew(slot: Int, holder: String, until: Int64) async throws -> Bool
    /// Gives `slot` back at once.
    func release(slot: Int, holder: String) async throws
}
