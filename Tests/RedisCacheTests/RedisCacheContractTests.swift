import RESP
import RedisCache
import StarlingCore
import StarlingTesting
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
            try await FeedCacheContract.run(RedisFeedCache(client: redis, cap: 5))
        }
    }

    @Test func redisRateLimiter() async throws {
        try await RedisClient.withTestServer { redis in
            // The contract's hits must fall in one second, and its minute must not roll over (it runs about 3 s).
            try await sleepIfNearTheEndOfAMinute()
            try await sleepUntilTheNextSecond()
            let limiter = RedisRateLimiter(client: redis, fallback: MemoryRateLimiter(clock: SystemWallClock()))
            try await RateLimiterContract.run(limiter) { try await sleepUntilTheNextSecond() }
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

func sleepUntilTheNextSecond() async throws {
    let micros = SystemWallClock().nowMicros() % 1_000_000
    try await Task.sleep(for: .microseconds(1_000_000 - micros + 20_000))
}

func sleepIfNearTheEndOfAMinute() async throws {
    let second = SystemWallClock().nowMicros() / 1_000_000 % 60
    if second >= 55 { try await Task.sleep(for: .seconds(61 - second)) }
}
