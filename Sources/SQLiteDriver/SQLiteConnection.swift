import CSystemSQLite
import Dispatch

/// One connection to a SQLite database file, on the system's libsqlite3.
///
/// Every call runs on the connection's own serial queue, so the connection runs one statement at
/// a time and a statement's rows are all read before the next starts; the caller is resumed once,
/// with all of them. Statements are kept prepared by SQL text (`SQLiteStatementCache`), so a
/// statement run again is only bound, stepped and reset. A call that has started always runs to
/// its end, even if the calling task is cancelled.
public final class SQLiteConnection: @unchecked Sendable {
    // `database` and `statements` are touched only on `queue`.
    private let queue: DispatchQueue
    private var database: OpaquePointer?
    private let statements: SQLiteStatementCache

    private init(queue: DispatchQueue, database: OpaquePointer, statementCacheCapacity: Int) {
        self.queue = queue
        self.database = database
        self.statements = SQLiteStatementCache(capacity: statementCacheCapacity)
    }

    /// Opens (creating if needed) the database file at `path`, keeping up to
    /// `statementCacheCapacity` prepared statements.
    public static func open(path: String, statementCacheCapacity: Int = 128) async throws -> SQLiteConnection {
        let queue = DispatchQueue(label: "starling.sqlite")
        let database = try await perform(on: queue) { try openDatabase(path: path) }
        return SQLiteConnection(queue: queue, database: database.pointer, statementCacheCapacity: statementCacheCapacity)
    }

    /// Runs `sql` with `binds` for its `?` parameters and returns every row.
    public func query(_ sql: String, _ binds: [SQLiteData] = []) async throws -> [SQLiteRow] {
        try await perform { connection in try connection.run(sql, binds) }
    }

    /// Runs `sql` with `binds` and returns how many rows it inserted, updated or deleted.
    public func change(_ sql: String, _ binds: [SQLiteData] = []) async throws -> Int {
        try await perform { connection in try connection.runChange(sql, binds) }
    }

    fileprivate func runChange(_ sql: String, _ binds: [SQLiteData]) throws -> Int {
        _ = try run(sql, binds)
        guard let database else { return 0 }
        return Int(sqlite3_changes64(database))
    }

    /// Runs `body` on the connection's queue in one go: the statements it runs through the
    /// `SQLiteBatch` follow one another without the caller being resumed in between, so a
    /// transaction written this way holds the database for its SQLite work alone.
    public func batch<T: Sendable>(_ body: @escaping @Sendable (SQLiteBatch) throws -> T) async throws -> T {
        try await perform { connection in try body(SQLiteBatch(connection: connection)) }
    }

    /// How many prepared statements the connection keeps (for tests).
    public func cachedStatementCount() async throws -> Int {
        try await perform { connection in connection.statements.count }
    }

    /// Finalizes the statements and closes the connection; later calls throw.
    public func close() async throws {
        try await perform { connection in
            connection.statements.removeAll()
            guard let database = connection.database else { return }
            let code = sqlite3_close_v2(database)
            guard code == SQLITE_OK else { throw SQLiteError(code: code, database: database) }
            connection.database = nil
        }
    }

    /// Runs `sql` on the queue: the cached statement if there is one, otherwise a new one, kept
    /// for next time.
    fileprivate func run(_ sql: String, _ binds: [SQLiteData]) throws -> [SQLiteRow] {
        guard let database else { throw SQLiteError(code: SQLITE_MISUSE, message: "the connection is closed") }
        if let statement = statements.statement(for: sql) {
            return try statement.run(binds)
        }
        guard let statement = try SQLiteStatement(sql: sql, database: database, persistent: true) else { return [] }
        statements.insert(statement, for: sql)
        return try statement.run(binds)
    }

    private func perform<T: Sendable>(_ body: @escaping @Sendable (SQLiteConnection) throws -> T) async throws -> T {
        try await Self.perform(on: queue) { try body(self) }
    }

    private static func perform<T: Sendable>(on queue: DispatchQueue, _ body: @escaping @Sendable () throws -> T) async throws -> T {
        try await withCheckedThrowingContinuation { continuation in
            queue.async { continuation.resume(with: Result { try body() }) }
        }
    }

    /// A database handle on its way from the queue to the connection.
    private struct Handle: @unchecked Sendable {
        let pointer: OpaquePointer
    }

    private static func openDatabase(path: String) throws -> Handle {
        var database: OpaquePointer?
        // NOMUTEX: the queue already serializes every use of the connection.
        let flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX
        let code = sqlite3_open_v2(path, &database, flags, nil)
        guard code == SQLITE_OK, let database else {
            let error = SQLiteError(code: code, database: database)
            sqlite3_close_v2(database)
            throw error
        }
        sqlite3_extended_result_codes(database, 1)
        return Handle(pointer: database)
    }
}

/// The statements of one `SQLiteConnection.batch` call, run at once on the connection's queue.
/// It exists only for the length of that call: keep it no longer.
public struct SQLiteBatch {
    fileprivate let connection: SQLiteConnection

    /// Runs `sql` with `binds` for its `?` parameters and returns every row.
    @discardableResult
    public func query(_ sql: String, _ binds: [SQLiteData] = []) throws -> [SQLiteRow] {
        try connection.run(sql, binds)
    }

    /// Runs `sql` with `binds` and returns how many rows it inserted, updated or deleted.
    public func change(_ sql: String, _ binds: [SQLiteData] = []) throws -> Int {
        try connection.runChange(sql, binds)
    }
}
