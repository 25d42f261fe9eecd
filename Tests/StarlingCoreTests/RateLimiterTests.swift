import StarlingCore
import StarlingTestKit
import HTTPTypes
import Testing

@Suite struct RateLimiterTests {
    @Test func parsesLimitSpecifications() {
        #expect(RateLimit("3/s") == RateLimit(count: 3, seconds: 1))
        #expect(RateLimit("5/min") == RateLimit(count: 5, seconds: 60))
        #expect(RateLimit("10/30s") == RateLimit(count: 10, seconds: 30))
        #expect(RateLimit("2/h") == RateLimit(count: 2, seconds: 3600))
        #expect(RateLimit("0/s") == nil)
        #expect(RateLimit("3/fortnight") == nil)
        #expect(RateLimit("lots") == nil)
    }

    @Test func countsHitsPerKeyInFixedWindows() async {
        let clock = ManualClock()
        let limiter = MemoryRateLimiter(clock: clock)
        let limits = [RateLimit(count: 2, seconds: 1), RateLimit(count: 3, seconds: 60)]
        #expect(await limiter.hit("a", limits: limits) == nil)
        #expect(await limiter.hit("a", limits: limits) == nil)
        #expect(await limiter.hit("a", limits: limits) != nil, "third hit in one second")
        #expect(await limiter.hit("b", limits: limits) == nil, "keys are independent")
        clock.advance(seconds: 1)
        #expect(await limiter.hit("a", limits: limits) == nil, "a refused hit used up nothing")
        clock.advance(seconds: 1)
        let wait = await limiter.hit("a", limits: limits)
        #expect(wait != nil && wait! > 1, "the per-minute limit holds for the rest of the minute")
        clock.advance(seconds: 60)
        #expect(await limiter.hit("a", limits: limits) == nil)
    }
}
