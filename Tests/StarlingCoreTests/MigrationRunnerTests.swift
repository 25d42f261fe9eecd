import StarlingCore
import Synchronization
import Testing

/// The one migration runner, on a session that only records what it is asked to do.
@Suite struct MigrationRunnerTests {
    /// A database as the runner sees it: statements run, and the versions recorded.
    final class RecordingSession: MigrationSession {
        let state = Mutex<(statements: [String], recorded: [Int])>(([], []))

        init(recorded: [Int] = []) {
            state.withLock { $0.recorded = recorded }
        }

        var statements: [String] { state.withLock { $0.statements } }

        func execute(_ statement: String) async throws { state.withLock { $0.statements.append(statement) } }
        func recordedVersion() async throws -> Int { state.withLock { $0.recorded.max() ?? 0 } }
        func record(_ migration: Migration) async throws { state.withLock { $0.recorded.append(migration.version) } }
    }

    let runner = MigrationRunner([
        Migration(version: 1, name: "one", statements: ["a", "b"]),
        Migration(version: 2, name: "two", statements: ["c"]),
        Migration(version: 3, name: "three", statements: ["d"]),
    ])

    @Test func aNewDatabaseGetsEveryStepInOrderAfterTheBookkeeping() async throws {
        let session = RecordingSession()
        #expect(try await runner.migrate(session) == [1, 2, 3])
        #expect(session.statements == [MigrationRunner.bookkeeping, "a", "b", "c", "d"])
        #expect(try await runner.migrate(session) == [], "a second run applies nothing")
    }

    @Test func onlyTheMissingStepsAreApplied() async throws {
        let session = RecordingSession(recorded: [1, 2])
        #expect(try await runner.migrate(session) == [3])
        #expect(session.statements == [MigrationRunner.bookkeeping, "d"])
    }

    @Test func aDatabaseFromANewerStarlingIsRefusedUntouched() async throws {
        let session = RecordingSession(recorded: [1, 2, 3, 4])
        let error = await #expect(throws: SchemaTooNewError.self) { try await runner.migrate(session) }
        #expect(error?.databaseVersion == 4 && error?.binaryVersion == 3)
        #expect(session.statements == [MigrationRunner.bookkeeping])
    }
}
