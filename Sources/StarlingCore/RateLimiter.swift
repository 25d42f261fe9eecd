
/// The rate-limiting port: counts hits per key in sliding windows.
public protocol RateLimiter: Sendable {
    /// Records one hit on `key` against every limit. Returns nil when allowed, or the seconds to
    /// wait when any limit is exceeded.
    func hit(_ key: String, limits: [RateLimit]) async -> Int?
}
