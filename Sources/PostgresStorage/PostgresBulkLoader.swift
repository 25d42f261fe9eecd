import Accounts
import Comments
import Friendships
import Likes
import Newsfeeds
import PostgresNIO
import Seeding
import StarlingCore
import Tweets

/// `BulkLoader` on PostgreSQL: each batch is one `COPY … FROM STDIN` in text format, the fastest
/// way into PostgreSQL; the tweet index of the newsfeeds is set aside and built once at the end.
public struct PostgresBulkLoader: BulkLoader {
    let store: PostgresStore

    public init(store: PostgresStore) {
        self.store = store
    }

    public func isEmpty() async throws -> Bool {
        try await store.rows("SELECT NOT EXISTS (SELECT 1 FROM users)").first?.decode(Bool.self) ?? true
    }

    public func beginLoad() async throws {
        try await store.rows("DROP INDEX IF EXISTS newsfeeds_tweet")
    }

    public func endLoad() async throws {
        try await store.transaction(timeout: PostgresStore.maintenanceTimeout) { tx in
            try await tx.rows("SET LOCAL maintenance_work_mem = '256MB'")
            try await tx.rows(PostgresQuery(unsafeSQL: PostgresMigrations.newsfeedsTweetIndex))
        }
        try await store.withConnection(timeout: PostgresStore.maintenanceTimeout) { connection in
            try await connection.query("ANALYZE", logger: store.logger)
        }
    }

    public func insert(users: [User], activeAt: Int64) async throws {
        try await copy("users", ["id", "username", "email", "password_hash", "is_staff", "created_at", "last_active_at"], users) { text, user in
            text.add(user.id)
            text.add(user.username)
            text.add(user.email)
            text.add(user.passwordHash)
            text.add(user.isStaff)
            text.add(user.createdAt)
            text.add(activeAt)
        }
        try await copy("profiles", ["user_id", "nickname", "avatar_key"], users) { text, user in
            text.add(user.id)
            text.add(user.nickname)
            text.add(user.avatarKey)
        }
    }

    public func insert(sessions: [(tokenHash: String, userID: Int64, expiresAt: Int64)]) async throws {
        try await copy("sessions", ["token_hash", "user_id", "expires_at"], sessions) { text, session in
            text.add(session.tokenHash)
            text.add(session.userID)
            text.add(session.expiresAt)
        }
    }

    public func insert(friendships: [Friendship]) async throws {
        try await copy("friendships", ["from_user_id", "to_user_id", "id"], friendships) { text, friendship in
            text.add(friendship.fromUserID)
            text.add(friendship.toUserID)
            text.add(friendship.id)
        }
    }

    public func insert(tweets: [Tweet]) async throws {
        try await copy("tweets", ["id", "user_id", "content", "likes_count", "comments_count"], tweets) { text, tweet in
            text.add(tweet.id)
            text.add(tweet.userID)
            text.add(tweet.content)
            text.add(tweet.likesCount)
            text.add(tweet.commentsCount)
        }
        let photos = tweets.flatMap { tweet in tweet.photoKeys.enumerated().map { (tweetID: tweet.id, position: $0.offset, key: $0.element) } }
        try await copy("tweet_photos", ["tweet_id", "position", "blob_key"], photos) { text, photo in
            text.add(photo.tweetID)
            text.add(photo.position)
            text.add(photo.key)
        }
    }

    public func insert(feedRows: [NewsfeedEntry]) async throws {
        try await copy("newsfeeds", ["owner_id", "tweet_id", "author_id"], feedRows) { text, row in
            text.add(row.ownerID)
            text.add(row.tweetID)
            text.add(row.authorID)
        }
    }

    public func insert(comments: [Comment]) async throws {
        try await copy("comments", ["id", "tweet_id", "user_id", "content", "likes_count"], comments) { text, comment in
            text.add(comment.id)
            text.add(comment.tweetID)
            text.add(comment.userID)
            text.add(comment.content)
            text.add(comment.likesCount)
        }
    }

    public func insert(likes: [Like]) async throws {
        try await copy("likes", ["target_type", "target_id", "user_id", "created_at"], likes) { text, like in
            text.add(like.target.type.rawValue)
            text.add(like.target.id)
            text.add(like.userID)
            text.add(like.createdAt)
        }
    }

    /// Sends `rows` into `table` in one `COPY`, each row's fields written by `encode` in the order
    /// of `columns`.
    private func copy<Row>(_ table: String, _ columns: [String], _ rows: [Row], _ encode: (inout CopyText, Row) -> Void) async throws {
        guard !rows.isEmpty else { return }
        var text = CopyText(capacity: rows.count * 16 * columns.count)
        for row in rows {
            encode(&text, row)
            text.endRow()
        }
        let data = text.buffer
        let logger = store.logger
        try await store.withConnection(timeout: PostgresStore.maintenanceTimeout) { connection in
            try await connection.copyFrom(table: table, columns: columns, logger: logger) { writer in try await writer.write(data) }
        }
    }
}
