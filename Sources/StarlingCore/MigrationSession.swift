/// What `MigrationRunner` needs from one SQL store, inside the one transaction it migrates in.
/// Each store adapts its own transaction type in a few lines; the runner holds the logic.
public protocol MigrationSession: Sendable {
    /// Runs one schema statement.
    func execute(_ statement: String) async throws
    /// The highest version recorded in `schema_migrations`; 0 when none is.
    func recordedVersion() async throws -> Int
    /// Records in `schema_migrations` that `migration` was applied.
    func record(_ migration: Migration) async throws
}
