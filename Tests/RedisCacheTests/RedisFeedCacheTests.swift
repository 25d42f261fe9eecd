import NIOCore
import RESP
import RedisCache
import StarlingCore
import StarlingTestKit
import Testing

/// What the feed and key-value caches keep in Redis beyond their contracts: the cap and the
/// sentinel, expiry, leases across processes, and pushes to many lists at once.
@Suite(.enabled(if: TestRedis.isEnabled, "needs STARLING_TEST_REDIS_URL (scripts/test starts a server)"))
struct RedisFeedCacheTests {
    let prefix = "feedtest-\(UInt32.random(in: 0 ... .max)):"

    @Test func aCompleteListAtTheCapBecomesIncompleteWhenAPushOverflowsIt() async throws {
        try await RedisClient.withTestServer { redis in
            let cache = RedisFeedCache(client: redis, cap: 3, prefix: prefix)
            try await cache.fill("f", ids: [30, 20, 10], complete: true)
            #expect(try await cache.page("f", PageRequest(limit: 5)) == .hit(ids: [30, 20, 10], hasNextPage: false))
            try await cache.push(40, to: ["f"])
            #expect(try await redis.zcard(prefix + "f") == 3, "the sentinel and the oldest id were trimmed")
            #expect(try await cache.page("f", PageRequest(limit: 2)) == .hit(ids: [40, 30], hasNextPage: true))
            #expect(try await cache.page("f", PageRequest(limit: 3)) == .beyondCache, "incomplete now: a short page is not the end")
            try await cache.push(5, to: ["f"])
            #expect(try await redis.zrevrangebyscore(prefix + "f", max: .positiveInfinity, min: .negativeInfinity) == ["40", "30", "20"],
                    "an id older than a full list is trimmed at once")
            try await cache.invalidate(["f"])
        }
    }

    @Test func filledListsExpireAfterAWeek() async throws {
        try await RedisClient.withTestServer { redis in
            let cache = RedisFeedCache(client: redis, prefix: prefix)
            try await cache.fill("ttl", ids: [1, 2], complete: true)
            let ttl = try await redis.send(["PTTL", prefix + "ttl"]).int ?? 0
            #expect((7 * 86_400_000 - 60_000)...(7 * 86_400_000) ~= ttl)
            try await cache.fill("empty", ids: [], complete: false)
            #expect(try await cache.page("empty", .first) == .miss, "an empty incomplete list answers nothing")
            try await cache.fill("none", ids: [], complete: true)
            #expect(try await cache.page("none", .first) == .hit(ids: [], hasNextPage: false), "an empty complete list is a hit")
            try await cache.invalidate(["ttl", "none"])
        }
    }

    @Test func aPushReachesAThousandCachedListsInOneCall() async throws {
        try await RedisClient.withTestServer { redis in
            let cache = RedisFeedCache(client: redis, cap: 5, prefix: prefix)
            let keys = (0..<1_000).map { "many\($0)" }
            for key in keys where key.hasSuffix("0") { try await cache.fill(key, ids: [1], complete: true) }
            try await cache.push(2, to: keys)
            #expect(try await cache.page("many10", .first) == .hit(ids: [2, 1], hasNextPage: false))
            #expect(try await cache.page("many11", .first) == .miss)
            try await cache.remove(2, from: keys)
            #expect(try await cache.page("many10", .first) == .hit(ids: [1], hasNextPage: false))
            try await cache.invalidate(keys)
        }
    }

    @Test func aLeaseIsReleasedOnlyByItsHolder() async throws {
        try await RedisClient.withTestServer { redis in
            let mine = RedisFeedCache(client: redis, prefix: prefix), theirs = RedisFeedCache(client: redis, prefix: prefix)
            let held = try #require(try await mine.acquireLease("l", milliseconds: 5_000))
            #expect(try await theirs.acquireLease("l", milliseconds: 5_000) == nil, "one holder across processes")
            try await mine.releaseLease("l", token: held)
            let expired = try #require(try await theirs.acquireLease("l", milliseconds: 50))
            try await Task.sleep(for: .milliseconds(120))
            let newer = try #require(try await mine.acquireLease("l", milliseconds: 5_000), "a lease expires")
            try await theirs.releaseLease("l", token: expired)
            #expect(try await theirs.acquireLease("l", milliseconds: 5_000) == nil, "an expired holder does not release the new lease")
            try await mine.releaseLease("l", token: newer)
        }
    }

    @Test func keyValueEntriesExpireAndCountersKeepTheirTTL() async throws {
        try await RedisClient.withTestServer { redis in
            let cache = RedisKeyValueCache(client: redis, prefix: prefix)
            try await cache.set(["n": ByteBuffer(string: "1"), "s": ByteBuffer(string: "x")], ttlSeconds: 30)
            #expect(try await cache.increment("n", by: 2) == 3)
            #expect(try await cache.increment("s", by: 1) == nil, "a value that is not a number is not a counter")
            let ttl = try await redis.send(["PTTL", prefix + "n"]).int ?? 0
            #expect((25_000...30_000).contains(ttl))
            try await cache.set([:], ttlSeconds: 30)
            try await cache.delete([])
            try await cache.delete(["n", "s"])
        }
    }
}
