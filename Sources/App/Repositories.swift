import Accounts
import Comments
import Friendships
import Likes
import MastodonClients
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
    /// When users were last active and whose pushed feed is stale (hybrid feeds).
    public var activity: any ActivityRepository
    /// Which users are celebrities, pulled instead of fanned out (hybrid feeds).
    public var celebrities: any CelebrityRepository
    /// The pull side of newsfeeds: followees' timelines merged at read time.
    public var feedSources: any FeedSourceRepository
    /// What the Mastodon face stores: OAuth applications, tokens and codes, and client state.
    public var mastodon: MastodonRepositories
    /// A viewer's likes and retweets on a page in one statement; nil where the store answers each
    /// on its own (memory).
    public var viewerMarks: (any ViewerMarksLookup)? = nil

    /// The in-memory implementations, sharing one outbox. Deleting a tweet or a comment deletes
    /// what belongs to it, as the relational stores do.
    public static func memory() async -> Repositories {
        let outbox = MemoryOutbox()
        let newsfeeds = MemoryNewsfeedRepository()
        let users = MemoryUserRepository()
        let friendships = MemoryFriendshipRepository(outbox: outbox)
        let activity = MemoryActivityRepository(users: users, outbox: outbox)
        let celebrities = MemoryCelebrityRepository(friendships: friendships, outbox: outbox)
        let tweets = MemoryTweetRepository(outbox: outbox, authorFeed: newsfeeds)
        let comments = MemoryCommentRepository(outbox: outbox, tweets: tweets)
        let likes = MemoryLikeRepository(outbox: outbox, tweets: tweets, comments: comments)
        await tweets.cascadeDeletes(to: comments)
        await tweets.cascadeDeletes(to: likes)
        await comments.cascadeDeletes(to: likes)
        return Repositories(
            users: users, sessions: MemorySessionRepository(outbox: outbox), tweets: tweets,
            friendships: friendships, newsfeeds: newsfeeds, comments: comments,
            likes: likes,
            notifications: MemoryNotificationRepository(), outbox: outbox, counterAudit: nil, bulkLoader: nil,
            activity: activity, celebrities: celebrities,
            feedSources: RepositoryFeedSources(tweets: tweets, friendships: friendships, celebrities: celebrities, activity: activity),
            mastodon: .memory(users: users, tweets: tweets))
    }

    /// The SQLite implementations over one database.
    public static func sqlite(_ store: SQLiteStore) -> Repositories {
        Repositories(
            users: SQLiteUserRepository(store: store), sessions: SQLiteSessionRepository(store: store),
            tweets: SQLiteTweetRepository(store: store), friendships: SQLiteFriendshipRepository(store: store),
            newsfeeds: SQLiteNewsfeedRepository(store: store), comments: SQLiteCommentRepository(store: store),
            likes: SQLiteLikeRepository(store: store), notifications: SQLiteNotificationRepository(store: store),
            outbox: SQLiteOutboxStore(store: store), counterAudit: SQLiteCounterAudit(store: store),
            bulkLoader: SQLiteBulkLoader(store: store), nodeSlots: SQLiteNodeSlots(store: store),
            activity: SQLiteActivityRepository(store: store), celebrities: SQLiteCelebrityRepository(store: store),
            feedSources: SQLiteFeedSourceRepository(store: store), mastodon: .sqlite(store), viewerMarks: SQLiteViewerMarks(store: store))
    }

    /// The PostgreSQL implementations over one database; its pool must be running.
    public static func postgres(_ store: PostgresStore) -> Repositories {
        Repositories(
            users: PostgresUserRepository(store: store), sessions: PostgresSessionRepository(store: store),
            tweets: PostgresTweetRepository(store: store), friendships: PostgresFriendshipRepository(store: store),
            newsfeeds: PostgresNewsfeedRepository(store: store), comments: PostgresCommentRepository(store: store),
            likes: PostgresLikeRepository(store: store), notifications: PostgresNotificationRepository(store: store),
            outbox: PostgresOutboxStore(store: store), counterAudit: PostgresCounterAudit(store: store),
            bulkLoader: PostgresBulkLoader(store: store), nodeSlots: PostgresNodeSlots(store: store),
            activity: PostgresActivityRepository(store: store), celebrities: PostgresCelebrityRepository(store: store),
            feedSources: PostgresFeedSourceRepository(store: store), mastodon: .postgres(store), viewerMarks: PostgresViewerMarks(store: store))
    }
}
