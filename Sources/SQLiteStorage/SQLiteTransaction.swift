import SQLiteDriver
import StarlingCore

/// The statements of one write transaction, run in one call on the writer's queue
/// (`SQLiteStore.write`): nothing else runs on the writer between them, and the lock is held for
/// their SQLite work alone.
public struct SQLiteTransaction {
    let batch: SQLiteBatch
    /// The statements run, told to the store's observer by the calling task afterwards (an
    /// observer may count per task, and this runs on the writer's queue).
    let sent: Count

    final class Count {
        var value = 0
    }

    /// Runs a statement and returns its rows.
    @discardableResult
    public func execute(_ sql: String, _ binds: [SQLiteData] = []) throws -> [SQLiteRow] {
        sent.value += 1
        return try batch.query(sql, binds)
    }

    /// Runs a statement and returns how many rows it changed.
    public func change(_ sql: String, _ binds: [SQLiteData] = []) throws -> Int {
        sent.value += 1
        return try batch.change(sql, binds)
    }
}

/// The statements of a write transaction that awaits other work between them (the shared
/// migration and counter-audit runners): each statement is its own call on the writer's queue.
public struct SQLiteSessionTransaction: Sendable {
    let connection: SQLiteConnection
    let observer: (any StatementObserver)?

    /// Runs a statement and returns its rows.
    @discardableResult
    public func execute(_ sql: String, _ binds: [SQLiteData] = []) async throws -> [SQLiteRow] {
        observer?.statementSent()
        return try await connection.query(sql, binds)
    }
}
