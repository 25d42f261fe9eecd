import Foundation
import Logging
import SQLiteDriver
import StarlingCore
import Synchronization

/// The SQLite database of the embedded deployment: one writer connection, whose transactions a
/// lock serializes, and a few reader connections that WAL mode lets read while it writes.
///
/// Each connection runs one statement at a time, all its rows read before the next begins
/// (`SQLiteConnection` runs its calls in order on a queue of its own): two statements interleaved
/// on one connection would share one read transaction, so the second could read a snapshot older
/// than a commit it follows. Readers are taken round-robin.
public final class SQLiteStore: Sendable {
    private let writer: SQLiteConnection
    private let readers: [SQLiteConnection]
    private let writeLock = AsyncLock()
    private let nextReader = Atomic<Int>(0)
    private let observer: (any StatementObserver)?

    private init(writer: SQLiteConnection, readers: [SQLiteConnection], observer: (any StatementObserver)?) {
        self.writer = writer
        self.readers = readers
        self.observer = observer
    }

    /// Opens (creating if needed) the database file at `path` in WAL mode. `observer` (tests
    /// only) is told of every statement sent.
    public static func open(path: String, readers: Int = 3, logger: Logger = Logger(label: "starling.sqlite"),
                            observer: (any StatementObserver)? = nil) async throws -> SQLiteStore {
        let writer = try await SQLiteConnection.open(path: path)
        _ = try await writer.query("PRAGMA journal_mode=WAL")
        try await configure(writer)
        var readerConnections: [SQLiteConnection] = []
        for _ in 0..<readers {
            let reader = try await SQLiteConnection.open(path: path)
            try await configure(reader)
            readerConnections.append(reader)
        }
        logger.debug("opened SQLite", metadata: ["path": "\(path)", "readers": "\(readers)"])
        return SQLiteStore(writer: writer, readers: readerConnections, observer: observer)
    }

    private static func configure(_ connection: SQLiteConnection) async throws {
        _ = try await connection.query("PRAGMA synchronous=NORMAL")
        _ = try await connection.query("PRAGMA busy_timeout=5000")
        // 2 MB of pages per connection (SQLite's default): the operating system's page cache
        // holds the file too, and four connections of 16 MB took 64 MB of the process's memory.
        _ = try await connection.query("PRAGMA cache_size=-2000")
    }

    /// Closes every connection.
    public func close() async throws {
        for reader in readers { try await reader.close() }
        try await writer.close()
    }

    /// Runs a read-only statement on a reader connection.
    public func read(_ sql: String, _ binds: [SQLiteData] = []) async throws -> [SQLiteRow] {
        observer?.statementSent()
        guard !readers.isEmpty else { return try await writeLock.withLock { try await writer.query(sql, binds) } }
        return try await readers[nextReader.wrappingAdd(1, ordering: .relaxed).oldValue % readers.count].query(sql, binds)
    }

    /// Runs `body` in one transaction on the writer: all of it commits, or none of it. The
    /// statements run in one call on the writer's queue, so the writer lock is held for their
    /// SQLite work only; a call once started runs to its end, so cancelling the caller cannot cut
    /// `body` short between its statements.
    @discardableResult
    public func write<T: Sendable>(_ body: @escaping @Sendable (SQLiteTransaction) throws -> T) async throws -> T {
        let (result, statements) = try await writeLock.withLock {
            try await writer.batch { batch in
                try batch.query("BEGIN IMMEDIATE")
                let transaction = SQLiteTransaction(batch: batch, sent: SQLiteTransaction.Count())
                do {
                    let result = try body(transaction)
                    try batch.query("COMMIT")
                    return (result, transaction.sent.value)
                } catch {
                    _ = try? batch.query("ROLLBACK")
                    throw error
                }
            }
        }
        if let observer { for _ in 0..<statements { observer.statementSent() } }
        return result
    }

    /// Runs `body` in one transaction on the writer, for work that awaits between its statements
    /// (migrations, the counter audit): each statement is a call of its own, the lock held across.
    /// It runs in a task of its own, so that cancelling the caller cannot cut `body` short
    /// between its statements and skip the COMMIT or the ROLLBACK.
    @discardableResult
    public func writeSession<T: Sendable>(_ body: @escaping @Sendable (SQLiteSessionTransaction) async throws -> T) async throws -> T {
        let writer = self.writer
        let writeLock = self.writeLock
        let transaction = SQLiteSessionTransaction(connection: writer, observer: observer)
        return try await Task {
            try await writeLock.withLock {
                _ = try await writer.query("BEGIN IMMEDIATE")
                do {
                    let result = try await body(transaction)
                    _ = try await writer.query("COMMIT")
                    return result
                } catch {
                    _ = try? await writer.query("ROLLBACK")
                    throw error
                }
            }
        }.value
    }
}
