import PostgresNIO
import StarlingCore
import Tweets

/// `TweetRepository` on PostgreSQL.
public struct PostgresTweetRepository: TweetRepository {
    let store: PostgresStore

    public init(store: PostgresStore) {
        self.store = store
    }

    public func create(_ tweet: Tweet, fanOut: Job) async throws {
        try await store.transaction { tx in
            try await tx.rows("INSERT INTO tweets (id, user_id, content) VALUES (\(tweet.id), \(tweet.userID), \(tweet.content))")
            if !tweet.photoKeys.isEmpty {
                try await tx.rows("""
                    INSERT INTO tweet_photos (tweet_id, position, blob_key)
                    SELECT \(tweet.id), ordinality - 1, blob_key FROM UNNEST(\(tweet.photoKeys)::TEXT[]) WITH ORDINALITY AS p(blob_key, ordinality)
                    """)
            }
            try await tx.rows("""
                INSERT INTO newsfeeds (owner_id, tweet_id, author_id) VALUES (\(tweet.userID), \(tweet.id), \(tweet.userID))
                ON CONFLICT DO NOTHING
                """)
            try await tx.record(fanOut)
        }
    }

    public func tweet(id: Int64) async throws -> Tweet? {
        try await store.rows(Self.select("WHERE id = \(id)")).first.map(Self.decode)
    }

    public func tweets(ids: [Int64]) async throws -> [Int64: Tweet] {
        guard !ids.isEmpty else { return [:] }
        let tweets = try await store.rows(Self.select("WHERE id = ANY(\(ids))")).map(Self.decode)
        return Dictionary(tweets.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
    }

    public func tweets(userID: Int64, page: PageRequest) async throws -> Page<Tweet> {
        let rows = try await store.rows(Self.select("""
            WHERE user_id = \(userID) AND id < \(page.upper) AND id > \(page.lower) ORDER BY id DESC LIMIT \(page.rows)
            """))
        return page.page(fromNewestFirst: try rows.map(Self.decode))
    }

    /// One statement deletes the tweet and what belongs to it (`deleteWithDependents`); the
    /// clean-up jobs follow in the same transaction.
    public func delete(id: Int64, cleanUp: [Job]) async throws -> Bool {
        try await store.transaction { tx in
            guard try await tx.deleteWithDependents(.tweet, id: id) != nil else { return false }
            try await tx.record(cleanUp)
            return true
        }
    }

    /// Tweets filtered and ordered by `rest` (`WHERE …`), each with its photo keys in order from
    /// the same statement (an empty array when it has none).
    static func select(_ rest: PostgresQuery) -> PostgresQuery {
        PostgresQuery(head: """
            SELECT id, user_id, content, likes_count, comments_count,
                ARRAY(SELECT blob_key FROM tweet_photos WHERE tweet_id = tweets.id ORDER BY position)
            FROM tweets
            """, rest)
    }

    static func decode(_ row: PostgresRow) throws -> Tweet {
        let (id, userID, content, likesCount, commentsCount, photoKeys) = try row.decode((Int64, Int64, String, Int, Int, [String]).self)
        return Tweet(id: id, userID: userID, content: content, likesCount: likesCount, commentsCount: commentsCount, photoKeys: photoKeys)
    }
}
