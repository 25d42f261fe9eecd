import Foundation
import SQLiteNIO
import StarlingCore
import Tweets

/// `TweetRepository` on SQLite.
public struct SQLiteTweetRepository: TweetRepository {
    let store: SQLiteStore

    public init(store: SQLiteStore) {
        self.store = store
    }

    /// Tweets with their photo keys in order, as a JSON array, from the same statement.
    private static let select = """
        SELECT id, user_id, content, likes_count, comments_count,
            (SELECT json_group_array(blob_key ORDER BY position) FROM tweet_photos WHERE tweet_id = tweets.id) AS photo_keys
        FROM tweets
        """

    public func create(_ tweet: Tweet, fanOut: Job) async throws {
        try await store.write { tx in
            try await tx.execute("INSERT INTO tweets (id, user_id, content) VALUES (?, ?, ?)",
                                 [tweet.id.sqlite, tweet.userID.sqlite, tweet.content.sqlite])
            for (position, key) in tweet.photoKeys.enumerated() {
                try await tx.execute("INSERT INTO tweet_photos (tweet_id, position, blob_key) VALUES (?, ?, ?)",
                                     [tweet.id.sqlite, position.sqlite, key.sqlite])
            }
            try await tx.execute("INSERT OR IGNORE INTO newsfeeds (owner_id, tweet_id, author_id) VALUES (?, ?, ?)",
                                 [tweet.userID.sqlite, tweet.id.sqlite, tweet.userID.sqlite])
            try await tx.record(fanOut)
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

    public func delete(id: Int64, cleanUp: [Job]) async throws -> Bool {
        try await store.write { tx in
            guard try await tx.deleteWithDependents(.tweet, id: id) != nil else { return false }
            for job in cleanUp { try await tx.record(job) }
            return true
        }
    }

    static func decode(_ row: SQLiteRow) throws -> Tweet {
        Tweet(id: row.int64("id"), userID: row.int64("user_id"), content: row.string("content"),
              likesCount: row.int("likes_count"), commentsCount: row.int("comments_count"),
              photoKeys: try photoKeys(row.string("photo_keys")))
    }

    /// The keys of a `json_group_array`; most tweets have none.
    static func photoKeys(_ json: String) throws -> [String] {
        json == "[]" ? [] : try JSONDecoder().decode([String].self, from: Data(json.utf8))
    }
}
