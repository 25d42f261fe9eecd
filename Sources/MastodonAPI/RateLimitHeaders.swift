import Foundation
import HTTPTypes
import Hummingbird
import StarlingCore

/// The `X-RateLimit-*` headers Mastodon clients read (Mastodon.py's pacing and its wait on 429).
/// Mastodon's general budget is 300 requests per 5 minutes; the window here is the current
/// five-minute stretch of the clock.
struct RateLimitHeaders: Sendable {
    static let limit = 300
    static let windowSeconds = 300

    var remaining: Int
    /// Seconds since the epoch when the window resets.
    var reset: Int

    /// The headers for a request that counted `used` hits in the window of `now` (seconds).
    static func allowed(used: Int, now: Int) -> RateLimitHeaders {
        RateLimitHeaders(remaining: max(0, limit - used), reset: (now / windowSeconds + 1) * windowSeconds)
    }

    /// The headers of a 429: nothing remains until the wait is over.
    static func rejected(retryAfterSeconds: Int) -> RateLimitHeaders {
        RateLimitHeaders(remaining: 0, reset: Int(Date().timeIntervalSince1970) + retryAfterSeconds)
    }

    func apply(to response: inout Response) {
        response.headers[HTTPField.Name("X-RateLimit-Limit")!] = String(Self.limit)
        response.headers[HTTPField.Name("X-RateLimit-Remaining")!] = String(remaining)
        response.headers[HTTPField.Name("X-RateLimit-Reset")!] = Timestamp.format(Int64(reset) * 1_000_000)
    }
}

/// Counts each subject's hits in the current window, for `X-RateLimit-Remaining`. The limit itself
/// is enforced by the shared `RateLimitPolicy`; this only tells the client where it stands, as
/// this process counted it.
actor RateWindowCounter {
    private var window = 0
    private var hits: [String: Int] = [:]

    /// Counts one hit of `subject` at `now` (seconds) and returns the hits in its window so far.
    func hit(_ subject: String, now: Int) -> Int {
        let current = now / RateLimitHeaders.windowSeconds
        if current != window || hits.count > 100_000 {
            window = current
            hits = [:]
        }
        hits[subject, default: 0] += 1
        return hits[subject] ?? 1
    }
}
