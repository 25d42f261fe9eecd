import App
import Foundation
import Logging
import SQLiteStorage
import StarlingTestKit
import Synchronization
import Testing

/// A storage backend that contract suites and API tests run on.
public enum Backend: String, CaseIterable, Sendable, CustomTestStringConvertible {
    case memory
    case sqlite
    case postgres

    /// The backends to test on: all three. Without a PostgreSQL server (no
    /// `STARLING_TEST_POSTGRES_URL`) a PostgreSQL case is reported as skipped, by name, when it
    /// asks for its database — except on CI (`CI=true`), where a missing server fails the test.
    public static var allCases: [Backend] { [.memory, .sqlite, .postgres] }

    public var testDescription: String { rawValue }

    /// Fresh, empty repositories on this backend. A PostgreSQL database lives until the current
    /// test ends: its suite needs the `.testDatabases` trait.
    public func repositories() async throws -> Repositories {
        switch self {
        case .memory:
            return await .memory()
        case .sqlite:
            return .sqlite(try await Self.openSQLite(at: TemporaryDirectory.make().appendingPathComponent("starling.sqlite").path))
        case .postgres:
            try TestPostgres.skipUnlessAvailable()
            return .postgres(try await TestPostgres.freshDatabase())
        }
    }

    /// Fresh repositories, and a way to open their database again as a restarted process would.
    /// The in-memory backend keeps nothing across a restart, so it has none.
    public func reopenableRepositories() async throws -> (repositories: Repositories, reopen: @Sendable () async throws -> Repositories) {
        switch self {
        case .memory:
            throw NotDurable()
        case .sqlite:
            let path = TemporaryDirectory.make().appendingPathComponent("starling.sqlite").path
            let first = try await Self.openSQLite(at: path)
            return (.sqlite(first), {
                try await first.close()
                return .sqlite(try await Self.openSQLite(at: path))
            })
        case .postgres:
            try TestPostgres.skipUnlessAvailable()
            let location = try await TestPostgres.emptyDatabase()
            return (.postgres(try await TestPostgres.open(location)), { .postgres(try await TestPostgres.open(location)) })
        }
    }

    /// Settings that name a new, empty database on this backend, as `starling` commands open it:
    /// SQLite in a new data directory, or a new PostgreSQL database (dropped when the test ends);
    /// bcrypt at its cheapest cost.
    public func configuration() async throws -> Configuration {
        var configuration = Configuration()
        configuration.dataDirectory = TemporaryDirectory.make().path
        configuration.bcryptCost = 4
        switch self {
        case .memory: throw NotDurable()
        case .sqlite: break
        case .postgres:
            try TestPostgres.skipUnlessAvailable()
            configuration.databaseURL = try await TestPostgres.emptyDatabase().url
        }
        return configuration
    }

    /// The backends whose data outlives the process.
    public static var durableCases: [Backend] { allCases.filter { $0 != .memory } }

    struct NotDurable: Error {}

    /// Opens and migrates a SQLite database at `path`.
    public static func openSQLite(at path: String) async throws -> SQLiteStore {
        let store = try await SQLiteStore.open(path: path, readers: 2, logger: Logger(label: "test.sqlite"), observer: StatementTally.observer)
        try await store.migrate()
        openStores.withLock { $0.append(store) }
        return store
    }

    /// Test databases stay open for the life of the test process: a connection must be closed
    /// before it is released, and most tests never close theirs.
    private static let openStores = Mutex<[SQLiteStore]>([])
}
