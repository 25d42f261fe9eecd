import Newsfeeds
import SQLiteDriver
import StarlingCore

/// `NewsfeedRepository` on SQLite: pushed rows go to the feeds file (`SQLiteStore.writeFeeds`), in
/// bulk inserts of up to 1,000 rows per statement; an author's own rows are in the main file,
/// written with the tweet. Reads and removals cover both.
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
        return try await store.writeFeeds { [binds] tx in
            try tx.insert(into: "newsfeeds (owner_id, tweet_id, author_id)", width: 3, binds: binds, ignoringDuplicates: true)
        }
    }

    public func entries(owner: Int64, page: PageRequest) async throws -> Page<NewsfeedEntry> {
        let rows = try await store.read(Self.entries, [owner.sqlite] + SQL.pageBinds(page))
        return page.page(fromNewestFirst: rows.map {
            NewsfeedEntry(ownerID: $0.int64("owner_id"), tweetID: $0.int64("tweet_id"), authorID: $0.int64("author_id"))
        })
    }

    /// A page of one owner's rows from both files, newest first: SQLite merges the two key-order
    /// scans and stops at the limit, with no sort and no temporary table (binds: owner, before,
    /// after, limit).
    static let entries = """
        SELECT owner_id, tweet_id, author_id FROM main.newsfeeds WHERE owner_id = ?1 AND tweet_id < ?2 AND tweet_id > ?3
        UNION
        SELECT owner_id, tweet_id, author_id FROM feeds.newsfeeds WHERE owner_id = ?1 AND tweet_id < ?2 AND tweet_id > ?3
        ORDER BY tweet_id DESC LIMIT ?4
        """

    public func remove(tweetID: Int64) async throws -> Int {
        try await remove("DELETE FROM newsfeeds WHERE tweet_id = ?", [tweetID.sqlite])
    }

    public func remove(authorID: Int64, fromFeedOf owner: Int64) async throws -> Int {
        try await remove("DELETE FROM newsfeeds WHERE owner_id = ? AND author_id = ?", [owner.sqlite, authorID.sqlite])
    }

    /// Runs a deletion in the feeds file, then in the main file.
    private func remove(_ sql: String, _ binds: [SQLiteData]) async throws -> Int {
        let pushed = try await store.writeFeeds { tx in try tx.change(sql, binds) }
        return try await pushed + store.write { tx in try tx.change(sql, binds) }
    }
}
