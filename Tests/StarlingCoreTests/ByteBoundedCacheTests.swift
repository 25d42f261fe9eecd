import NIOCore
import StarlingCore
import StarlingTestKit
import Testing

/// The in-process caches are bounded by the bytes their entries take, not by their number: many
/// entries of varied sizes never take a cache past its budget, the least recently used go first,
/// and expiry works as before.
@Suite struct ByteBoundedCacheTests {
    /// A deterministic generator of varied sizes (a test must say the same thing every run).
    struct Sizes {
        var state: UInt64
        mutating func next(below bound: Int) -> Int {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Int((state >> 33) % UInt64(bound))
        }
    }

    @Test func theTableStaysWithinItsBudgetUnderManyInsertsOfVariedSizes() {
        var table = ByteBoundedLRU<String, Int>(budget: 100_000)
        var sizes = Sizes(state: 7)
        for n in 0..<20_000 {
            table.set("key\(n % 5_000)", n, bytes: 1 + sizes.next(below: 3_000))
            #expect(table.bytes <= table.budget)
        }
        #expect(table.count > 10, "a full table holds many entries, not only the newest")
        #expect(table.bytes > table.budget - 3_000, "evicting stops once the total fits")
    }

    @Test func theLeastRecentlyUsedEntriesGoFirst() {
        var table = ByteBoundedLRU<String, Int>(budget: 300)
        for key in ["a", "b", "c"] { table.set(key, 0, bytes: 100) }
        let read = table.value(forKey: "a")  // a is now the most recent
        #expect(read == 0)
        table.set("d", 0, bytes: 100)
        #expect(table.keysOldestFirst == ["c", "a", "d"])
        #expect(table.peek("b") == nil)
        _ = table.peek("c")  // a peek does not count as a use
        table.set("e", 0, bytes: 150)
        #expect(table.keysOldestFirst == ["d", "e"])
        #expect(table.bytes == 250)
    }

    @Test func anEntryLargerThanTheBudgetIsNotKept() {
        var table = ByteBoundedLRU<String, Int>(budget: 100)
        table.set("small", 1, bytes: 40)
        table.set("huge", 2, bytes: 101)
        #expect(table.count == 0 && table.bytes == 0)
        table.set("small", 1, bytes: 40)
        let small = table.value(forKey: "small")
        #expect(small == 1)
    }

    @Test func replacingUpdatingAndRemovingKeepTheTotalTrue() {
        var table = ByteBoundedLRU<String, [Int]>(budget: 1_000)
        table.set("a", [1], bytes: 100)
        table.set("b", [2], bytes: 200)
        table.set("a", [1, 1], bytes: 300)
        #expect(table.bytes == 500)
        let updated = table.update("b") { value in
            value.append(3)
            return 50
        }
        #expect(updated && table.peek("b") == [2, 3] && table.bytes == 350)
        let absent = table.update("zzz") { _ in 1 }
        #expect(!absent)
        let removed = table.remove("a")
        #expect(removed == [1, 1])
        #expect(table.bytes == 50 && table.count == 1)
        table.set("c", [], bytes: 960)
        #expect(table.keysOldestFirst == ["c"], "b (the oldest) made room")
    }

