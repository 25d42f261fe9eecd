import PostgresNIO
import StarlingCore

/// `MigrationSession` on a PostgreSQL transaction.
struct PostgresMigrationSession: MigrationSession {
    let transaction: PostgresTransaction

    func execute(_ statement: String) async throws {
        try await transaction.rows(PostgresQuery(unsafeSQL: statement))
    }

    func recordedVersion() async throws -> Int {
        try await transaction.rows("SELECT COALESCE(MAX(version), 0)::BIGINT FROM schema_migrations").first?.decode(Int.self) ?? 0
    }

    func record(_ migration: Migration) async throws {
        try await transaction.rows("INSERT INTO schema_migrations (version, name) VALUES (\(migration.version), \(migration.name))")
    }
}
