import NIOCore
import StarlingCore
import Testing

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
