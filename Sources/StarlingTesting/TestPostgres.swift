import Foundation
import Logging
import PostgresStorage
import StarlingTestKit
import Testing

/// The PostgreSQL servers tests run on, named by the environment (`scripts/test` starts them).
/// Every test gets a database of its own, created empty and dropped when the test ends.
public enum TestPostgres {
    /// `STARLING_TEST_POSTGRES_URL`: a server, and a database on it to log into to create others.
    public static var url: String? { variable("STARLING_TEST_POSTGRES_URL") }

    /// The server the restart test may stop and start (`STARLING_TEST_POSTGRES_RESTART_URL`), and
    /// `STARLING_TEST_POSTGRES_CTL`, a command that takes `stop` or `start` and returns when done.
    public static var restartable: (url: String, control: String)? {
        guard let url = variable("STARLING_TEST_POSTGRES_RESTART_URL"), let control = variable("STARLING_TEST_POSTGRES_CTL") else {
            return nil
        }
        return (url, control)
    }

    public static var isAvailable: Bool { url != nil }

    /// On CI (`CI=true`) PostgreSQL is part of the suite: without a server the tests fail.
    public static var isRequired: Bool { ProcessInfo.processInfo.environment["CI"] == "true" }

    /// Ends the current test case as skipped, saying why, when no server is configured outside
    /// CI (on CI the case goes on, and fails for want of a server).
    public static func skipUnlessAvailable() throws {
        guard !isAvailable, !isRequired else { return }
        try skipTestCase("on postgres: no PostgreSQL server (set STARLING_TEST_POSTGRES_URL; scripts/test starts one)")
    }

    /// The URL of a new, empty database on the server at `url` (by default `TestPostgres.url`),
    /// dropped when the current test ends.
    public static func emptyDatabase(on url: String? = nil) async throws -> PostgresLocation {
        guard let url = url ?? Self.url else { throw NotConfigured() }
        let server = PostgresServer(location: try PostgresLocation(url: url), logger: logger)
        let name = "test_" + UUID().uuidString.lowercased().filter { $0 != "-" }
        try TestDatabases.onEnd { try? await server.dropDatabase(named: name) }
        try await server.createDatabase(named: name)
        return server.location.database(name)
    }

    /// A new database, migrated, whose pool runs until the current test ends. Calls give up after
    /// `timeout`.
    public static func freshDatabase(on url: String? = nil, timeout: Duration = .seconds(5)) async throws -> PostgresStore {
        try await open(try await emptyDatabase(on: url), timeout: timeout)
    }

    /// A store on the database at `location`, migrated, whose pool runs until the current test ends.
    public static func open(_ location: PostgresLocation, timeout: Duration = .seconds(5)) async throws -> PostgresStore {
        let store = PostgresStore(location: location, maximumConnections: 4, timeout: timeout, logger: logger,
                                  observer: StatementTally.observer)
        let pool = Task { await store.client.run() }
        try TestDatabases.onEnd {
            pool.cancel()
            await pool.value
        }
        try await store.migrate()
        return store
    }

    /// Quiet: errors only.
    public static let logger: Logger = {
        var logger = Logger(label: "test.postgres")
        logger.logLevel = .error
        return logger
    }()

    private static func variable(_ name: String) -> String? {
        ProcessInfo.processInfo.environment[name].flatMap { $0.isEmpty ? nil : $0 }
    }

    struct NotConfigured: Error, CustomStringConvertible {
        var description: String {
            "no PostgreSQL server for tests: set STARLING_TEST_POSTGRES_URL (scripts/test starts one), or run outside CI"
        }
    }
}
