import Accounts
import Friendships
import Newsfeeds
import PostgresStorage
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
    public var outbox: any OutboxStore

    /// The in-memory implementations, sharing one outbox.
    public static func memory() -> Repositories {
        let outbox = MemoryOutbox()
        let newsfeeds = MemoryNewsfeedRepository()
        return Repositories(
            users: MemoryUserRepository(), sessions: MemorySessionRepository(),
            tweets: MemoryTweetRepository(outbox: outbox, authorFeed: newsfeeds),
            friendships: MemoryFriendshipRepository(outbox: outbox), newsfeeds: newsfeeds, outbox: outbox)
    }

    /// The SQLite implementations over one database.
    public static func sqlite(_ store: SQLiteStore) -> Repositories {
        Repositories(
            users: SQLiteUserRepository(store: store), sessions: SQLiteSessionRepository(store: store),
            tweets: SQLiteTweetRepository(store: store), friendships: SQLiteFriendshipRepository(store: store),
            newsfeeds: SQLiteNewsfeedRepository(store: store), outbox: SQLiteOutboxStore(store: store))
    }

    /// The PostgreSQL implementations over one database; its pool must be running.
    public static func postgres(_ store: PostgresStore) -> Repositories {
        Repositories(
            users: PostgresUserRepository(store: store), sessions: PostgresSessionRepository(store: store),
            tweets: PostgresTweetRepository(store: store), friendships: PostgresFriendshipRepository(store: store),
            newsfeeds: PostgresNewsfeedRepository(store: store), outbox: PostgresOutboxStore(store: store))
    }
}
