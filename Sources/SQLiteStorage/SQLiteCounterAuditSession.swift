import Likes

/// `CounterAuditSession` on a SQLite write transaction.
struct SQLiteCounterAuditSession: CounterAuditSession {
    let transaction: SQLiteSessionTransaction

    func counts(_ sql: String) async throws -> [(id: Int64, stored: Int, actual: Int)] {
        try await transaction.execute(sql).map { ($0.int64("id"), $0.int("stored"), $0.int("actual")) }
    }

    func execute(_ sql: String) async throws {
        try await transaction.execute(sql)
    }
}
