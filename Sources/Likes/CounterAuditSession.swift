/// What `CounterAuditRunner` needs from one SQL store, inside the one transaction it audits in:
/// how to run a query and a statement. Each store adapts its transaction type in a few lines.
public protocol CounterAuditSession: Sendable {
    /// Runs a query whose columns are `id, stored, actual` and returns its rows.
    func counts(_ sql: String) async throws -> [(id: Int64, stored: Int, actual: Int)]
    /// Runs a statement that changes rows.
    func execute(_ sql: String) async throws
}
