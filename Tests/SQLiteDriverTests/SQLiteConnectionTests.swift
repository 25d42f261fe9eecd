import Foundation
import SQLiteDriver
import Testing

@Suite struct SQLiteConnectionTests {
    private static func temporaryPath() -> String {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("sqlite-driver-\(UUID().uuidString)")
        try? FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        return directory.appendingPathComponent("db.sqlite").path
    }

    private static func openTable(capacity: Int = 128) async throws -> (SQLiteConnection, String) {
        let path = temporaryPath()
        let connection = try await SQLiteConnection.open(path: path, statementCacheCapacity: capacity)
        _ = try await connection.query("PRAGMA journal_mode=WAL")
        _ = try await connection.query("CREATE TABLE t (id INTEGER PRIMARY KEY, value)")
        return (connection, path)
    }

    @Test func aStatementRunAgainIsTakenFromTheCache() async throws {
        let (connection, _) = try await Self.openTable()
        let before = try await connection.cachedStatementCount()
        for id in 1...20 {
            _ = try await connection.query("INSERT INTO t (id, value) VALUES (?, ?)", [.integer(id), .text("v\(id)")])
        }
        #expect(try await connection.cachedStatementCount() == before + 1, "one statement, prepared once")
        let rows = try await connection.query("SELECT id, value FROM t WHERE id > ? ORDER BY id", [.integer(18)])
        #expect(rows.map { $0.column("value")?.string } == ["v19", "v20"], "its binds were reset between runs")
        try await connection.close()
    }

    @Test func aBatchRunsItsStatementsInOneCallWithNothingBetweenThem() async throws {
        let (connection, _) = try await Self.openTable()
        // A statement sent while the batch runs waits for the whole batch: it sees all of it.
        async let batch: Int = connection.batch { batch in
            try batch.query("BEGIN IMMEDIATE")
            for id in 1...200 {
                _ = try batch.change("INSERT INTO t (id, value) VALUES (?, ?)", [.integer(id), .text("v")])
            }
            let counted = try batch.query("SELECT COUNT(*) AS n FROM t").first?.column("n")?.integer ?? -1
            try batch.query("COMMIT")
            return counted
        }
        let seen = try await connection.query("SELECT COUNT(*) AS n FROM t").first?.column("n")?.integer
        #expect(try await batch == 200)
        #expect(seen == 0 || seen == 200, "never a part of the batch")
        struct Boom: Error {}
        await #expect(throws: Boom.self) { try await connection.batch { _ in throw Boom() } }
        #expect(try await connection.batch { try $0.change("DELETE FROM t WHERE id > ?", [.integer(100)]) } == 100)
        try await connection.close()
    }

    @Test func theCacheIsBoundedAndEvictsTheLeastRecentlyUsed() async throws {
        let (connection, _) = try await Self.openTable(capacity: 2)
        for n in 1...5 {
            let rows = try await connection.query("SELECT \(n) AS n")
            #expect(rows.first?.column("n")?.integer == n)
        }
        #expect(try await connection.cachedStatementCount() == 2)
        try await connection.close()
    }

