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
    /// With `nearCacheBytes`, the object cache keeps recent values in the process too
    /// (`NearCache`), kept coherent by a `RedisInvalidationListener`: the services to run are the
    /// client and that listener.
    public static func redis(url: String, clock: any WallClock, feedCap: Int, logger: Logger,
                             namespace: String = "", nearCacheBytes: Int? = nil) throws -> (Caches, RedisClient, [any Service]) {
        let client = RedisClient(configuration: try RedisConfiguration(url: url), logger: logger)
        let (caches, listener) = redis(client: client, clock: clock, feedCap: feedCap, namespace: namespace,
                                       nearCacheBytes: nearCacheBytes, logger: logger)
        return (caches, client, [client] + (listener.map { [$0] } ?? []))
    }

    /// The Redis implementations over a client the caller runs (and the near cache's listener,
    /// with `nearCacheBytes`, which the caller runs too).
    public static func redis(client: RedisClient, clock: any WallClock, feedCap: Int, namespace: String = "",
                             nearCacheBytes: Int?, logger: Logger = Logger(label: "starling.redis")) -> (Caches, RedisInvalidationListener?) {
        let objectPrefix = namespace + "kv:"
        let near = nearCacheBytes.map { NearCache(byteBudget: $0, clock: clock) }
        let listener = near.map {
            RedisInvalidationListener(configuration: client.configuration, prefix: objectPrefix, near: $0, logger: logger)
        }
        return (redis(client: client, clock: clock, feedCap: feedCap, namespace: namespace, near: near), listener)
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
