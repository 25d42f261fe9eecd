/// Applies a store's schema history: ordered, numbered, named `Migration`s, each recorded in a
/// `schema_migrations` table once applied, so a database is brought forward exactly once.
///
/// A database written by a newer Starling (a recorded version this binary does not know) is
/// refused with `SchemaTooNewError` before anything changes. The runner works inside one
/// transaction the store opens (and, on PostgreSQL, serializes across processes): every step
/// applies, or none does.
public struct MigrationRunner: Sendable {
    /// The history this binary knows, oldest first.
    public let migrations: [Migration]

    /// The bookkeeping table, the same in every SQL dialect Starling speaks.
    public static let bookkeeping =
        "CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL)"

    public init(_ migrations: [Migration]) {
        precondition(zip(migrations, migrations.dropFirst()).allSatisfy { $0.version < $1.version },
                     "migrations are numbered in ascending order")
        self.migrations = migrations
    }

    /// The version a fully migrated database is at.
    public var latestVersion: Int { migrations.last?.version ?? 0 }

    /// Applies every migration newer than the database's recorded version, in order, and returns
    /// the versions applied (none when it is current).
    public func migrate(_ session: some MigrationSession) async throws -> [Int] {
        try await session.execute(Self.bookkeeping)
        let current = try await session.recordedVersion()
        guard current <= latestVersion else {
            throw SchemaTooNewError(databaseVersion: current, binaryVersion: latestVersion)
        }
        var applied: [Int] = []
        for migration in migrations where migration.version > current {
            for statement in migration.statements { try await session.execute(statement) }
            try await session.record(migration)
            applied.append(migration.version)
        }
        return applied
    }
}
