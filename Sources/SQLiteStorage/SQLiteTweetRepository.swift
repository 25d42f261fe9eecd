import Foundation
import SQLiteDriver
import StarlingCore
import Tweets

/// `TweetRepository` on SQLite.
public struct SQLiteTweetRepository: TweetRepository {
    let store: SQLiteStore

    public init(store: SQLiteStore) {
        self.store = store
    }

    /// Tweets with their photo keys in order, as a JSON array, from the same statement. The keys
    /// are ordered in a subquery: an ORDER BY inside an aggregate needs SQLite 3.44, and the
    /// system's (Debian 12) is 3.40.
    private static let select = """
        SELECT id, user_id, content, likes_count, comments_count, retweet_of, retweets_count,
            (SELECT json_group_array(blob_key) FROM (SELECT blob_key FROM tweet_photos WHERE tweet_id = tweets.id ORDER BY position)) AS photo_keys
        FROM tweets
        """

    public func create(_ tweet: Tweet, fanOut: Job) async throws {
        try await store.write { tx in
            try tx.execute("INSERT INTO tweets (id, user_id, content) VALUES (?, ?, ?)",
                                 [tweet.id.sqlite, tweet.userID.sqlite, tweet.content.sqlite])
            for (position, key) in tweet.photoKeys.enumerated() {
                try tx.execute("INSERT INTO tweet_photos (tweet_id, position, blob_key) VALUES (?, ?, ?)",
                                     [tweet.id.sqlite, position.sqlite, key.sqlite])
            }
            try Self.addToAuthorsFeed(tweet, tx)
            try tx.record(fanOut)
        }
    }

    public func tweet(id: Int64) async throws -> Tweet? {
        try await store.read("\(Self.select) WHERE id = ?", [id.sqlite]).first.map(Self.decode)
    }

    public func tweets(ids: [Int64]) async throws -> [Int64: Tweet] {
        guard !ids.isEmpty else { return [:] }
        let rows = try await store.read("\(Self.select) WHERE id IN (\(SQL.placeholders(ids.count)))", ids.map(\.sqlite))
        return Dictionary(try rows.map(Self.decode).map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
    }

    public func tweets(userID: Int64, page: PageRequest) async throws -> Page<Tweet> {
        let rows = try await store.read("\(Self.select) WHERE user_id = ? AND id < ? AND id > ? ORDER BY id DESC LIMIT ?",
                                        [userID.sqlite] + SQL.pageBinds(page))
        return page.page(fromNewestFirst: try rows.map(Self.decode))
    }

    /// The one writer sees every retweet of the tweet: none can be added while this runs.
    public func delete(id: Int64, cleanUp: @escaping @Sendable (Tweet) -> [Job]) async throws -> [Tweet] {
        try await store.write { tx in
            guard let tweet = try tx.execute("\(Self.select) WHERE id = ?", [id.sqlite]).first.map(Self.decode) else { return [] }
            let retweets = try tx.execute("\(Self.select) WHERE retweet_of = ? ORDER BY id", [id.sqlite]).map(Self.decode)
            let deleted = [tweet] + retweets
            _ = try tx.deleteWithDependents(.tweet, id: id)
            if !retweets.isEmpty { try tx.deleteRetweets(of: id) }
            if let originalID = tweet.retweetOf {
                try tx.execute("UPDATE tweets SET retweets_count = retweets_count - 1 WHERE id = ?", [originalID.sqlite])
            }
            for gone in deleted {
                for job in cleanUp(gone) { try tx.record(job) }
            }
            return deleted
        }
    }

    public func retweet(_ retweet: Tweet, jobs: [Job]) async throws -> Tweet {
        guard let originalID = retweet.retweetOf else { throw StarlingError.notFound }
        return try await store.write { tx in
            // The unique index on (retweet_of, user_id) makes a second retweet insert nothing.
            let inserted = try tx.change("INSERT OR IGNORE INTO tweets (id, user_id, content, retweet_of) VALUES (?, ?, '', ?)",
                                               [retweet.id.sqlite, retweet.userID.sqlite, originalID.sqlite])
            guard inserted > 0 else {
                let existing = try tx.execute("\(Self.select) WHERE retweet_of = ? AND user_id = ?",
                                                    [originalID.sqlite, retweet.userID.sqlite]).first.map(Self.decode)
                guard let existing else { throw StarlingError.notFound }
                return existing
            }
            let counted = try tx.change(
                "UPDATE tweets SET retweets_count = retweets_count + 1 WHERE id = ? AND retweet_of IS NULL", [originalID.sqlite])
            guard counted > 0 else { throw StarlingError.notFound }  // rolls the insert back
            try Self.addToAuthorsFeed(retweet, tx)
            for job in jobs { try tx.record(job) }
            return retweet
        }
    }

    public func retweet(of originalID: Int64, by userID: Int64) async throws -> Tweet? {
        try await store.read("\(Self.select) WHERE retweet_of = ? AND user_id = ?", [originalID.sqlite, userID.sqlite]).first.map(Self.decode)
    }

    public func retweeted(by userID: Int64, among originalIDs: [Int64]) async throws -> Set<Int64> {
        guard !originalIDs.isEmpty else { return [] }
        let rows = try await store.read(
            "SELECT retweet_of FROM tweets WHERE retweet_of IN (\(SQL.placeholders(originalIDs.count))) AND user_id = ?",
            originalIDs.map(\.sqlite) + [userID.sqlite])
        return Set(rows.map { $0.int64("retweet_of") })
    }

    private static func addToAuthorsFeed(_ tweet: Tweet, _ tx: SQLiteTransaction) throws {
        try tx.execute("INSERT OR IGNORE INTO newsfeeds (owner_id, tweet_id, author_id) VALUES (?, ?, ?)",
                             [tweet.userID.sqlite, tweet.id.sqlite, tweet.userID.sqlite])
    }

    static func decode(_ row: SQLiteRow) throws -> Tweet {
        let retweetOf = row.column("retweet_of").flatMap { $0.isNull ? nil : $0.integer }.map(Int64.init)
        return Tweet(id: row.int64("id"), userID: row.int64("user_id"), content: row.string("content"),
                     likesCount: row.int("likes_count"), commentsCount: row.int("comments_count"),
                     photoKeys: try photoKeys(row.string("photo_keys")), retweetOf: retweetOf, retweetsCount: row.int("retweets_count"))
    }

    /// The keys of a `json_group_array`; most tweets have none.
    static func photoKeys(_ json: String) throws -> [String] {
        json == "[]" ? [] : try JSONDecoder().decode([String].self, from: Data(json.utf8))
    }
}