    @Test func everyTypeOfBindComesBackAsItWent() async throws {
        let (connection, _) = try await Self.openTable()
        let values: [SQLiteData] = [
            .integer(Int.max), .integer(Int.min), .integer(0), .float(1.5), .float(-0.25),
            .text("héllo ✓"), .text(""), .blob([0, 1, 2, 255]), .blob([]), .null,
        ]
        for (offset, value) in values.enumerated() {
            _ = try await connection.query("INSERT INTO t (id, value) VALUES (?, ?)", [.integer(offset), value])
        }
        let rows = try await connection.query("SELECT value, typeof(value) AS type FROM t ORDER BY id")
        let expected: [SQLiteData] = values.map { if case .blob(let bytes) = $0, bytes.isEmpty { .blob([]) } else { $0 } }
        #expect(rows.map { $0.column("value") } == expected)
        #expect(rows.map { $0.column("type")?.string } == ["integer", "integer", "integer", "real", "real",
                                                          "text", "text", "blob", "blob", "null"],
                "empty text and an empty blob are not NULL")
        try await connection.close()
    }

    @Test func aLongStatementRunsAndIsNotCached() async throws {
        let (connection, _) = try await Self.openTable()
        let before = try await connection.cachedStatementCount()
        let rows = 1_000
        let values = Array(repeating: "(?, ?)", count: rows).joined(separator: ", ")
        let binds = (0..<rows).flatMap { [SQLiteData.integer($0), .text("row \($0)")] }
        #expect(try await connection.change("INSERT INTO t (id, value) VALUES \(values)", binds) == rows)
        #expect(try await connection.cachedStatementCount() == before, "a bulk statement is prepared for one use")
        try await connection.close()
    }

    @Test func nullsReadAsNull() async throws {
        let (connection, _) = try await Self.openTable()
        let row = try await connection.query("SELECT NULL AS a, ? AS b", [.null]).first
        #expect(row?.column("a")?.isNull == true)
        #expect(row?.column("b")?.isNull == true)
        #expect(row?.column("a")?.string == nil)
        #expect(row?.column("missing") == nil, "a column the result lacks")
        try await connection.close()
    }

    @Test func errorsAreThrownWithSQLitesMessageAndTheStatementStaysUsable() async throws {
        let (connection, _) = try await Self.openTable()
        let insert = "INSERT INTO t (id, value) VALUES (?, ?)"
        _ = try await connection.query(insert, [.integer(1), .text("a")])
        let duplicate = await #expect(throws: SQLiteError.self) {
            _ = try await connection.query(insert, [.integer(1), .text("b")])
        }
        #expect(duplicate?.isConstraint == true)
        #expect(duplicate?.message.contains("UNIQUE constraint failed: t.id") == true, "\(String(describing: duplicate))")
        let syntax = await #expect(throws: SQLiteError.self) { _ = try await connection.query("SELEC 1") }
        #expect(syntax?.message.contains("syntax error") == true)
        await #expect(throws: SQLiteError.self) { _ = try await connection.query("SELECT 1; SELECT 2") }
        _ = try await connection.query(insert, [.integer(2), .text("b")])
        #expect(try await connection.query("SELECT COUNT(*) AS n FROM t").first?.column("n")?.integer == 2)
        try await connection.close()
    }

    @Test func changeCountsTheRowsAStatementChanged() async throws {
        let (connection, _) = try await Self.openTable()
        for id in 1...5 { _ = try await connection.query("INSERT INTO t (id, value) VALUES (?, 0)", [.integer(id)]) }
        #expect(try await connection.change("UPDATE t SET value = 1 WHERE id <= ?", [.integer(3)]) == 3)
        #expect(try await connection.change("DELETE FROM t WHERE id > ?", [.integer(10)]) == 0)
        try await connection.close()
    }

    @Test func aWriterWaitsForTheBusyTimeoutThenGetsSQLiteBusy() async throws {
        let (first, path) = try await Self.openTable()
        let second = try await SQLiteConnection.open(path: path)
        _ = try await second.query("PRAGMA busy_timeout=100")
        _ = try await first.query("BEGIN IMMEDIATE")
        let started = ContinuousClock.now
        let busy = await #expect(throws: SQLiteError.self) { _ = try await second.query("BEGIN IMMEDIATE") }
        #expect(busy?.isBusy == true)
        #expect(ContinuousClock.now - started >= .milliseconds(90), "it waited for the lock first")
        _ = try await first.query("COMMIT")
        _ = try await second.query("BEGIN IMMEDIATE")
        _ = try await second.query("COMMIT")
        try await first.close()
        try await second.close()
    }

    @Test func readersSeeWholeCommitsWhileAWriterCommitsUnderWAL() async throws {
        let (writer, path) = try await Self.openTable()
        let readers = [try await SQLiteConnection.open(path: path), try await SQLiteConnection.open(path: path)]
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask {
                for batch in 0..<50 {
                    _ = try await writer.query("BEGIN IMMEDIATE")
                    for n in 0..<4 {
                        _ = try await writer.query("INSERT INTO t (id, value) VALUES (?, 'x')", [.integer(batch * 4 + n)])
                    }
                    _ = try await writer.query("COMMIT")
                }
            }
            for reader in readers {
                group.addTask {
                    var last = 0
                    while last < 200 {
                        let count = try await reader.query("SELECT COUNT(*) AS n FROM t").first?.column("n")?.integer ?? -1
                        #expect(count % 4 == 0, "a reader never sees half a transaction")
                        #expect(count >= last, "nor goes back in time")
                        last = count
                    }
                }
            }
            try await group.waitForAll()
        }
        for reader in readers { try await reader.close() }
        try await writer.close()
    }

    @Test func aClosedConnectionRefusesStatements() async throws {
        let (connection, _) = try await Self.openTable()
        try await connection.close()
        let error = await #expect(throws: SQLiteError.self) { _ = try await connection.query("SELECT 1") }
        #expect(error?.message == "the connection is closed")
        try await connection.close()
    }
}
