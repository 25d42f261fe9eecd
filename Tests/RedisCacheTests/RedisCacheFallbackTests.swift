import RESP
import RedisCache
import StarlingCore
import StarlingTestKit
import Testing

/// The caches when Redis is down: nothing listens on 127.0.0.1:1. No server needed.
@Suite struct RedisCacheFallbackTests {
    func withDeadClient(_ body: (RedisClient) async throws -> Void) async throws {
        try await RedisClient.withClient(configuration: try RedisConfiguration(url: "redis://127.0.0.1:1"), body)
    }

    @Test func theRateLimiterFallsBackToTheInProcessOne() async throws {
        try await withDeadClient { redis in
            let clock = ManualClock()
            let limiter = RedisRateLimiter(client: redis, fallback: MemoryRateLimiter(clock: clock))
            try await RateLimiterContract.run(limiter) { clock.advance(seconds: $0) }
        }
    }

    @Test func switchesAndCachesFailWithATypedErrorQuickly() async throws {
        try await withDeadClient { redis in
            let clock = ContinuousClock()
            let start = clock.now
            await #expect(throws: RedisError.self) { try await RedisFeatureSwitches(client: redis).percentage("x") }
            await #expect(throws: RedisError.self) { try await RedisFeedCache(client: redis).page("f", .first) }
            await #expect(throws: RedisError.self) { try await RedisKeyValueCache(client: redis).get(["k"]) }
            // A bound, not a speed: each call waits at most its 250 ms connect timeout; a busy
            // machine stretched three of them to 2.4 s once, so only a hang should fail this.
            #expect(clock.now - start < .seconds(8))
            let cached = CachedFeatureSwitches(RedisFeatureSwitches(client: redis, defaults: ["x": 50]), clock: SystemWallClock())
            let percentage = try await cached.percentage("x")
            #expect(percentage == 0, "the in-process cache answers 'off' when it never read a value")
        }
    }
}
