import SQLiteDriver
import StarlingCore

/// `MigrationSession` on a SQLite write transaction.
struct SQLiteMigrationSession: MigrationSession {
    let transaction: SQLiteSessionTransaction

    func execute(_ statement: String) async throws {
        try await transaction.execute(statement)
    }

    func recordedVersion() async throws -> Int {
        try await transaction.execute("SELECT COALESCE(MAX(version), 0) AS v FROM schema_migrations").first?.int("v") ?? 0
    }

    func record(_ migration: Migration) async throws {
        try await transaction.execute("INSERT INTO schema_migrations (version, name) VALUES (?, ?)",
                                      [migration.version.sqlite, migration.name.sqlite])
    }
}