    @Test func theObjectCacheStaysWithinItsBudgetAndKeepsTheRecentlyRead() async throws {
        let budget = 1 << 20
        let cache = MemoryKeyValueCache(clock: ManualClock(), byteBudget: budget)
        var sizes = Sizes(state: 11)
        try await cache.set(["hot": ByteBuffer(string: "kept")], ttlSeconds: 600)
        for n in 0..<5_000 {
            let value = ByteBuffer(repeating: UInt8(n % 251), count: 10 + sizes.next(below: 2_000))
            try await cache.set(["tweet:\(n)": value], ttlSeconds: 600)
            if n % 100 == 0 { #expect(try await cache.get(["hot"])["hot"] == ByteBuffer(string: "kept")) }
            #expect(cache.usage.bytes <= budget)
        }
        #expect(cache.usage.entries > 300)
        #expect(try await cache.get(["tweet:0"]).isEmpty, "the oldest, never read again, went first")
        #expect(try await cache.get(["tweet:4999"]).count == 1)
    }

    @Test func theObjectCacheChargesAGrownBufferOnlyForItsBytes() async throws {
        let cache = MemoryKeyValueCache(clock: ManualClock(), byteBudget: 1 << 20)
        var grown = ByteBuffer()
        grown.reserveCapacity(64 << 10)
        grown.writeString("small")
        try await cache.set(["k": grown], ttlSeconds: 60)
        #expect(cache.usage.bytes < 1_000, "the 64 KB of slack is not kept")
        #expect(try await cache.get(["k"])["k"] == ByteBuffer(string: "small"))
    }

    /// A tweet-shaped entry (`tweet:` and a 19-digit id, ~110 bytes) takes no heap block for its key
    /// and one for its value, so a megabyte holds half as many again as with a string key and a
    /// `ByteBuffer` value (about 430 bytes each, 2,400 of them): the bench's 40,000 tweets fit the
    /// default 16 MB instead of each being evicted just before it is read again.
    @Test func aMegabyteHoldsOverThreeThousandTweetShapedEntries() async throws {
        let cache = MemoryKeyValueCache(clock: ManualClock(), byteBudget: 1 << 20)
        let first: Int64 = 7_205_000_000_000_000_000
        for n in 0..<4_000 {
            try await cache.set(["tweet:\(first + Int64(n))": ByteBuffer(repeating: 1, count: 110)], ttlSeconds: 600)
        }
        #expect(cache.usage.entries > 3_500)
        #expect(try await cache.get(["tweet:\(first + 3_999)"])["tweet:\(first + 3_999)"] == ByteBuffer(repeating: 1, count: 110))
    }

    /// Keys are held compactly, but two keys are one entry only when their strings are equal.
    @Test func compactKeysKeepDistinctStringsApart() async throws {
        let cache = MemoryKeyValueCache(clock: ManualClock(), byteBudget: 1 << 20)
        let keys = ["tweet:7", "tweet:07", "tweet:7:", "tweet:", ":7", "7", "tweet:-7", "a:b:7", "a:b:07", "tweet:9223372036854775807",
                    "tweet:123456789012345678", "tweet:1234567890123456789", "a_very_long_kind_name:7", "a_very_long_kind_name:07",
                    "abcdefghijklmn:7", "abcdefghijklmno:7", "abcdefghijklmnop:7", "abcdefgh:7", "abcdefghi:7"]
        for (n, key) in keys.enumerated() { try await cache.set([key: ByteBuffer(string: "\(n)")], ttlSeconds: 60) }
        let found = try await cache.get(keys)
        for (n, key) in keys.enumerated() { #expect(found[key] == ByteBuffer(string: "\(n)"), "\(key)") }
        #expect(cache.usage.entries == keys.count)
        try await cache.delete(["tweet:07"])
        #expect(try await cache.get(["tweet:7", "tweet:07"]).keys.sorted() == ["tweet:7"])
    }

    @Test func aKindAndIdsReadWhatTheirKeyStringsWrote() async throws {
        let cache = MemoryKeyValueCache(clock: ManualClock(), byteBudget: 1 << 20)
        let kinds = ["tweet", "user", "a", "k9", "a:b", "abcdefghijklmno", "abcdefghijklmnop", "a_very_long_kind_name"]
        let ids: [Int64] = [0, 1, 7, 42, .max, -1, -7]
        for kind in kinds {
            let keys = ids.map { CacheKeys.numbered(kind, $0) }
            try await cache.set(Dictionary(uniqueKeysWithValues: keys.map { ($0, ByteBuffer(string: $0)) }), ttlSeconds: 60)
            let values = try await cache.values(kind: kind, ids: ids + [99])
            #expect(values.map { $0.map { String(buffer: $0) } } == keys + [nil], "\(kind)")
        }
        #expect(cache.usage.entries == kinds.count * ids.count)
    }

    @Test func expiryStillWorksAndCountsStayCharged() async throws {
        let clock = ManualClock()
        let cache = MemoryKeyValueCache(clock: clock, byteBudget: 1 << 20)
        try await cache.set(["a": ByteBuffer(string: "1"), "n": ByteBuffer(string: "41")], ttlSeconds: 5)
        #expect(try await cache.increment("n", by: 1) == 42)
        #expect(try await cache.increment("n", by: Int.max) == nil, "an overflow forgets the count")
        #expect(try await cache.get(["n"]).isEmpty)
        clock.advance(seconds: 6)
        #expect(try await cache.get(["a"]).isEmpty)
        #expect(cache.usage.entries == 0 && cache.usage.bytes == 0, "an expired entry read is dropped")
    }

    @Test func theFeedCacheBoundsItsListsInBytes() async throws {
        let budget = 256 << 10
        let cache = MemoryFeedCache(cap: 800, clock: ManualClock(), byteBudget: budget)
        var sizes = Sizes(state: 3)
        for user in 0..<500 {
            let count = 1 + sizes.next(below: 800)
            try await cache.fill("newsfeed:\(user)", ids: (0..<Int64(count)).map { $0 * 10 }, complete: true)
            #expect(cache.usage.bytes <= budget)
        }
        #expect(cache.usage.lists > 20 && cache.usage.lists < 500)
        if case .miss = try await cache.page("newsfeed:0", .first) {} else { Issue.record("the oldest list went first") }
        if case .hit = try await cache.page("newsfeed:499", .first) {} else { Issue.record("the newest list stays") }
    }

    @Test func pushesNeverGrowAFullListPastItsCap() async throws {
        let cache = MemoryFeedCache(cap: 800, clock: ManualClock(), byteBudget: 1 << 20)
        try await cache.fill("newsfeed:1", ids: (1...800).map { Int64($0) * 10 }, complete: true)
        let full = cache.usage.bytes
        for id in 8_001...8_400 { try await cache.push(Int64(id), to: ["newsfeed:1"]) }
        try await cache.push(5, to: ["newsfeed:1"])  // older than every id of a full list: not kept
        #expect(cache.usage.bytes == full, "a full list is charged the same after pushes")
        guard case .hit(let ids, let more) = try await cache.page("newsfeed:1", PageRequest(limit: 100)) else {
            Issue.record("the list is cached")
            return
        }
        #expect(ids.first == 8_400 && ids.count == 100 && more)
        try await cache.remove(8_400, from: ["newsfeed:1"])
        guard case .hit(let after, _) = try await cache.page("newsfeed:1", .first) else { return }
        #expect(after.first == 8_399)
    }

    @Test func theRateLimiterForgetsTheLeastRecentlyHitLogsWithinItsBudget() async {
        let clock = ManualClock()
        let limiter = MemoryRateLimiter(clock: clock, byteBudget: 64 << 10)
        let limit = [RateLimit(count: 2, seconds: 60)]
        #expect(await limiter.hit("hot", limits: limit) == nil)
        for n in 0..<5_000 {
            _ = await limiter.hit("ip:\(n)", limits: limit)
            if n % 50 == 0 { _ = await limiter.hit("hot", limits: limit) }
        }
        #expect(await limiter.hit("hot", limits: limit) != nil, "a log hit often stays, so its limit holds")
    }
}
