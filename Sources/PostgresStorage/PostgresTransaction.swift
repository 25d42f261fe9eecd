import Logging
import PostgresNIO
import StarlingCore

/// The statements of one transaction, on the connection it holds.
struct PostgresTransaction: Sendable {
    let connection: PostgresConnection
    let logger: Logger
    let observer: (any StatementObserver)?

    /// Runs one statement and returns its rows.
    @discardableResult
    func rows(_ query: PostgresQuery) async throws -> [PostgresRow] {
        observer?.statementSent()
        return try await connection.query(query, logger: logger).collect()
    }
}
