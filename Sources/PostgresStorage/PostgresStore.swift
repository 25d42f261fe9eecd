import Logging
import PostgresNIO
import StarlingCore

/// The PostgreSQL database of a production deployment, behind a pool of connections.
///
/// The pool is `client`, a `Service`: the application's service group runs it, and nothing can be
/// read or written unless it runs. Every call waits at most `timeout` for the database, and a
/// database that cannot be reached surfaces as `StarlingError.unavailable`; the pool reconnects
/// by itself once the server is back.
public final class PostgresStore: Sendable {
    /// The connection pool. Run it (`client.run()`, or in a service group) while the store is used.
    public let client: PostgresClient
    /// Where the database is.
    public let location: PostgresLocation
    /// The longest a call waits for a connection and its answer.
    public let timeout: Duration
    /// The bound of work that is no request's (migrations, bulk loads, counter audits): it may
    /// rightly take long on a big database.
    static let maintenanceTimeout: Duration = .seconds(3600)
    let logger: Logger
    /// Told of every statement sent: tests only.
    let observer: (any StatementObserver)?

    /// - Parameter keepsConnectionsOpen: open all `maximumConnections` and keep them, with no
    ///   idle timeout and no keep-alive pings (a server process). The pool otherwise starts a timer
    ///   each time a connection goes back to it (idle timeout 60 s, keep-alive 30 s), and a
    ///   cancelled timer (a sleeping task, some kilobytes) lives until it would have fired: at a
    ///   few thousand statements a second that kept 60–100 MB alive, and peak RSS over one
    ///   `scripts/bench` was 155 MB on PostgreSQL against 91 MB on SQLite. A connection the
    ///   server closes is still noticed (its socket closes) and replaced.
    public init(location: PostgresLocation, maximumConnections: Int = 20, timeout: Duration = .seconds(5),
                keepsConnectionsOpen: Bool = false,
                logger: Logger = Logger(label: "starling.postgres"), observer: (any StatementObserver)? = nil) {
        self.location = location
        self.timeout = timeout
        self.logger = logger
        self.observer = observer
        self.client = PostgresClient(configuration: Self.poolConfiguration(location, maximumConnections: maximumConnections,
                                                                            keepsConnectionsOpen: keepsConnectionsOpen),
                                     backgroundLogger: logger)
    }

    /// The driver's pool settings (see `init`).
    static func poolConfiguration(_ location: PostgresLocation, maximumConnections: Int,
                                  keepsConnectionsOpen: Bool) -> PostgresClient.Configuration {
        var configuration = location.clientConfiguration(maximumConnections: maximumConnections)
        if keepsConnectionsOpen {
            configuration.options.minimumConnections = maximumConnections
            configuration.options.keepAliveBehavior = nil
        }
        return configuration
    }

    /// Runs `body` while the pool runs, then shuts the pool down: for commands and tools that have
    /// no service group. The store cannot be used afterwards.
    public func withRunningClient<T: Sendable>(_ body: @Sendable () async throws -> T) async throws -> T {
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { await self.client.run() }
            defer { group.cancelAll() }
            return try await body()
        }
    }

    /// Runs one statement and returns its rows.
    @discardableResult
    func rows(_ query: PostgresQuery) async throws -> [PostgresRow] {
        observer?.statementSent()
        return try await guarded(timeout: timeout) { try await self.client.query(query, logger: self.logger).collect() }
    }

    /// Runs `body` in one transaction: all of it commits, or none of it. `timeout` replaces the
    /// store's for work that is not a request's, such as a migration.
    func transaction<T: Sendable>(timeout: Duration? = nil,
                                  _ body: @escaping @Sendable (PostgresTransaction) async throws -> T) async throws -> T {
        let started = ContinuousClock.now
        return try await guarded(timeout: timeout ?? self.timeout) {
            try await self.client.withTransaction(logger: self.logger) { connection in
                StarlingMetrics.storeConnectionAcquired(store: "postgres", since: started)
                return try await body(PostgresTransaction(connection: connection, logger: self.logger, observer: self.observer))
            }
        }
    }

    /// Runs `body` on one pooled connection, outside any transaction (`COPY`, session settings).
    /// `timeout` replaces the store's.
    @discardableResult
    func withConnection<T: Sendable>(timeout: Duration? = nil,
                                     _ body: @escaping @Sendable (PostgresConnection) async throws -> T) async throws -> T {
        let started = ContinuousClock.now
        return try await guarded(timeout: timeout ?? self.timeout) {
            try await self.client.withConnection { connection in
                StarlingMetrics.storeConnectionAcquired(store: "postgres", since: started)
                return try await body(connection)
            }
        }
    }

    private func guarded<T: Sendable>(timeout: Duration, _ operation: @escaping @Sendable () async throws -> T) async throws -> T {
        do {
            return try await Deadline.run(timeout, operation)
        } catch {
            let translated = PostgresFailure.translate(error)
            if translated is StarlingError { logger.warning("database unavailable", metadata: ["error": "\(error)"]) }
            throw translated
        }
    }
}
