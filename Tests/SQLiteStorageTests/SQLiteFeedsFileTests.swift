import Dispatch
import Foundation
import SQLiteDriver
import SQLiteStorage
import StarlingCore
import StarlingTesting
import Testing

/// The feeds file beside the main one, and the main file's background checkpoints.
@Suite struct SQLiteFeedsFileTests {
    private func openStore() async throws -> (SQLiteStore, URL) {
        let directory = TemporaryDirectory.make()
        let store = try await SQLiteStore.open(path: directory.appendingPathComponent("starling.sqlite").path, readers: 1)
        try await store.migrate()
        return (store, directory)
    }

    private func count(_ sql: String, in store: SQLiteStore) async throws -> Int? {
        try await store.read(sql).first?.column("n")?.integer
    }

    @Test func pushedRowsGoToTheFeedsFileAndAFeedReadsBothFiles() async throws {
        let (store, directory) = try await openStore()
        let feeds = SQLiteNewsfeedRepository(store: store)
        // The author's own row is written in the main file, with the tweet.
        try await store.write { tx in try tx.execute("INSERT INTO newsfeeds (owner_id, tweet_id, author_id) VALUES (1, 30, 1)") }
        #expect(try await feeds.insert(tweetID: 20, authorID: 2, owners: [1, 3]) == 2)
        #expect(try await feeds.insert(tweetID: 40, authorID: 2, owners: [1]) == 1)
        #expect(try await feeds.insert(tweetID: 40, authorID: 2, owners: [1]) == 0, "a replayed fanout adds nothing")

        #expect(FileManager.default.fileExists(atPath: directory.appendingPathComponent("starling-feeds.sqlite").path))
        #expect(try await store.read("PRAGMA feeds.page_size").first?.column("page_size")?.integer == 1_024,
                "a fanout dirties a page per follower: small pages, fewer bytes to log")
        #expect(try await count("SELECT COUNT(*) AS n FROM main.newsfeeds", in: store) == 1)
        #expect(try await count("SELECT COUNT(*) AS n FROM feeds.newsfeeds", in: store) == 3)

        let whole = try await feeds.entries(owner: 1, page: PageRequest(limit: 10))
        #expect(whole.items.map(\.tweetID) == [40, 30, 20], "one page, newest first, from both files")
        let first = try await feeds.entries(owner: 1, page: PageRequest(limit: 2))
        #expect(first.items.map(\.tweetID) == [40, 30] && first.hasNextPage)
        let next = try await feeds.entries(owner: 1, page: PageRequest(olderThan: 30, limit: 2))
        #expect(next.items.map(\.tweetID) == [20] && !next.hasNextPage)

