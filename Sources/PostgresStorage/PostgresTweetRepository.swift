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
            try await Self.addToAuthorsFeed(tweet, tx)
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

    /// The tweet goes first, in its own statement: that takes its row lock (waiting for a retweet
    /// of it in flight, which updates the row's counter), so the next statement — with a snapshot
    /// of its own — sees every retweet committed before, and any later retweet finds no original
    /// and rolls back. Then its retweets and their rows, the original's counter when it is itself
    /// a retweet, and the clean-up jobs, all in one transaction.
    public func delete(id: Int64, cleanUp: @escaping @Sendable (Tweet) -> [Job]) async throws -> [Tweet] {
        try await store.transaction { tx in
            guard let tweet = try await tx.deleteTweets(where: .id, id).first else { return [] }
            var deleted = [tweet]
            if let originalID = tweet.retweetOf {
                try await tx.rows("UPDATE tweets SET retweets_count = retweets_count - 1 WHERE id = \(originalID)")
            } else {
                deleted += try await tx.deleteTweets(where: .retweetsOf, id)
            }
            try await tx.record(deleted.flatMap(cleanUp))
            return deleted
        }
    }

    /// `ON CONFLICT DO NOTHING` on the unique (retweet_of, user_id) makes a second retweet by the
    /// same user a no-op even when both arrive at once: the later insert waits for the earlier
    /// one's commit, then inserts nothing, so the counter moves once.
    public func retweet(_ retweet: Tweet, jobs: [Job]) async throws -> Tweet {
        guard let originalID = retweet.retweetOf else { throw StarlingError.notFound }
        return try await store.transaction { tx in
            let inserted = try await tx.rows("""
                INSERT INTO tweets (id, user_id, content, retweet_of) VALUES (\(retweet.id), \(retweet.userID), '', \(originalID))
                ON CONFLICT DO NOTHING RETURNING id
                """)
            guard !inserted.isEmpty else {
                guard let existing = try await tx.rows(Self.select("WHERE retweet_of = \(originalID) AND user_id = \(retweet.userID)"))
                    .first.map(Self.decode) else { throw StarlingError.notFound }
                return existing
            }
            let counted = try await tx.rows("""
                UPDATE tweets SET retweets_count = retweets_count + 1 WHERE id = \(originalID) AND retweet_of IS NULL RETURNING id
                """)
            guard !counted.isEmpty else { throw StarlingError.notFound }  // rolls the insert back
            try await Self.addToAuthorsFeed(retweet, tx)
            try await tx.record(jobs)
            return retweet
        }
    }

    public func retweet(of originalID: Int64, by userID: Int64) async throws -> Tweet? {
        try await store.rows(Self.select("WHERE retweet_of = \(originalID) AND user_id = \(userID)")).first.map(Self.decode)
    }

    public func retweeted(by userID: Int64, among originalIDs: [Int64]) async throws -> Set<Int64> {
        guard !originalIDs.isEmpty else { return [] }
        let rows = try await store.rows("SELECT retweet_of FROM tweets WHERE retweet_of = ANY(\(originalIDs)) AND user_id = \(userID)")
        return Set(try rows.map { try $0.decode(Int64.self) })
    }

    private static func addToAuthorsFeed(_ tweet: Tweet, _ tx: PostgresTransaction) async throws {
        try await tx.rows("""
            INSERT INTO newsfeeds (owner_id, tweet_id, author_id) VALUES (\(tweet.userID), \(tweet.id), \(tweet.userID))
            ON CONFLICT DO NOTHING
            """)
    }

    /// Tweets filtered and ordered by `rest` (`WHERE …`), each with its photo keys in order from
    /// the same statement (an empty array when it has none).
    static func select(_ rest: PostgresQuery) -> PostgresQuery {
        PostgresQuery(head: """
            SELECT id, user_id, content, likes_count, comments_count,
                ARRAY(SELECT blob_key FROM tweet_photos WHERE tweet_id = tweets.id ORDER BY position), retweet_of, retweets_count
            FROM tweets
            """, rest)
    }

    /// Decodes the columns of `select`, in its order.
    static func decode(_ row: PostgresRow) throws -> Tweet {
        let (id, userID, content, likesCount, commentsCount, photoKeys, retweetOf, retweetsCount) =
            try row.decode((Int64, Int64, String, Int, Int, [String], Int64?, Int).self)
        return Tweet(id: id, userID: userID, content: content, likesCount: likesCount, commentsCount: commentsCount, photoKeys: photoKeys,
                     retweetOf: retweetOf, retweetsCount: retweetsCount)
    }
}
