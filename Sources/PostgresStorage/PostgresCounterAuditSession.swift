import Likes
import PostgresNIO

/// `CounterAuditSession` on a PostgreSQL transaction.
struct PostgresCounterAuditSession: CounterAuditSession {
    let transaction: PostgresTransaction

    func counts(_ sql: String) async throws -> [(id: Int64, stored: Int, actual: Int)] {
        try await transaction.rows(PostgresQuery(unsafeSQL: sql)).map { try $0.decode((Int64, Int, Int).self) }
    }

    func execute(_ sql: String) async throws {
        try await transaction.rows(PostgresQuery(unsafeSQL: sql))
    }
}
