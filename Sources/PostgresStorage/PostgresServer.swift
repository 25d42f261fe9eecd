import Logging
import PostgresNIO

/// Creates and drops whole databases on a PostgreSQL server, over one connection of its own:
/// for tests and benchmarks that each want a fresh database.
public struct PostgresServer: Sendable {
    /// Any database on the server the user may log into (usually `postgres`).
    public let location: PostgresLocation
    let logger: Logger

    public init(location: PostgresLocation, logger: Logger = Logger(label: "starling.postgres.admin")) {
        self.location = location
        self.logger = logger
    }

    /// Creates an empty database named `name` (lower-case letters, digits and `_`).
    public func createDatabase(named name: String) async throws {
        try await run("CREATE DATABASE \(unescaped: try Self.identifier(name))")
    }

    /// Drops the database named `name`, ending the sessions still connected to it.
    public func dropDatabase(named name: String) async throws {
        try await run("DROP DATABASE IF EXISTS \(unescaped: try Self.identifier(name)) WITH (FORCE)")
    }

    private func run(_ query: PostgresQuery) async throws {
        do {
            let connection = try await PostgresConnection.connect(configuration: try location.connectionConfiguration(),
                                                                  id: 0, logger: logger)
            do {
                try await connection.query(query, logger: logger)
                try await connection.close()
            } catch {
                try? await connection.close()
                throw error
            }
        } catch {
            throw PostgresFailure.translate(error)
        }
    }

    /// A database name can't be a bound parameter, so only names that need no quoting pass.
    static func identifier(_ name: String) throws -> String {
        guard name.wholeMatch(of: #/[a-z_][a-z0-9_]{0,62}/#) != nil else {
            throw PostgresLocationError("a database name must be 1–63 of [a-z0-9_], not starting with a digit: \(name)")
        }
        return name
    }
}
