import Foundation
import Logging
import SQLiteDriver
import StarlingCore
import Synchronization

/// The SQLite database of the embedded deployment: one writer connection, and a few reader
/// connections that WAL mode lets read while it writes. A write transaction is one call on the
/// writer's queue, BEGIN to COMMIT, so the queue alone puts transactions one after another, each
/// holding the database for its SQLite work only.
///
/// The rows that fanout pushes into followers' newsfeeds live in a second file beside the first
/// (`feedsPath(for:)`), with a writer of its own: a fanout writes a row per follower (~100 in the
/// default bench graph), each on a page of its own, so in one file the requests' small
/// transactions waited for fanouts' large ones and for the checkpoints of the log they grew.
/// Readers attach it as `feeds`; a feed read takes the union of both files' `newsfeeds` (an
/// author's own rows are written in the main file, in the transaction that creates the tweet).
///
/// Each connection runs one statement at a time, all its rows read before the next begins
/// (`SQLiteConnection` runs its calls in order on a queue of its own): two statements interleaved
/// on one connection would share one read transaction, so the second could read a snapshot older
/// than a commit it follows. Readers are taken round-robin.
public final class SQLiteStore: Sendable {
    /// The main file's path.
    public let path: String
    let writer: SQLiteConnection
    private let readers: [SQLiteConnection]
    private let feedWriter: SQLiteConnection
    /// This store's marker beside the feeds file while it may hold unsynced rows (`FeedsFileRecovery`).
    private let feedsMarker: String?
    private let nextReader = Atomic<Int>(0)
    /// Write transactions on the main file (`write`, `writeSession`), for the background checkpointer: with
    /// none since its last checkpoint, which copied everything, it has nothing to do.
    let mainCommits = Atomic<Int>(0)
    private let observer: (any StatementObserver)?

    private init(path: String, writer: SQLiteConnection, feedWriter: SQLiteConnection, feedsMarker: String?,
                 readers: [SQLiteConnection], observer: (any StatementObserver)?) {
        self.path = path
        self.writer = writer
        self.feedWriter = feedWriter
        self.feedsMarker = feedsMarker
        self.readers = readers
        self.observer = observer
    }

    /// The file of pushed newsfeed rows beside the database at `path`: `starling.sqlite` ->
    /// `starling-feeds.sqlite`.
    public static func feedsPath(for path: String) -> String {
        let ext = (path as NSString).pathExtension
        guard !ext.isEmpty else { return path + "-feeds" }
        return (path as NSString).deletingPathExtension + "-feeds." + ext
    }

    /// Opens (creating if needed) the database file at `path`, and its feeds file beside it, in
    /// WAL mode, with `readers` reader connections (at least one). `observer` (tests only) is told
    /// of every statement sent.
    public static func open(path: String, readers: Int = 3, logger: Logger = Logger(label: "starling.sqlite"),
                            observer: (any StatementObserver)? = nil) async throws -> SQLiteStore {
        let writer = try await SQLiteConnection.open(path: path)
        _ = try await writer.query("PRAGMA journal_mode=WAL")
        try await configure(writer)
        // No `journal_size_limit`: cutting a 470 MB log file back after a rewind held one commit
        // 451 ms (freeing its blocks). The file keeps the size of the largest burst (under 1 GiB,
        // `checkpointContinuously`) and is written over from its start.
        let feedsPath = feedsPath(for: path)
        // Unsynced where a machine's crash can be told from a process's (`FeedsFileRecovery`).
        let recovery = try FeedsFileRecovery.bootID().map { try FeedsFileRecovery.begin(feedsPath: feedsPath, bootID: $0) }
        var rebuilt = false
        defer { recovery?.end(rebuilt: rebuilt) }
        let feedWriter = try await SQLiteConnection.open(path: feedsPath)
        // 1 KB pages (a new file only): a fanout touches one page per follower, each a frame of
        // the log and a page to copy at its checkpoint, so a quarter of the bytes to write. A POST
        // burst (postexp, c=4, 10 s, 2,000 users): p99 30.4/13.0 ms at 4 KB, 9.6/8.4 ms at 1 KB.
        _ = try await feedWriter.query("PRAGMA page_size=1024")
        _ = try await feedWriter.query("PRAGMA journal_mode=WAL")
        try await configure(feedWriter)
        for statement in SQLiteMigrations.feedsSchema { _ = try await feedWriter.query(statement) }
        // Its checkpoints hold up fanouts alone: fewer and larger ones copy a page written by
        // many fanouts once (the drain of a POST burst took 83 s at 1,000 pages, 36 s at 20,000).
        _ = try await feedWriter.query("PRAGMA wal_autocheckpoint=10000")
        // A fanout's rows fall on pages all over the file (one per follower): a cache the size of
        // the interior pages' hot part is all that pays, 1 MB of them.
        _ = try await feedWriter.query("PRAGMA cache_size=-1000")
        if let recovery {
            _ = try await feedWriter.query("PRAGMA synchronous=OFF")
            if recovery.needsRebuild {
                try await recovery.rebuild(on: feedWriter, mainPath: path, logger: logger)
                rebuilt = true
            }
        }
        var readerConnections: [SQLiteConnection] = []
        for _ in 0..<max(1, readers) {
            let reader = try await SQLiteConnection.open(path: path)
            try await configure(reader)
            _ = try await reader.query("ATTACH DATABASE ? AS feeds", [.text(feedsPath)])
            // A reader looks up a few pages of it on a feed cache's miss: 256 KB of them, not 2 MB.
            _ = try await reader.query("PRAGMA feeds.cache_size=-256")
            readerConnections.append(reader)
        }
        logger.debug("opened SQLite", metadata: ["path": "\(path)", "feeds": "\(feedsPath)", "readers": "\(readerConnections.count)"])
        return SQLiteStore(path: path, writer: writer, feedWriter: feedWriter, feedsMarker: recovery?.marker,
                           readers: readerConnections, observer: observer)
    }

