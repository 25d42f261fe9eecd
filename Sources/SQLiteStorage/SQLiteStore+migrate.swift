import StarlingCore

extension SQLiteStore {
    /// The schema history this binary knows, oldest first.
    public static var migrations: [Migration] { SQLiteMigrations.all }

    /// Applies every migration the database lacks, in one write transaction (the writer lock keeps
    /// out every other writer of this store). Refuses a schema newer than this binary. Returns the
    /// versions applied.
    @discardableResult
    public func migrate() async throws -> [Int] {
        try await writeSession { tx in
            try await MigrationRunner(SQLiteMigrations.all).migrate(SQLiteMigrationSession(transaction: tx))
        }
    }
}
