import Foundation
import Logging
import PostgresStorage
import SQLiteStorage
import ServiceLifecycle
import StarlingCore

/// The configured relational store, open and migrated: the repositories on it, and the services
/// that keep it working while the application runs (the PostgreSQL pool) or close it after (SQLite).
public struct Database: Sendable {
    public let repositories: Repositories
    /// Run these in the application's service group, after nothing else needs the store.
    public let services: [any Service]

    /// Opens the store of the configuration and applies pending migrations. Refuses a schema newer
    /// than this binary (`SchemaTooNewError`).
    public static func open(_ configuration: Configuration, logger: Logger) async throws -> Database {
        switch try configuration.database() {
        case .sqlite(let path):
            let store = try await openSQLite(path: path, logger: logger)
            return Database(repositories: .sqlite(store), services: [SQLiteCloser(store: store)])
        case .postgres(let location):
            // Migrate on a short-lived pool of its own: the application's pool runs only inside
            // the service group, which starts after this returns.
            try await migratePostgres(location, logger: logger)
            let store = PostgresStore(location: location, keepsConnectionsOpen: true, logger: logger)
            return Database(repositories: .postgres(store), services: [store.client])
        }
    }

    /// Runs `body` on the configured store, open and migrated, then closes it: for commands that
    /// have no service group. `connections` bounds a PostgreSQL pool.
    public static func withRepositories<T: Sendable>(_ configuration: Configuration, logger: Logger, connections: Int = 2,
                                                     _ body: @Sendable (Repositories) async throws -> T) async throws -> T {
        switch try configuration.database() {
        case .sqlite(let path):
            let store = try await openSQLite(path: path, logger: logger)
            do {
                let result = try await body(.sqlite(store))
                try await store.close()
                return result
            } catch {
                try? await store.close()
                throw error
            }
        case .postgres(let location):
            try await migratePostgres(location, logger: logger)
            let store = PostgresStore(location: location, maximumConnections: connections, logger: logger)
            return try await store.withRunningClient { try await body(.postgres(store)) }
        }
    }

    private static func openSQLite(path: String, logger: Logger) async throws -> SQLiteStore {
        let directory = (path as NSString).deletingLastPathComponent
        if !directory.isEmpty {
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        }
        let store = try await SQLiteStore.open(path: path, logger: logger)
        let applied = try await store.migrate()
        if !applied.isEmpty { logger.info("migrated", metadata: ["versions": "\(applied)", "path": "\(path)"]) }
        return store
    }

    private static func migratePostgres(_ location: PostgresLocation, logger: Logger) async throws {
        let store = PostgresStore(location: location, maximumConnections: 1, logger: logger)
        do {
            let applied = try await store.withRunningClient { try await store.migrate() }
            if !applied.isEmpty { logger.info("migrated", metadata: ["versions": "\(applied)", "database": "\(location)"]) }
        } catch let error as StarlingError where error.isUnavailable {
            throw DatabaseUnreachableError(location: location)
        }
    }
}
