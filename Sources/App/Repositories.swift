import Accounts
import Comments
import Friendships
import Likes
import Newsfeeds
import Notifications
import PostgresStorage
import SQLiteStorage
import Seeding
import StarlingCore
import Tweets

/// Every storage port of the application, from one backend.
public struct Repositories: Sendable {
    public var users: any UserRepository
    public var sessions: any SessionRepository
    public var tweets: any TweetRepository
    public var friendships: any FriendshipRepository
    public var newsfeeds: any NewsfeedRepository
    public var comments: any CommentRepository
    public var likes: any LikeRepository
    public var notifications: any NotificationRepository
    public var outbox: any OutboxStore
    /// Recomputes denormalized counters; nil where the backend has none to audit (memory).
    public var counterAudit: (any CounterAudit)?
    /// Loads a seeded graph in bulk (`starling seed`); nil where the backend has none (memory).
    public var bulkLoader: (any BulkLoader)?
    /// Leases node slots to the processes sharing the database; nil where only one process can use
    /// it (memory), which mints ids as node 0.
    public var nodeSlots: (any NodeSlotStore)? = nil

    /// The in-memory implementations, sharing one outbox. Deleting a tweet or a comment deletes
    /// what belongs to it, as the relational stores do.
    public static func memory() async -> Repositories {
        let outbox = MemoryOutbox()
        let newsfeeds = MemoryNewsfeedRepository()
        let tweets = MemoryTweetRepository(outbox: outbox, authorFeed: newsfeeds)
        let comments = MemoryCommentRepository(outbox: outbox, tweets: tweets)
        let likes = MemoryLikeRepository(outbox: outbox, tweets: tweets, comments: comments)
        await tweets.cascadeDeletes(to: comments)
        await tweets.cascadeDeletes(to: likes)
        await comments.cascadeDeletes(to: likes)
        return Repositories(
            users: MemoryUserRepository(), sessions: MemorySessionRepository(outbox: outbox), tweets: tweets,
            friendships: MemoryFriendshipRepository(outbox: outbox), newsfeeds: newsfeeds, comments: comments,
            likes: likes,
            notifications: MemoryNotificationRepository(), outbox: outbox, counterAudit: nil, bulkLoader: nil)
    }

    /// The SQLite implementations over one database.
    public static func sqlite(_ store: SQLiteStore) -> Repositories {
        Repositories(
            users: SQLiteUserRepository(store: store), sessions: SQLiteSessionRepository(store: store),
            tweets: SQLiteTweetRepository(store: store), friendships: SQLiteFriendshipRepository(store: store),
            newsfeeds: SQLiteNewsfeedRepository(store: store), comments: SQLiteCommentRepository(store: store),
            likes: SQLiteLikeRepository(store: store), notifications: SQLiteNotificationRepository(store: store),
            outbox: SQLiteOutboxStore(store: store), counterAudit: SQLiteCounterAudit(store: store),
            bulkLoader: SQLiteBulkLoader(store: store), nodeSlots: SQLiteNodeSlots(store: store))
    }

    /// The PostgreSQL implementations over one database; its pool must be running.
    public static func postgres(_ store: PostgresStore) -> Repositories {
        Repositories(
            users: PostgresUserRepository(store: store), sessions: PostgresSessionRepository(store: store),
            tweets: PostgresTweetRepository(store: store), friendships: PostgresFriendshipRepository(store: store),
            newsfeeds: PostgresNewsfeedRepository(store: store), comments: PostgresCommentRepository(store: store),
            likes: PostgresLikeRepository(store: store), notifications: PostgresNotificationRepository(store: store),
            outbox: PostgresOutboxStore(store: store), counterAudit: PostgresCounterAudit(store: store),
            bulkLoader: PostgresBulkLoader(store: store), nodeSlots: PostgresNodeSlots(store: store))
    }
}
