import Newsfeeds
import PostgresNIO
import StarlingCore

/// `NewsfeedRepository` on PostgreSQL. A batch of rows is one statement whatever its size: the
/// values travel as arrays that `UNNEST` turns into rows, and `ON CONFLICT DO NOTHING` makes a
/// replayed batch harmless.
public struct PostgresNewsfeedRepository: NewsfeedRepository {
    let store: PostgresStore

    public init(store: PostgresStore) {
        self.store = store
    }

    public func insert(tweetID: Int64, authorID: Int64, owners: [Int64]) async throws -> Int {
        guard !owners.isEmpty else { return 0 }
        return try await store.rows("""
            WITH inserted AS (
                INSERT INTO newsfeeds (owner_id, tweet_id, author_id)
                SELECT owner_id, \(tweetID), \(authorID) FROM UNNEST(\(owners)::BIGINT[]) AS owner_id
                ON CONFLICT DO NOTHING RETURNING 1
            )
            SELECT COUNT(*) FROM inserted
            """).first?.decode(Int.self) ?? 0
    }

    public func insert(_ entries: [NewsfeedEntry]) async throws -> Int {
        guard !entries.isEmpty else { return 0 }
        return try await store.rows("""
            WITH inserted AS (
                INSERT INTO newsfeeds (owner_id, tweet_id, author_id)
                SELECT * FROM UNNEST(\(entries.map(\.ownerID))::BIGINT[], \(entries.map(\.tweetID))::BIGINT[],
                                     \(entries.map(\.authorID))::BIGINT[])
                ON CONFLICT DO NOTHING RETURNING 1
            )
            SELECT COUNT(*) FROM inserted
            """).first?.decode(Int.self) ?? 0
    }

    public func entries(owner: Int64, page: PageRequest) async throws -> Page<NewsfeedEntry> {
        // One row of two arrays rather than a row per entry: a cache fill reads up to 801 entries,
        // and postgres-nio's work per row message (not the query) was most of such a read's CPU.
        let rows = try await store.rows("""
            SELECT COALESCE(array_agg(tweet_id ORDER BY tweet_id DESC), '{}'), COALESCE(array_agg(author_id ORDER BY tweet_id DESC), '{}')
            FROM (SELECT tweet_id, author_id FROM newsfeeds
                  WHERE owner_id = \(owner) AND tweet_id < \(page.upper) AND tweet_id > \(page.lower)
                  ORDER BY tweet_id DESC LIMIT \(page.rows)) AS entries
            """)
        guard let row = rows.first else { return page.page(fromNewestFirst: []) }
        let (tweetIDs, authorIDs) = try row.decode(([Int64], [Int64]).self)
        return page.page(fromNewestFirst: zip(tweetIDs, authorIDs).map { NewsfeedEntry(ownerID: owner, tweetID: $0, authorID: $1) })
    }

    public func remove(tweetID: Int64) async throws -> Int {
        try await store.rows("WITH deleted AS (DELETE FROM newsfeeds WHERE tweet_id = \(tweetID) RETURNING 1) SELECT COUNT(*) FROM deleted")
            .first?.decode(Int.self) ?? 0
    }

    public func remove(authorID: Int64, fromFeedOf owner: Int64) async throws -> Int {
        try await store.rows("""
            WITH deleted AS (DELETE FROM newsfeeds WHERE owner_id = \(owner) AND author_id = \(authorID) RETURNING 1)
            SELECT COUNT(*) FROM deleted
            """).first?.decode(Int.self) ?? 0
    }
}
