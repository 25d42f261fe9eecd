/// Recomputes the denormalized counters from the rows (`starling counters verify`).
public protocol CounterAudit: Sendable {
    /// The counters that differ from their rows; with `repair`, they are set right.
    func mismatches(repair: Bool) async throws -> [CounterMismatch]
}
