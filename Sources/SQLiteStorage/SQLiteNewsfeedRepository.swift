import Newsfeeds
import SQLiteDriver
import StarlingCore

/// `NewsfeedRepository` on SQLite: bulk inserts of up to 1,000 rows per statement.
public struct SQLiteNewsfeedRepository: NewsfeedRepository {
    let store: SQLiteStore

    public init(store: SQLiteStore) {
        self.store = store
    }

    public func insert(tweetID: Int64, authorID: Int64, owners: [Int64]) async throws -> Int {
        try await insert(owners.map { NewsfeedEntry(ownerID: $0, tweetID: tweetID, authorID: authorID) })
    }

    public func insert(_ entries: [NewsfeedEntry]) async throws -> Int {
        guard !entries.isEmpty else { return 0 }
        var binds: [SQLiteData] = []
        binds.reserveCapacity(entries.count * 3)
        for entry in entries {
            binds += [entry.ownerID.sqlite, entry.tweetID.sqlite, entry.authorID.sqlite]
        }
        return try await store.write { [binds] tx in
            try tx.insert(into: "newsfeeds (owner_id, tweet_id, author_id)", width: 3, binds: binds, ignoringDuplicates: true)
        }
    }

    public func entries(owner: Int64, page: PageRequest) async throws -> Page<NewsfeedEntry> {
        let rows = try await store.read(
            "SELECT owner_id, tweet_id, author_id FROM newsfeeds WHERE owner_id = ? AND tweet_id < ? AND tweet_id > ? ORDER BY tweet_id DESC LIMIT ?",
            [owner.sqlite] + SQL.pageBinds(page))
        return page.page(fromNewestFirst: rows.map {
            NewsfeedEntry(ownerID: $0.int64("owner_id"), tweetID: $0.int64("tweet_id"), authorID: $0.int64("author_id"))
        })
    }

    public func remove(tweetID: Int64) async throws -> Int {
        try await store.write { tx in
            try tx.change("DELETE FROM newsfeeds WHERE tweet_id = ?", [tweetID.sqlite])
        }
    }

    public func remove(authorID: Int64, fromFeedOf owner: Int64) async throws -> Int {
        try await store.write { tx in
            try tx.change("DELETE FROM newsfeeds WHERE owner_id = ? AND author_id = ?", [owner.sqlite, authorID.sqlite])
        }
    }
}
