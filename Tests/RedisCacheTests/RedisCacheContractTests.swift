import RESP
@testable import RedisCache
import StarlingCore
import StarlingTestKit
import Testing

/// The cache ports' contracts on Redis, against the shared test server.
@Suite(.enabled(if: TestRedis.isEnabled, "needs STARLING_TEST_REDIS_URL (scripts/test starts a server)"))
struct RedisCacheContractTests {
    @Test func redisKeyValueCache() async throws {
        try await RedisClient.withTestServer { redis in
            try await KeyValueCacheContract.run(RedisKeyValueCache(client: redis))
        }
    }

    @Test func redisFeedCache() async throws {
        try await RedisClient.withTestServer { redis in
            try await FeedCacheContract.run(RedisFeedCache(client: redis, cap: 5)) { try await Task.sleep(for: .milliseconds(120)) }
        }
    }

    @Test func redisRateLimiter() async throws {
        try await RedisClient.withTestServer { redis in
            let clock = ManualClock()
            let limiter = RedisRateLimiter(client: redis, fallback: MemoryRateLimiter(clock: clock), prefix: "rl:", clock: clock)
            try await RateLimiterContract.run(limiter) { clock.advance(seconds: $0) }
        }
    }

    @Test func serverProcessesShareTheirLimits() async throws {
        try await RedisClient.withTestServer { redis in
            try await sleepIfNearTheEndOfAMinute()
            let fallback = MemoryRateLimiter(clock: SystemWallClock())
            let one = RedisRateLimiter(client: redis, fallback: fallback), two = RedisRateLimiter(client: redis, fallback: fallback)
            let key = "shared-\(UInt32.random(in: 0 ... .max))", limits = [RateLimit(count: 3, seconds: 60)]
            #expect(await one.hit(key, limits: limits) == nil)
            #expect(await two.hit(key, limits: limits) == nil)
            #expect(await one.hit(key, limits: limits) == nil)
            let wait = await two.hit(key, limits: limits)
            #expect(wait.map { (1...60).contains($0) } == true, "the fourth hit waits, whichever process takes it")
        }
    }

    @Test func redisFeatureSwitches() async throws {
        try await RedisClient.withTestServer { redis in
            let key = "switches-\(UInt32.random(in: 0 ... .max))"
            try await FeatureSwitchesContract.run(RedisFeatureSwitches(client: redis, key: key))
            try await FeatureSwitchesContract.run(CachedFeatureSwitches(RedisFeatureSwitches(client: redis, key: key), clock: SystemWallClock(), ttlSeconds: 0))
            try await redis.del([key])
        }
    }
}

/// Waits for the next minute when this one is nearly over, so a test's minute window holds.
func sleepIfNearTheEndOfAMinute() async throws {
    let second = SystemWallClock().nowMicros() / 1_000_000 % 60
    if second >= 55 { try await Task.sleep(for: .seconds(61 - second)) }
}
