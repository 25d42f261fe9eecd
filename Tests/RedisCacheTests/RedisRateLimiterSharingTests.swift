import RESP
@testable import RedisCache
import StarlingCore
import StarlingTestKit
import Testing

/// Two server processes share their rate limits through Redis: each has its own client and its
/// own in-process fallback, so only Redis can make one process's hits count in the other.
@Suite(.enabled(if: TestRedis.isEnabled, "needs STARLING_TEST_REDIS_URL (scripts/test starts a server)"))
struct RedisRateLimiterSharingTests {
    @Test func twoProcessesWithTheirOwnClientsAndFallbacksShareOneLimit() async throws {
        try await RedisClient.withTestServer { first in
            try await RedisClient.withTestServer { second in
                let clock = ManualClock()  // one wall clock: the processes run on one machine
                let prefix = "rl-\(UInt32.random(in: 0 ... .max)):"
                let one = RedisRateLimiter(client: first, fallback: MemoryRateLimiter(clock: clock), prefix: prefix, clock: clock)
                let two = RedisRateLimiter(client: second, fallback: MemoryRateLimiter(clock: clock), prefix: prefix, clock: clock)
                let limits = [RateLimit(count: 3, seconds: 60)]
                #expect(await one.hit("u1", limits: limits) == nil)
                #expect(await two.hit("u1", limits: limits) == nil)
                #expect(await two.hit("u1", limits: limits) == nil)
                #expect(await one.hit("u1", limits: limits) == 60, "the fourth hit waits, though this process saw only one")
                #expect(await two.hit("u2", limits: limits) == nil, "another key has its own log")
                clock.advance(seconds: 61)
                #expect(await one.hit("u1", limits: limits) == nil)
            }
        }
    }
}
