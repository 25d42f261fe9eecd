import SQLiteDriver
import StarlingCore

/// The statements of one write transaction.
public struct SQLiteTransaction: Sendable {
    let connection: SQLiteConnection
    let observer: (any StatementObserver)?

    /// Runs a statement and returns its rows.
    @discardableResult
    public func execute(_ sql: String, _ binds: [SQLiteData] = []) async throws -> [SQLiteRow] {
        observer?.statementSent()
        return try await connection.query(sql, binds)
    }

    /// Runs a statement and returns how many rows it changed.
    public func change(_ sql: String, _ binds: [SQLiteData] = []) async throws -> Int {
        observer?.statementSent()
        return try await connection.change(sql, binds)
    }
}
