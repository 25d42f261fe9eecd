import Foundation
import Logging
import PostgresStorage
import SQLiteStorage

/// A new, empty, migrated database that exists only while `body` runs: for benchmarks.
public enum ScratchDatabase {
    /// A SQLite file in a new temporary directory, deleted after.
    public static func sqlite<T: Sendable>(logger: Logger, connections: Int = 8, _ body: @Sendable (Repositories) async throws -> T) async throws -> T {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("starling-scratch-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let configuration = Configuration.scratch(databaseURL: "sqlite:" + directory.appendingPathComponent("starling.sqlite").path)
        return try await Database.withRepositories(configuration, logger: logger, connections: connections, body)
    }

    /// A database created on the PostgreSQL server at `serverURL` (logging into the database the
    /// URL names), dropped after.
    public static func postgres<T: Sendable>(serverURL: String, logger: Logger, connections: Int = 8,
                                             _ body: @Sendable (Repositories) async throws -> T) async throws -> T {
        let server = PostgresServer(location: try PostgresLocation(url: serverURL), logger: logger)
        let name = "scratch_" + UUID().uuidString.lowercased().filter { $0 != "-" }
        try await server.createDatabase(named: name)
        do {
            let result = try await Database.withRepositories(.scratch(databaseURL: server.location.database(name).url), logger: logger,
                                                            connections: connections, body)
            try await server.dropDatabase(named: name)
            return result
        } catch {
            try? await server.dropDatabase(named: name)
            throw error
        }
    }
}

extension Configuration {
    static func scratch(databaseURL: String) -> Configuration {
        var configuration = Configuration()
        configuration.databaseURL = databaseURL
        return configuration
    }
}
