/// The memory the in-process caches may take (`--memory-cache-mb`), split between the object
/// cache and the feed cache: two thirds for objects (users, sessions, tweets, comments, counts:
/// many small entries, read on every page) and one third for feeds (lists of up to 800 ids, some
/// 6.5 KB each when full, so 16 MB of the default holds some 2,500 full lists). The rate limiter's
/// logs have a fixed bound of their own (`MemoryRateLimiter.defaultByteBudget`). With the object
/// cache on memcached or the caches on Redis, the shares of those caches are simply not used.
public struct MemoryCacheBudget: Sendable, Equatable {
    /// The default: 48 MB.
    public static let defaultMegabytes = 48
    /// The largest accepted: 1 TB.
    public static let maximumMegabytes = 1 << 20

    /// The bytes of both caches together.
    public let bytes: Int

    public init(megabytes: Int = MemoryCacheBudget.defaultMegabytes) {
        bytes = min(max(megabytes, 1), Self.maximumMegabytes) << 20
    }

    /// The object cache's share: two thirds.
    public var objectBytes: Int { bytes / 3 * 2 }

    /// The feed cache's share: the rest.
    public var feedBytes: Int { bytes - objectBytes }
}
