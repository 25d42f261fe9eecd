import Accounts
import Comments
import Likes
import Logging
import StarlingCore
import Tweets

/// Every cache port of the application, from one backend: in-process by default, Redis when
/// `--redis-url` is set.
public struct Caches: Sendable {
    public var keyValue: any KeyValueCache
    public var feeds: any FeedCache
    public var rateLimiter: any RateLimiter
    public var switches: any FeatureSwitches

    public init(keyValue: any KeyValueCache, feeds: any FeedCache, rateLimiter: any RateLimiter, switches: any FeatureSwitches) {
        self.keyValue = keyValue
        self.feeds = feeds
        self.rateLimiter = rateLimiter
        self.switches = switches
    }

    /// The in-process implementations.
    public static func inProcess(clock: any WallClock, feedCap: Int = 800) -> Caches {
        Caches(keyValue: MemoryKeyValueCache(clock: clock), feeds: MemoryFeedCache(cap: feedCap, clock: clock),
               rateLimiter: MemoryRateLimiter(clock: clock), switches: MemoryFeatureSwitches(defaults: FeatureSwitch.defaults))
    }
}

extension Repositories {
    /// The same repositories, reading users and tweets through the object cache, and keeping it
    /// fresh when they change.
    public func cached(by objects: ObjectCache) -> Repositories {
        var cached = self
        cached.users = CachedUserRepository(users, objects: objects)
        cached.sessions = CachedSessionRepository(sessions, cache: objects.cache)
        cached.tweets = CachedTweetRepository(tweets, objects: objects)
        cached.likes = CachedLikeRepository(likes, objects: objects)
        cached.comments = CachedCommentRepository(comments, objects: objects)
        return cached
    }
}
