import SQLiteNIO
import StarlingCore
import Tweets

/// `TweetRepository` on SQLite.
public struct SQLiteTweetRepository: TweetRepository {
    let store: SQLiteStore

    public init(store: SQLiteStore) {
        self.store = store
    }

    private static let select = "SELECT id, user_id, content, likes_count, comments_count FROM tweets"

    public func create(_ tweet: Tweet, fanOut: Job) async throws {
        try await store.write { tx in
            try await tx.execute("INSERT INTO tweets (id, user_id, content) VALUES (?, ?, ?)",
                                 [tweet.id.sqlite, tweet.userID.sqlite, tweet.content.sqlite])
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
        return Dictionary(rows.map(Self.decode).map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
    }

    public func tweets(userID: Int64, page: PageRequest) async throws -> Page<Tweet> {
        let rows = try await store.read("\(Self.select) WHERE user_id = ? AND id < ? AND id > ? ORDER BY id DESC LIMIT ?",
                                        [userID.sqlite] + SQL.pageBinds(page))
        return page.page(fromNewestFirst: rows.map(Self.decode))
    }

    public func delete(id: Int64, cleanUp: Job) async throws -> Bool {
        try await store.write { tx in
            guard try await tx.change("DELETE FROM tweets WHERE id = ?", [id.sqlite]) > 0 else { return false }
            try await tx.record(cleanUp)
            return true
        }
    }

    static func decode(_ row: SQLiteRow) -> Tweet {
        Tweet(id: row.int64("id"), userID: row.int64("user_id"), content: row.string("content"),
              likesCount: row.int("likes_count"), commentsCount: row.int("comments_count"))
    }
}
