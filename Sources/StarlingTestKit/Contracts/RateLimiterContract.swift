import NIOCore
import StarlingCore
import Testing

/// The behaviour every `RateLimiter` must have. `advance` moves its clock on by that many seconds.
public enum RateLimiterContract {
    public static func run(_ limiter: any RateLimiter, prefix: String = "rl-\(UInt32.random(in: 0 ... .max)):",
                           advance: (Double) async throws -> Void) async throws {
        let limits = [RateLimit(count: 2, seconds: 1), RateLimit(count: 3, seconds: 60)]
        #expect(await limiter.hit(prefix + "a", limits: limits) == nil)
        #expect(await limiter.hit(prefix + "a", limits: limits) == nil)
        let wait = await limiter.hit(prefix + "a", limits: limits)
        #expect(wait != nil && wait! >= 1, "the third hit within a second waits")
        #expect(await limiter.hit(prefix + "b", limits: limits) == nil, "keys are independent")
        try await advance(1)
        #expect(await limiter.hit(prefix + "a", limits: limits) == nil, "a refused hit used up nothing")
        try await advance(1)
        let minute = await limiter.hit(prefix + "a", limits: limits)
        #expect(minute != nil && minute! > 1, "the per-minute limit holds across seconds")

        // A burst just before and just after a minute's edge (the manual clock starts on one):
        // fixed windows would let 2 × 5 through in 0.2 s; a sliding window lets 5.
        let perMinute = [RateLimit(count: 5, seconds: 60)]
        try await advance(57.9)
        for _ in 0..<5 { #expect(await limiter.hit(prefix + "c", limits: perMinute) == nil) }
        try await advance(0.2)
        var refused = 0
        for _ in 0..<5 where await limiter.hit(prefix + "c", limits: perMinute) != nil { refused += 1 }
        #expect(refused == 5, "no hit beyond the limit within 60 s, whatever the window edges: \(5 - refused) let through")
        try await advance(60)
        #expect(await limiter.hit(prefix + "c", limits: perMinute) == nil, "a minute later the burst has left the window")
    }
}
