import NIOCore
import StarlingCore
import Testing

/// The behaviour every `KeyValueCache` must have. Keys are prefixed so suites can share a server.
public enum KeyValueCacheContract {
    public static func run(_ cache: any KeyValueCache, prefix: String = "kv-\(UInt32.random(in: 0 ... .max)):") async throws {
        let a = prefix + "a", b = prefix + "b", n = prefix + "n"
        #expect(try await cache.get([a, b]).isEmpty)
        try await cache.set([a: ByteBuffer(string: "alpha"), b: ByteBuffer(bytes: [0, 255, 10, 13])], ttlSeconds: 60)
        let found = try await cache.get([a, b, prefix + "missing"])
        #expect(found.count == 2)
        #expect(found[a].map { String(buffer: $0) } == "alpha")
        #expect(found[b].map { Array($0.readableBytesView) } == [0, 255, 10, 13], "binary values survive")
        try await cache.delete([a, prefix + "missing"])
        #expect(try await cache.get([a, b]).keys.sorted() == [b])
        #expect(try await cache.get([]).isEmpty)

        #expect(try await cache.increment(n, by: 1) == nil, "an absent counter stays absent")
        #expect(try await cache.get([n]).isEmpty)
        try await cache.set([n: ByteBuffer(string: "41")], ttlSeconds: 60)
        #expect(try await cache.increment(n, by: 1) == 42)
        #expect(try await cache.increment(n, by: -2) == 40)
        #expect(try await cache.get([n])[n].map { String(buffer: $0) } == "40")
        try await cache.delete([b, n])
    }
}

/// The behaviour every `FeedCache` must have (with a cap of 5). `pastLease` moves past a 50 ms
/// lease (a manual clock's advance, or a real wait).
public enum FeedCacheContract {
    public static func run(_ cache: any FeedCache, prefix: String = "feed-\(UInt32.random(in: 0 ... .max)):",
                           pastLease: () async throws -> Void) async throws {
        #expect(cache.cap == 5, "run the contract with a cap of 5")
        let feed = prefix + "1", other = prefix + "2", cold = prefix + "3"
        #expect(try await cache.page(feed, .first) == .miss)

        try await cache.fill(feed, ids: [50, 40, 30], complete: true)
        #expect(try await cache.page(feed, PageRequest(limit: 2)) == .hit(ids: [50, 40], hasNextPage: true))
        #expect(try await cache.page(feed, PageRequest(olderThan: 40, limit: 2)) == .hit(ids: [30], hasNextPage: false),
                "a complete list answers its end")
        #expect(try await cache.page(feed, PageRequest(newerThan: 30, limit: 10)) == .hit(ids: [50, 40], hasNextPage: false))

        try await cache.fill(other, ids: [9, 8, 7, 6, 5, 4, 3], complete: true)
        #expect(try await cache.page(other, PageRequest(limit: 10)) == .beyondCache, "only the cap is kept, so it is incomplete")
        #expect(try await cache.page(other, PageRequest(limit: 4)) == .hit(ids: [9, 8, 7, 6], hasNextPage: true))

        try await cache.push(60, to: [feed, cold])
        #expect(try await cache.page(cold, .first) == .miss, "a push never creates a list")
        #expect(try await cache.page(feed, .first) == .hit(ids: [60, 50, 40, 30], hasNextPage: false))
        try await cache.push(60, to: [feed])
        #expect(try await cache.page(feed, .first) == .hit(ids: [60, 50, 40, 30], hasNextPage: false), "pushing twice adds once")
        try await cache.push(70, to: [feed])
        try await cache.push(80, to: [feed])
        #expect(try await cache.page(feed, PageRequest(limit: 4)) == .hit(ids: [80, 70, 60, 50], hasNextPage: true))
        #expect(try await cache.page(feed, PageRequest(olderThan: 40, limit: 5)) == .beyondCache,
                "trimmed past the cap, the rest must come from the store")

        try await cache.remove(70, from: [feed, cold])
        if case .hit(let ids, _) = try await cache.page(feed, PageRequest(limit: 3)) {
            #expect(ids == [80, 60, 50])
        } else {
            Issue.record("the list should still answer its first page")
        }
        try await cache.invalidate([feed, other])
        #expect(try await cache.page(feed, .first) == .miss)

        let first = try #require(try await cache.acquireLease(feed, milliseconds: 5_000))
        #expect(try await cache.acquireLease(feed, milliseconds: 5_000) == nil, "one holder at a time")
        try await cache.releaseLease(feed, token: first + "-not")
        #expect(try await cache.acquireLease(feed, milliseconds: 5_000) == nil, "another token cannot release the lease")
        try await cache.releaseLease(feed, token: first)
        let stale = try #require(try await cache.acquireLease(feed, milliseconds: 50), "its holder released it")
        try await pastLease()
        let newer = try #require(try await cache.acquireLease(feed, milliseconds: 5_000), "a lease expires")
        #expect(newer != stale)
        try await cache.releaseLease(feed, token: stale)
        #expect(try await cache.acquireLease(feed, milliseconds: 5_000) == nil, "a stale token does not release the newer lease")
        try await cache.releaseLease(feed, token: newer)
        let last = try #require(try await cache.acquireLease(feed, milliseconds: 5_000), "its holder released it")
        try await cache.releaseLease(feed, token: last)
    }
}

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

/// The behaviour every `FeatureSwitches` must have.
public enum FeatureSwitchesContract {
    public static func run(_ switches: any FeatureSwitches, prefix: String = "switch-\(UInt32.random(in: 0 ... .max))-") async throws {
        let name = prefix + "feature"
        #expect(try await switches.percentage(name) == 0, "unknown switches are off")
        try await switches.set(name, percentage: 100)
        #expect(try await switches.percentage(name) == 100)
        #expect(await switches.isOn(name, for: 12345))
        try await switches.set(name, percentage: 30)
        var on = 0
        for user in Int64(1)...1_000 where await switches.isOn(name, for: user) { on += 1 }
        #expect((200...400).contains(on), "about 30% of users: \(on)")
        let once = await switches.isOn(name, for: 7)
        #expect(await switches.isOn(name, for: 7) == once, "stable per user")
        try await switches.set(name, percentage: 0)
        #expect(await !switches.isOn(name, for: 7))
    }
}
