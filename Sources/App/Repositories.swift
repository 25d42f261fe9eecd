import Accounts
import Comments
import Friendships
import Likes
import Newsfeeds
import Notifications
import SQLiteStorage
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

    /// The in-memory implementations, sharing one outbox.
    public static func memory() -> Repositories {
        let outbox = MemoryOutbox()
        let newsfeeds = MemoryNewsfeedRepository()
        let tweets = MemoryTweetRepository(outbox: outbox, authorFeed: newsfeeds)
        let comments = MemoryCommentRepository(outbox: outbox, tweets: tweets)
        return Repositories(
            users: MemoryUserRepository(), sessions: MemorySessionRepository(), tweets: tweets,
            friendships: MemoryFriendshipRepository(outbox: outbox), newsfeeds: newsfeeds, comments: comments,
            likes: MemoryLikeRepository(outbox: outbox, tweets: tweets, comments: comments),
            notifications: MemoryNotificationRepository(), outbox: outbox, counterAudit: nil)
    }

    /// The SQLite implementations over one database.
    public static func sqlite(_ store: SQLiteStore) -> Repositories {
        Repositories(
            users: SQLiteUserRepository(store: store), sessions: SQLiteSessionRepository(store: store),
            tweets: SQLiteTweetRepository(store: store), friendships: SQLiteFriendshipRepository(store: store),
            newsfeeds: SQLiteNewsfeedRepository(store: store), comments: SQLiteCommentRepository(store: store),
            likes: SQLiteLikeRepository(store: store), notifications: SQLiteNotificationRepository(store: store),
            outbox: SQLiteOutboxStore(store: store), counterAudit: SQLiteCounterAudit(store: store))
    }
}
