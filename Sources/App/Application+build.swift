import Foundation
import Hummingbird
import Logging
import SQLiteStorage
import ServiceLifecycle
import StarlingCore

/// Builds the server a `starling serve` runs: opens (and migrates) the configured store, then
/// wires everything on it.
public func buildApplication(_ configuration: Configuration, logger: Logger) async throws -> some ApplicationProtocol {
    let store = try await openStore(configuration, logger: logger)
    var caches: Caches?
    var services: [any Service] = [StoreCloser(store: store)]
    if let url = configuration.redisURL {
        let (redisCaches, client) = try Caches.redis(url: url, clock: SystemWallClock(), feedCap: configuration.feedCacheCap, logger: logger)
        caches = redisCaches
        services.append(client)
    }
    let starling = Starling(configuration: configuration, repositories: .sqlite(store), logger: logger, caches: caches)
    return starling.application(logger: logger, extraServices: services)
}

/// Opens the SQLite database of the configuration, creating the data directory on first start,
/// and applies pending migrations.
public func openStore(_ configuration: Configuration, logger: Logger) async throws -> SQLiteStore {
    let path = try configuration.sqlitePath()
    let directory = (path as NSString).deletingLastPathComponent
    if !directory.isEmpty {
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
    }
    let store = try await SQLiteStore.open(path: path, logger: logger)
    let applied = try await store.migrate()
    if !applied.isEmpty { logger.info("migrated", metadata: ["versions": "\(applied)", "path": "\(path)"]) }
    return store
}

/// Closes the database after graceful shutdown.
struct StoreCloser: Service {
    let store: SQLiteStore

    func run() async throws {
        try? await gracefulShutdown()
        try await store.close()
    }
}
