import Accounts
import Comments
import Likes
import Logging
import Memcached
import MemcachedCache
import RESP
import RedisCache
import ServiceLifecycle
import StarlingCore
import Tweets

/// Every cache port of the application: in-process by default, Redis when `--redis-url` is set,
/// and the object cache (`keyValue`) on memcached when `--memcached-servers` is set.
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

    /// The in-process implementations, the object and feed caches sharing `memory`.
    public static func inProcess(clock: any WallClock, feedCap: Int = 800, memory: MemoryCacheBudget = MemoryCacheBudget()) -> Caches {
        Caches(keyValue: MemoryKeyValueCache(clock: clock, byteBudget: memory.objectBytes),
               feeds: MemoryFeedCache(cap: feedCap, clock: clock, byteBudget: memory.feedBytes),
               rateLimiter: MemoryRateLimiter(clock: clock), switches: MemoryFeatureSwitches(defaults: FeatureSwitch.defaults))
    }
}

extension Caches {
    /// The Redis implementations over one client, which must run as a service. The rate limiter
    /// falls back to an in-process one while Redis is unreachable; switches are read through a
    /// five-second in-process cache.
    /// `namespace` prefixes every key, so several deployments (or tests) can share one server.
    /// With `near`, the object cache keeps recent values in the process too, and the feed cache the
    /// first pages of its lists (`NearCache`s of those byte budgets), kept coherent by
    /// `RedisInvalidationListener`s: the services to run are the client and those listeners.
    public static func redis(url: String, clock: any WallClock, feedCap: Int, logger: Logger,
                             namespace: String = "", near: NearCacheBudget? = nil) throws -> (Caches, RedisClient, [any Service]) {
        let client = RedisClient(configuration: try RedisConfiguration(url: url), logger: logger)
        let (caches, listeners) = redis(client: client, clock: clock, feedCap: feedCap, namespace: namespace, near: near, logger: logger)
        return (caches, client, [client] + listeners)
    }

    /// The Redis implementations over a client the caller runs, with near caches of `near`'s
    /// budgets (and their listeners, which the caller runs too).
    public static func redis(client: RedisClient, clock: any WallClock, feedCap: Int, namespace: String = "",
                             near budget: NearCacheBudget?, logger: Logger = Logger(label: "starling.redis")) -> (Caches, [any Service]) {
        guard let budget else { return (redis(client: client, clock: clock, feedCap: feedCap, namespace: namespace), []) }
        var listeners: [any Service] = []
        var objects: NearCache?
        if budget.objectBytes > 0 {
            let near = NearCache(byteBudget: budget.objectBytes, clock: clock)
            listeners.append(RedisInvalidationListener(configuration: client.configuration, prefix: namespace + "kv:", near: near, logger: logger))
            objects = near
        }
        var caches = redis(client: client, clock: clock, feedCap: feedCap, namespace: namespace, near: objects)
        if budget.feedBytes > 0 {
            let near = NearCache(byteBudget: budget.feedBytes, clock: clock)
            let tracker = RedisInvalidationListener(configuration: client.configuration, prefix: namespace + "feed:", near: near, tracking: .reads,
                                                    logger: logger)
            caches.feeds = RedisFeedCache(client: client, cap: feedCap, prefix: namespace + "feed:", near: near, tracker: tracker)
            listeners.append(tracker)
        }
        return (caches, listeners)
    }

    /// The Redis implementations over a client the caller runs.
    public static func redis(client: RedisClient, clock: any WallClock, feedCap: Int, namespace: String = "", near: NearCache? = nil) -> Caches {
        Caches(
            keyValue: RedisKeyValueCache(client: client, prefix: namespace + "kv:", near: near),
            feeds: RedisFeedCache(client: client, cap: feedCap, prefix: namespace + "feed:"),
            rateLimiter: RedisRateLimiter(client: client, fallback: MemoryRateLimiter(clock: clock), prefix: namespace + "rl:"),
            switches: CachedFeatureSwitches(
                RedisFeatureSwitches(client: client, key: namespace + "switches", defaults: FeatureSwitch.defaults), clock: clock))
    }
}

/// The bytes the near caches of a Redis deployment may take: the object cache's recent values,
/// and the feed cache's first pages.
public struct NearCacheBudget: Sendable {
    public var objectBytes: Int
    public var feedBytes: Int

    public init(objectBytes: Int, feedBytes: Int) {
        self.objectBytes = objectBytes
        self.feedBytes = feedBytes
    }
}

extension Caches {
    /// A memcached client over `servers` (`host:port,host:port`), which must run as a service.
    public static func memcachedClient(servers: String, logger: Logger) throws -> MemcachedClient {
        MemcachedClient(configuration: try MemcachedConfiguration(servers: servers), logger: logger)
    }

    /// The same caches with the object cache (users, sessions, tweets, comments, counts) on
    /// memcached; feeds, rate limits and switches stay where they were. `namespace` prefixes
    /// every key, so tests can share servers.
    public func objects(on client: MemcachedClient, namespace: String = "") -> Caches {
        var caches = self
        caches.keyValue = MemcachedKeyValueCache(client: client, prefix: namespace)
        return caches
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
        cached.likes = CachedLikeRepository(likes, objects: objects, comments: comments)
        cached.comments = CachedCommentRepository(comments, objects: objects)
        cached.viewerMarks = viewerMarks.map { CachedViewerMarks($0, objects: objects) }
        return cached.cachingFeedPlans(by: objects)
    }
}
