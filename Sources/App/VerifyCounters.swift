import Likes

/// What `starling counters` found.
public struct CounterReport: Sendable {
    public let mismatches: [CounterMismatch]
    public let repaired: Bool

    /// One line per mismatch, then a summary.
    public var text: String {
        let lines = mismatches.map(\.description)
        let summary = mismatches.isEmpty ? "counters: all match their rows"
            : "counters: \(mismatches.count) mismatch\(mismatches.count == 1 ? "" : "es")\(repaired ? ", repaired" : "")"
        return (lines + [summary]).joined(separator: "\n")
    }
}

/// Compares every denormalized counter with its rows, and sets them right with `repair`.
public func verifyCounters(_ repositories: Repositories, repair: Bool) async throws -> CounterReport {
    guard let audit = repositories.counterAudit else { return CounterReport(mismatches: [], repaired: false) }
    return CounterReport(mismatches: try await audit.mismatches(repair: repair), repaired: repair)
}
