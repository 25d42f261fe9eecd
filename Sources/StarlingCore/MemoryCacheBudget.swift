/// The memory the in-process caches may take (`--memory-cache-mb`), in three shares: two fifths for
/// the object cache (users, sessions, tweets, comments, counts: many small entries, read on every
/// page), two fifths for the feed cache (lists of up to 800 ids, some 6.5 KB each when full, so the
/// 14.4 MB of the default hold some 2,200 full lists: a feed cache smaller than the feeds read in
/// turn misses on every read), and a fifth for the encoded tweets the course face keeps (each
/// tweet's JSON, written once per version). The rate limiter's logs have a fixed
/// bound of their own (`MemoryRateLimiter.defaultByteBudget`). With the object cache on memcached
/// or the caches on Redis, those caches' shares are simply not used.
///
/// The default keeps a whole `scripts/bench` run under 100 MB resident, the process's own code
/// and libraries (some 35 MB) included: at 40 MB a run peaked at 98.5–100.4 MB once the POST
/// phase reached ~2,700 posts a second (more tweets, and their fanout, in its ten seconds), at 36 MB
/// the same burst at 96 MB.
public struct MemoryCacheBudget: Sendable, Equatable {
    /// The default: 36 MB.
    public static let defaultMegabytes = 36
    /// The largest accepted: 1 TB.
    public static let maximumMegabytes = 1 << 20

    /// The bytes of all three together.
    public let bytes: Int

    public init(megabytes: Int = MemoryCacheBudget.defaultMegabytes) {
        bytes = min(max(megabytes, 1), Self.maximumMegabytes) << 20
    }

    /// The object cache's share: two fifths.
    public var objectBytes: Int { bytes / 5 * 2 }

    /// The feed cache's share: two fifths.
    public var feedBytes: Int { bytes / 5 * 2 }

    /// The encoded tweets' share: the rest, a fifth.
    public var encodedBytes: Int { bytes - objectBytes - feedBytes }
}
