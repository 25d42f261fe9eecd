import StarlingCore
import StarlingTestKit
import Testing

/// The cache ports' contracts on their in-process implementations.
@Suite struct CacheContractTests {
    @Test func memoryKeyValueCache() async throws {
        try await KeyValueCacheContract.run(MemoryKeyValueCache(clock: SystemWallClock()))
    }

    @Test func memoryKeyValueCacheExpiresAndEvicts() async throws {
        let clock = ManualClock()
        let cache = MemoryKeyValueCache(clock: clock, byteBudget: 1_950)  // about ten small entries
        try await cache.set(["a": .init(string: "1")], ttlSeconds: 5)
        clock.advance(seconds: 6)
        #expect(try await cache.get(["a"]).isEmpty)
        for n in 0..<30 { try await cache.set(["k\(n)": .init(string: "\(n)")], ttlSeconds: 60) }
        #expect(try await cache.get((0..<30).map { "k\($0)" }).count <= 10)
        #expect(try await cache.get(["k29"]).count == 1, "the newest entries stay")
    }

    @Test func aHoldEndsAfterItsTime() async throws {
        let clock = ManualClock()
        let cache = MemoryKeyValueCache(clock: clock)
        try await cache.delete(["tweet:1"])
        try await cache.add(["tweet:1": .init(string: "stale")], ttlSeconds: 60)
        #expect(try await cache.get(["tweet:1"]).isEmpty)
        clock.advance(seconds: Double(CacheKeys.holdSeconds + 1))
        try await cache.add(["tweet:1": .init(string: "fresh")], ttlSeconds: 60)
        #expect(try await cache.get(["tweet:1"])["tweet:1"].map { String(buffer: $0) } == "fresh")
    }

    @Test func memoryFeedCache() async throws {
        let clock = ManualClock()
        try await FeedCacheContract.run(MemoryFeedCache(cap: 5, clock: clock)) { clock.advance(seconds: 1) }
    }

    @Test func memoryRateLimiter() async throws {
        let clock = ManualClock()
        try await RateLimiterContract.run(MemoryRateLimiter(clock: clock)) { clock.advance(seconds: $0) }
    }

    @Test func memoryFeatureSwitches() async throws {
        try await FeatureSwitchesContract.run(MemoryFeatureSwitches())
        try await FeatureSwitchesContract.run(CachedFeatureSwitches(MemoryFeatureSwitches(), clock: SystemWallClock(), ttlSeconds: 0))
    }
}
