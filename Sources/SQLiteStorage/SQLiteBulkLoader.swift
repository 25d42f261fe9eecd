import Accounts
import Comments
import Friendships
import Likes
import Newsfeeds
import SQLiteDriver
import Seeding
import StarlingCore
import Tweets

/// `BulkLoader` on SQLite: multi-row INSERTs, one transaction per batch.
public struct SQLiteBulkLoader: BulkLoader {
    let store: SQLiteStore

    public init(store: SQLiteStore) {
        self.store = store
    }

    public func isEmpty() async throws -> Bool {
        try await store.read("SELECT COUNT(*) AS n FROM (SELECT 1 FROM users LIMIT 1)").first?.int("n") == 0
    }

    public func beginLoad() async throws {
        try await store.writeFeeds { tx in try tx.execute("DROP INDEX IF EXISTS newsfeeds_tweet") }
    }

    public func endLoad() async throws {
        try await store.writeFeeds { tx in
            try tx.execute(SQLiteMigrations.newsfeedsTweetIndex)
            try tx.execute("ANALYZE")
        }
        try await store.write { tx in try tx.execute("ANALYZE") }
    }

    public func insert(users: [User], activeAt: Int64) async throws {
        try await insert("users (id, username, email, password_hash, is_staff, created_at, last_active_at)", users.map {
            [$0.id.sqlite, $0.username.sqlite, $0.email.sqlite, $0.passwordHash.sqlite, ($0.isStaff ? 1 : 0).sqlite, $0.createdAt.sqlite,
             activeAt.sqlite]
        })
        try await insert("profiles (user_id, nickname, avatar_key)", users.map { [$0.id.sqlite, $0.nickname.sqlite, $0.avatarKey.sqlite] })
    }

    public func insert(sessions: [(tokenHash: String, userID: Int64, expiresAt: Int64)]) async throws {
        try await insert("sessions (token_hash, user_id, expires_at)", sessions.map { [$0.tokenHash.sqlite, $0.userID.sqlite, $0.expiresAt.sqlite] })
    }

    public func insert(friendships: [Friendship]) async throws {
        try await insert("friendships (from_user_id, to_user_id, id)", friendships.map {
            [$0.fromUserID.sqlite, $0.toUserID.sqlite, $0.id.sqlite]
        })
    }

    public func insert(tweets: [Tweet]) async throws {
        try await insert("tweets (id, user_id, content, likes_count, comments_count)", tweets.map {
            [$0.id.sqlite, $0.userID.sqlite, $0.content.sqlite, $0.likesCount.sqlite, $0.commentsCount.sqlite]
        })
        try await insert("tweet_photos (tweet_id, position, blob_key)", tweets.flatMap { tweet in
            tweet.photoKeys.enumerated().map { [tweet.id.sqlite, $0.offset.sqlite, $0.element.sqlite] }
        })
    }

    public func insert(feedRows: [NewsfeedEntry]) async throws {
        try await insert("newsfeeds (owner_id, tweet_id, author_id)", feedRows.map { [$0.ownerID.sqlite, $0.tweetID.sqlite, $0.authorID.sqlite] },
                         intoFeedsFile: true)
    }

    public func insert(comments: [Comment]) async throws {
        try await insert("comments (id, tweet_id, user_id, content, likes_count)", comments.map {
            [$0.id.sqlite, $0.tweetID.sqlite, $0.userID.sqlite, $0.content.sqlite, $0.likesCount.sqlite]
        })
    }

    public func insert(likes: [Like]) async throws {
        try await insert("likes (target_type, target_id, user_id, created_at)", likes.map {
            [$0.target.type.rawValue.sqlite, $0.target.id.sqlite, $0.userID.sqlite, $0.createdAt.sqlite]
        })
    }

    /// Inserts `rows` into `table (columns)` in one transaction, many rows per statement, in the
    /// main file or in the feeds file (pushed feed rows).
    private func insert(_ tableAndColumns: String, _ rows: [[SQLiteData]], intoFeedsFile: Bool = false) async throws {
        guard let width = rows.first?.count else { return }
        let binds = Array(rows.joined())
        let body: @Sendable (SQLiteTransaction) throws -> Void = { tx in try tx.insert(into: tableAndColumns, width: width, binds: binds) }
        try await intoFeedsFile ? store.writeFeeds(body) : store.write(body)
    }
}