    static func configure(_ connection: SQLiteConnection) async throws {
        _ = try await connection.query("PRAGMA synchronous=NORMAL")
        _ = try await connection.query("PRAGMA busy_timeout=5000")
        // 2 MB of pages per connection (SQLite's default): the operating system's page cache
        // holds the file too, and four connections of 16 MB took 64 MB of the process's memory.
        _ = try await connection.query("PRAGMA cache_size=-2000")
    }

    /// Closes every connection; the feeds file is synced, and this store's marker beside it removed.
    public func close() async throws {
        for reader in readers { try await reader.close() }
        try await feedWriter.close()
        if let feedsMarker { try FeedsFileRecovery.finish(feedsPath: Self.feedsPath(for: path), marker: feedsMarker) }
        try await writer.close()
    }

    /// How many prepared statements each connection keeps (tests, diagnostics): a statement whose
    /// text changes with the number of its values (`IN (?, ?, …)`, `VALUES (…), (…)`) fills a
    /// connection's cache with one program per number met.
    public func cachedStatementCounts() async throws -> (writer: Int, feedWriter: Int, readers: [Int]) {
        var counts: [Int] = []
        for reader in readers { counts.append(try await reader.cachedStatementCount()) }
        return (try await writer.cachedStatementCount(), try await feedWriter.cachedStatementCount(), counts)
    }

    /// Runs a read-only statement on a reader connection, which sees the feeds file as `feeds`.
    public func read(_ sql: String, _ binds: [SQLiteData] = []) async throws -> [SQLiteRow] {
        observer?.statementSent()
        return try await readers[nextReader.wrappingAdd(1, ordering: .relaxed).oldValue % readers.count].query(sql, binds)
    }

    /// Runs `body` in one transaction on the writer: all of it commits, or none of it. The
    /// statements run in one call on the writer's queue, after the transactions sent before;
    /// a call once started runs to its end, so cancelling the caller cannot cut `body` short
    /// between its statements.
    @discardableResult
    public func write<T: Sendable>(_ body: @escaping @Sendable (SQLiteTransaction) throws -> T) async throws -> T {
        defer { mainCommits.wrappingAdd(1, ordering: .relaxed) }
        return try await write(on: writer, body)
    }

    /// Runs `body` in one transaction on the feeds file's writer (its `newsfeeds` is the pushed
    /// rows'), which waits neither for the main writer nor for its checkpoints.
    @discardableResult
    public func writeFeeds<T: Sendable>(_ body: @escaping @Sendable (SQLiteTransaction) throws -> T) async throws -> T {
        try await write(on: feedWriter, body)
    }

    private func write<T: Sendable>(on connection: SQLiteConnection,
                                    _ body: @escaping @Sendable (SQLiteTransaction) throws -> T) async throws -> T {
        let sent = ContinuousClock.now
        let (result, statements) = try await connection.batch { batch in
            StarlingMetrics.storeConnectionAcquired(store: "sqlite", since: sent)
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
        if let observer { for _ in 0..<statements { observer.statementSent() } }
        return result
    }

    /// Runs `body` in one transaction for work that awaits between its statements (migrations,
    /// the counter audit), on a connection of its own, opened for it: SQLite's write lock keeps the
    /// writer's transactions out until it ends (theirs wait in the busy timeout). It runs in a
    /// task of its own, so that cancelling the caller cannot cut `body` short between its
    /// statements and skip the COMMIT or the ROLLBACK.
    @discardableResult
    public func writeSession<T: Sendable>(_ body: @escaping @Sendable (SQLiteSessionTransaction) async throws -> T) async throws -> T {
        let path = self.path
        let observer = self.observer
        defer { mainCommits.wrappingAdd(1, ordering: .relaxed) }
        return try await Task {
            let connection = try await SQLiteConnection.open(path: path)
            try await Self.configure(connection)
            let transaction = SQLiteSessionTransaction(connection: connection, observer: observer)
            do {
                _ = try await connection.query("BEGIN IMMEDIATE")
                let result: T
                do {
                    result = try await body(transaction)
                    _ = try await connection.query("COMMIT")
                } catch {
                    _ = try? await connection.query("ROLLBACK")
                    throw error
                }
                try await connection.close()
                return result
            } catch {
                try? await connection.close()
                throw error
            }
        }.value
    }
}
