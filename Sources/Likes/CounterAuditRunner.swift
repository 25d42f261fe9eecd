/// Compares every denormalized counter with the rows it counts and, asked to, sets the wrong
/// ones right: written once for every SQL store, each of which supplies only how to run its
/// statements (`CounterAuditSession`) in one transaction it opens.
///
/// The store keeps counters from moving while a repair runs (SQLite: its one writer;
/// PostgreSQL: `SHARE` locks on the counted tables), so no counter is set from a stale count.
public struct CounterAuditRunner: Sendable {
    /// The counters audited.
    public let checks: [CounterCheck]

    public init(checks: [CounterCheck] = CounterCheck.all) {
        self.checks = checks
    }

    /// The counters that differ from their rows; with `repair`, each wrong counter is then set
    /// right by one statement per counter.
    public func mismatches(repair: Bool, in session: some CounterAuditSession) async throws -> [CounterMismatch] {
        var found: [CounterMismatch] = []
        for check in checks {
            let rows = try await session.counts(check.wrongRows)
            found += rows.map { CounterMismatch(table: check.table, id: $0.id, column: check.column, stored: $0.stored, actual: $0.actual) }
            if repair, !rows.isEmpty { try await session.execute(check.repair) }
        }
        return found
    }
}
