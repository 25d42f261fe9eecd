import Newsfeeds
import SQLiteDriver
import StarlingCore

/// `NewsfeedRepository` on SQLite: pushed rows go to the feeds file (`SQLiteStore.writeFeeds`), all
/// of a call's rows in one statement (its rows one JSON bind); an author's own rows are in the main file,
/// written with the tweet. Reads and removals cover both.
public struct SQLiteNewsfeedRepository: NewsfeedRepository {
    let store: SQLiteStore

    public init(store: SQLiteStore) {
        self.store = store
    }

    public func insert(tweetID: Int64, authorID: Int64, owners: [Int64]) async throws -> Int {
        guard !owners.isEmpty else { return 0 }
        let binds = [SQL.idArray(owners), tweetID.sqlite, authorID.sqlite]
        return try await store.writeFeeds { tx in try tx.change(Self.insertForOwners, binds) }
    }

    public func insert(_ entries: [NewsfeedEntry]) async throws -> Int {
        guard !entries.isEmpty else { return 0 }
        var writer = JSONWriter(capacity: entries.count * 64 + 2)
        writer.beginArray()
        for entry in entries {
            writer.beginArray()
            writer.int(entry.ownerID)
            writer.int(entry.tweetID)
            writer.int(entry.authorID)
            writer.endArray()
        }
        writer.endArray()
        let binds = [writer.string.sqlite]
        return try await store.writeFeeds { tx in try tx.change(Self.insertEntries, binds) }
    }

    /// A fanout's rows: one tweet (?2, by ?3) for each owner in the JSON array ?1. One statement
    /// text whatever the number of owners, so the feeds writer keeps one prepared statement: with
    /// a `VALUES (?, ?, ?), …` list per number of rows it kept one per follower count it met (up
    /// to its 128), some 30 KB each, and prepared a list of over ~370 rows afresh every time.
    static let insertForOwners = """
        INSERT OR IGNORE INTO newsfeeds (owner_id, tweet_id, author_id) SELECT value, ?2, ?3 FROM json_each(?1)
        """

    /// Rows of any owners and tweets, as a JSON array of `[owner, tweet, author]` arrays (?1): one
    /// statement text whatever their number, as `insertForOwners`.
    static let insertEntries = """
        INSERT OR IGNORE INTO newsfeeds (owner_id, tweet_id, author_id)
        SELECT json_extract(value, '$[0]'), json_extract(value, '$[1]'), json_extract(value, '$[2]') FROM json_each(?1)
        """

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
