import Foundation
import Newsfeeds
import SQLiteDriver
import SQLiteStorage
import StarlingCore
import StarlingTesting
import Testing

/// Statements whose number of values varies (a fanout's followers) keep one text, so that each
/// connection keeps one prepared program for them, not one per number met.
@Suite struct SQLiteStatementTextTests {
    private func openStore() async throws -> SQLiteStore {
        let store = try await SQLiteStore.open(path: TemporaryDirectory.make().appendingPathComponent("starling.sqlite").path, readers: 1)
        try await store.migrate()
        return store
    }

    @Test func fanoutsOfAnyNumberOfFollowersShareOnePreparedStatement() async throws {
        let store = try await openStore()
        let feeds = SQLiteNewsfeedRepository(store: store)
        _ = try await feeds.insert(tweetID: 1, authorID: 1, owners: [1])
        _ = try await feeds.insert([NewsfeedEntry(ownerID: 1, tweetID: 2, authorID: 1)])
        let before = try await store.cachedStatementCounts().feedWriter
        for followers in 2...60 {
            let owners = (1...Int64(followers)).map { $0 * 7 }
            #expect(try await feeds.insert(tweetID: 1_000 + Int64(followers), authorID: 3, owners: owners) == followers)
            let entries = owners.map { NewsfeedEntry(ownerID: $0, tweetID: 5_000 + Int64(followers), authorID: 4) }
            #expect(try await feeds.insert(entries) == followers)
        }
        #expect(try await store.cachedStatementCounts().feedWriter == before,
                "one program for every number of rows (it was one per number, some 30 KB each)")
        try await store.close()
    }

    @Test func rowsGoInExactlyWhateverTheirNumber() async throws {
        let store = try await openStore()
        let feeds = SQLiteNewsfeedRepository(store: store)
        // Past the 1,000 rows a `VALUES` statement took, and ids past 2^53 (JSON numbers kept exact).
        let big: Int64 = 9_007_199_254_740_993
        let owners = (1...Int64(1_500)).map { $0 }
        #expect(try await feeds.insert(tweetID: big, authorID: 2, owners: owners) == 1_500)
        #expect(try await feeds.insert(tweetID: big, authorID: 2, owners: owners) == 0, "a replayed fanout adds nothing")
        #expect(try await feeds.insert(tweetID: 7, authorID: 3, owners: []) == 0)
        let entries = [NewsfeedEntry(ownerID: 9, tweetID: big + 2, authorID: Int64.max),
                       NewsfeedEntry(ownerID: 9, tweetID: 11, authorID: 4),
                       NewsfeedEntry(ownerID: 1, tweetID: big, authorID: 2)]
        #expect(try await feeds.insert(entries) == 2, "the row already pushed is skipped")
        let page = try await feeds.entries(owner: 9, page: PageRequest(limit: 10))
        #expect(page.items == [NewsfeedEntry(ownerID: 9, tweetID: big + 2, authorID: Int64.max),
                               NewsfeedEntry(ownerID: 9, tweetID: big, authorID: 2),
                               NewsfeedEntry(ownerID: 9, tweetID: 11, authorID: 4)])
        #expect(try await feeds.entries(owner: 1_500, page: PageRequest(limit: 10)).items
                == [NewsfeedEntry(ownerID: 1_500, tweetID: big, authorID: 2)])
        try await store.close()
    }

    @Test func activeFollowersOfAnyNumberShareOnePreparedStatement() async throws {
        let store = try await openStore()
        try await store.write { tx in
            for id in 1...Int64(80) {
                try tx.execute("INSERT INTO users (id, username, email, password_hash, created_at) VALUES (?, ?, ?, 'x', ?)",
                               [.integer(Int(id)), .text("u\(id)"), .text("u\(id)@example.com"), .integer(id.isMultiple(of: 2) ? 1_000 : 10)])
            }
        }
        let activity = SQLiteActivityRepository(store: store)
        #expect(try await activity.active(among: [2], since: 500) == [2])
        #expect(try await activity.active(among: [], since: 500) == [])
        let before = try await store.cachedStatementCounts().readers
        for count in 2...60 {
            let ids = (1...Int64(count)).map { $0 } + [10_000]  // an unknown id is not active
            #expect(try await activity.active(among: ids, since: 500) == Set(ids.filter { $0 <= 80 && $0.isMultiple(of: 2) }))
        }
        #expect(try await store.cachedStatementCounts().readers == before, "one program for every number of ids")
        try await store.close()
    }
}
