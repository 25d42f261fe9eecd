import Foundation
import SQLiteStorage
import StarlingCore
import StarlingTesting
import HTTPTypes
import Testing

@Suite struct SQLiteStoreTests {
    @Test func migrationsApplyOnceAndTheDatabaseIsInWALMode() async throws {
        let path = TemporaryDirectory.make().appendingPathComponent("db.sqlite").path
        let store = try await SQLiteStore.open(path: path, readers: 1)
        #expect(try await store.migrate() == SQLiteStore.migrations.map(\.version), "a new database gets every step")
        #expect(try await store.migrate() == [], "a second run applies nothing")
        let mode = try await store.read("PRAGMA journal_mode").first?.column("journal_mode")?.string
        #expect(mode == "wal")
        try await store.close()
    }

    @Test func aSchemaNewerThanTheBinaryIsRefused() async throws {
        let path = TemporaryDirectory.make().appendingPathComponent("db.sqlite").path
        let store = try await SQLiteStore.open(path: path, readers: 1)
        try await store.migrate()
        try await store.write { tx in
            try tx.execute("INSERT INTO schema_migrations (version, name) VALUES (999, 'from_the_future')")
        }
        await #expect(throws: SchemaTooNewError.self) { try await store.migrate() }
        try await store.close()
    }

    @Test func aFailedTransactionLeavesNothingBehind() async throws {
        let store = try await Backend.openSQLite(at: TemporaryDirectory.make().appendingPathComponent("db.sqlite").path)
        struct Boom: Error {}
        await #expect(throws: Boom.self) {
            try await store.write { tx in
                try tx.execute("INSERT INTO outbox (id, name, payload) VALUES (1, 'a', '{}')")
                throw Boom()
            }
        }
        #expect(try await store.read("SELECT COUNT(*) AS n FROM outbox").first?.column("n")?.integer == 0)
    }

    @Test func concurrentTransactionsAreSerialized() async throws {
        let store = try await Backend.openSQLite(at: TemporaryDirectory.make().appendingPathComponent("db.sqlite").path)
        try await withThrowingTaskGroup(of: Void.self) { group in
            for n in 0..<50 {
                group.addTask {
                    try await store.write { tx in
                        let count = try tx.execute("SELECT COUNT(*) AS n FROM outbox").first?.column("n")?.integer ?? 0
                        try tx.execute("INSERT INTO outbox (id, name, payload) VALUES (?, ?, '{}')", [.integer(count + 1), .text("job\(n)")])
                    }
                }
            }
            try await group.waitForAll()
        }
        #expect(try await store.read("SELECT MAX(id) AS n FROM outbox").first?.column("n")?.integer == 50,
                "each transaction saw the one before it")
    }
}