        #expect(try await feeds.remove(tweetID: 30) == 1)
        #expect(try await feeds.remove(authorID: 2, fromFeedOf: 1) == 2)
        #expect(try await feeds.entries(owner: 1, page: PageRequest(limit: 10)).items.isEmpty)
        #expect(try await feeds.entries(owner: 3, page: PageRequest(limit: 10)).items.map(\.tweetID) == [20])
        try await store.close()
    }

    @Test func aFanoutsWriteDoesNotWaitForTheMainWriter() async throws {
        let (store, _) = try await openStore()
        let feeds = SQLiteNewsfeedRepository(store: store)
        let inside = DispatchSemaphore(value: 0)
        let release = DispatchSemaphore(value: 0)
        // A main transaction that holds the writer until the fanout's insert has returned (or 10 s).
        let main = Task {
            try await store.write { _ in
                inside.signal()
                return release.wait(timeout: .now() + 10) == .timedOut
            }
        }
        await withCheckedContinuation { continuation in
            DispatchQueue.global().async { inside.wait(); continuation.resume() }
        }
        #expect(try await feeds.insert(tweetID: 7, authorID: 2, owners: [1, 3, 5]) == 3)
        release.signal()
        #expect(try await main.value == false, "the insert went in while the main transaction was open")
        try await store.close()
    }

    @Test func theLogIsCopiedInTheBackgroundAndNotInCommits() async throws {
        let (store, directory) = try await openStore()
        let checkpoints = Task { await store.checkpointContinuously(every: .milliseconds(5)) }
        func automaticCheckpoint() async throws -> Int? {
            try await store.write { tx in try tx.execute("PRAGMA wal_autocheckpoint").first?.column("wal_autocheckpoint")?.integer }
        }
        // Wait until the checkpointer has turned the writer's own checkpoints off.
        var turnedOff = false
        for _ in 0..<500 where !turnedOff {
            turnedOff = try await automaticCheckpoint() == 0
            if !turnedOff { try await Task.sleep(for: .milliseconds(10)) }
        }
        #expect(turnedOff, "no commit checkpoints while the background does")

        // 50 transactions: far under the 1,000 pages after which a commit would checkpoint.
        for id in 1...50 {
            try await store.write { tx in try tx.execute("INSERT INTO outbox (id, name, payload) VALUES (?, 'a', '{}')", [.integer(id)]) }
        }
        // The database file alone (a copy, without its log) holds them once they are copied.
        let main = directory.appendingPathComponent("starling.sqlite")
        var copied = 0
        for attempt in 0..<500 where copied < 50 {
            let copy = directory.appendingPathComponent("copy-\(attempt).sqlite")
            try FileManager.default.copyItem(at: main, to: copy)
            if let connection = try? await SQLiteConnection.open(path: copy.path) {
                copied = (try? await connection.query("SELECT COUNT(*) AS n FROM outbox").first?.column("n")?.integer) ?? 0
                try? await connection.close()
            }
            if copied < 50 { try await Task.sleep(for: .milliseconds(10)) }
        }
        #expect(copied == 50, "the background checkpoint copied the log into the database file")

        checkpoints.cancel()
        await checkpoints.value
        #expect(try await automaticCheckpoint() == 1_000, "SQLite's own checkpoints are back once it stops")
        try await store.close()
    }

    @Test func underWritesThatNeverPauseTheLogIsStillRewound() async throws {
        let (store, directory) = try await openStore()
        let checkpoints = Task { await store.checkpointContinuously(every: .milliseconds(1), rewindAbovePages: 64) }
        let payload = String(repeating: "x", count: 3_000)
        // Two writers back to back: a transaction is always waiting, so the log is never all
        // copied when one begins, and SQLite never rewinds it by itself.
        try await withThrowingTaskGroup(of: Void.self) { group in
            for writer in 0..<2 {
                group.addTask {
                    for n in 1...1_000 {
                        try await store.write { tx in
                            try tx.execute("INSERT INTO outbox (id, name, payload) VALUES (?, 'a', ?)", [.integer(writer * 1_000 + n), .text(payload)])
                        }
                    }
                }
            }
            try await group.waitForAll()
        }
        checkpoints.cancel()
        await checkpoints.value
        let log = try FileManager.default.attributesOfItem(atPath: directory.appendingPathComponent("starling.sqlite-wal").path)[.size] as? Int ?? 0
        // Measured: 46.9 MB of log without the rewind on the writer's queue, 2.4–3.8 MB with it.
        #expect(log < 16 << 20, "the log was rewound while the writes went on")
        try await store.close()
    }

    // MARK: The feeds file without syncs, and its rebuild after the machine went down

    private func markers(in directory: URL) throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: directory.path).filter { $0.hasPrefix("starling-feeds.sqlite-unsynced.") }.sorted()
    }

    private func writeMarker(_ name: String, bootID: String, in directory: URL) throws {
        try (bootID + "\n").write(to: directory.appendingPathComponent("starling-feeds.sqlite-unsynced.\(name)"), atomically: false, encoding: .utf8)
    }

    private func thisBoot() throws -> String {
        try String(contentsOfFile: "/proc/sys/kernel/random/boot_id", encoding: .utf8).trimmingCharacters(in: .whitespacesAndNewlines)
    }

    private func feedRows(in store: SQLiteStore) async throws -> [String] {
        try await store.read("SELECT owner_id, tweet_id, author_id FROM feeds.newsfeeds ORDER BY owner_id, tweet_id").map {
            "\($0.column("owner_id")?.integer ?? 0):\($0.column("tweet_id")?.integer ?? 0):\($0.column("author_id")?.integer ?? 0)"
        }
    }

    /// Users 1 and 2 follow 3; 3 posted tweets 30 and 31, 1 posted 10; rows as fanout wrote them.
    private func storeWithFeeds() async throws -> (SQLiteStore, URL) {
        let (store, directory) = try await openStore()
        try await store.write { tx in
            try tx.execute("INSERT INTO friendships (from_user_id, to_user_id, id) VALUES (1, 3, 1), (2, 3, 2)")
            try tx.execute("INSERT INTO tweets (id, user_id, content) VALUES (10, 1, 'a'), (30, 3, 'b'), (31, 3, 'c')")
            try tx.execute("INSERT INTO newsfeeds (owner_id, tweet_id, author_id) VALUES (1, 10, 1), (3, 30, 3), (3, 31, 3)")
        }
        let feeds = SQLiteNewsfeedRepository(store: store)
        #expect(try await feeds.insert(tweetID: 30, authorID: 3, owners: [1, 2]) == 2)
        #expect(try await feeds.insert(tweetID: 31, authorID: 3, owners: [1, 2]) == 2)
        return (store, directory)
    }

    @Test func theFeedsFileIsWrittenWithoutSyncsAndMarkedWhileOpen() async throws {
        let (store, directory) = try await openStore()
        let mode = try await store.writeFeeds { tx in try tx.execute("PRAGMA synchronous").first?.column("synchronous")?.integer }
        #expect(mode == 0, "no fsync in the feeds file's commits or checkpoints")
        let open = try markers(in: directory)
        #expect(open.count == 1 && open[0].hasPrefix("starling-feeds.sqlite-unsynced.\(getpid())."))
        #expect(try String(contentsOf: directory.appendingPathComponent(open[0]), encoding: .utf8).contains(try thisBoot()))
        try await store.close()
        #expect(try markers(in: directory).isEmpty, "synced at close, so its marker is gone")
    }

    @Test func aMarkerOfAnotherBootMakesTheFeedsFileBeWrittenAgain() async throws {
        let (store, directory) = try await storeWithFeeds()
        // Rows the machine's crash may have lost or torn: one missing, one that should not be there.
        try await store.writeFeeds { tx in
            try tx.execute("DELETE FROM newsfeeds WHERE owner_id = 2 AND tweet_id = 31")
            try tx.execute("INSERT INTO newsfeeds (owner_id, tweet_id, author_id) VALUES (2, 99, 3)")
        }
        try await store.close()
        try writeMarker("4242.1", bootID: "00000000-0000-0000-0000-000000000000", in: directory)

        let reopened = try await SQLiteStore.open(path: directory.appendingPathComponent("starling.sqlite").path, readers: 1)
        #expect(try await feedRows(in: reopened) == ["1:10:1", "1:30:3", "1:31:3", "2:30:3", "2:31:3", "3:30:3", "3:31:3"],
                "every follower's followee tweets and every author's own, from the main file")
        #expect(try await reopened.read("SELECT name FROM feeds.sqlite_master WHERE name = 'newsfeeds_tweet'").count == 1)
        let left = try markers(in: directory)
        #expect(left.count == 1 && left[0].hasPrefix("starling-feeds.sqlite-unsynced.\(getpid())."), "the other boot's marker is gone")
        let page = try await SQLiteNewsfeedRepository(store: reopened).entries(owner: 1, page: PageRequest(limit: 10))
        #expect(page.items.map(\.tweetID) == [31, 30, 10])
        try await reopened.close()
    }

    @Test func aMarkerOfThisBootIsRemovedWithoutARebuildOnceItsProcessIsGone() async throws {
        let (store, directory) = try await storeWithFeeds()
        try await store.writeFeeds { tx in try tx.execute("INSERT INTO newsfeeds (owner_id, tweet_id, author_id) VALUES (2, 99, 3)") }
        try await store.close()
        let ended = Process()
        ended.executableURL = URL(fileURLWithPath: "/bin/true")
        try ended.run()
        ended.waitUntilExit()
        try writeMarker("\(ended.processIdentifier).1", bootID: try thisBoot(), in: directory)
        try writeMarker("\(getpid()).7", bootID: try thisBoot(), in: directory)

        let reopened = try await SQLiteStore.open(path: directory.appendingPathComponent("starling.sqlite").path, readers: 1)
        #expect(try await feedRows(in: reopened).contains("2:99:3"), "the process died, the machine did not: nothing rebuilt")
        let left = try markers(in: directory)
        #expect(!left.contains("starling-feeds.sqlite-unsynced.\(ended.processIdentifier).1"), "its process is gone")
        #expect(left.contains("starling-feeds.sqlite-unsynced.\(getpid()).7"), "a live process's marker stays")
        #expect(left.count == 2)
        try await reopened.close()
    }

    @Test func aRebuildThatFailsLeavesTheOtherBootsMarkerForTheNextOpen() async throws {
        let directory = TemporaryDirectory.make()
        let path = directory.appendingPathComponent("starling.sqlite").path
        // A main file whose tables the rebuild cannot read.
        let main = try await SQLiteConnection.open(path: path)
        _ = try await main.query("CREATE TABLE tweets (id INTEGER PRIMARY KEY)")
        _ = try await main.query("CREATE TABLE friendships (id INTEGER PRIMARY KEY)")
        try await main.close()
        try writeMarker("4242.1", bootID: "00000000-0000-0000-0000-000000000000", in: directory)

        await #expect(throws: (any Error).self) { try await SQLiteStore.open(path: path, readers: 1) }
        #expect(try markers(in: directory).contains("starling-feeds.sqlite-unsynced.4242.1"), "the next open rebuilds again")
    }
}
