import StarlingCore

extension PostgresStore {
    /// The schema history this binary knows, oldest first.
    public static var migrations: [Migration] { PostgresMigrations.all }

    /// Applies every migration the database lacks, all in one transaction that holds an advisory
    /// lock, so concurrent starts apply each once. Refuses a schema newer than this binary.
    /// Returns the versions applied. Reaching the server is bound by the store's timeout; the
    /// migration itself is not: a schema change on a big table, or a wait for another process's
    /// migration, may take long.
    @discardableResult
    public func migrate() async throws -> [Int] {
        try await rows("SELECT 1")
        return try await transaction(timeout: Self.maintenanceTimeout) { tx in
            try await tx.rows("SELECT pg_advisory_xact_lock(\(PostgresMigrations.advisoryLock))")
            return try await MigrationRunner(PostgresMigrations.all).migrate(PostgresMigrationSession(transaction: tx))
        }
    }
}
