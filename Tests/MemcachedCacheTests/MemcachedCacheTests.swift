import Memcached
@testable import MemcachedCache
import NIOCore
import StarlingCore
import StarlingTestKit
import Synchronization
import Testing

/// The `KeyValueCache` port on memcached, and its leases, against the two shared test servers.
@Suite(.enabled(if: TestMemcached.isEnabled, "needs STARLING_TEST_MEMCACHED_SERVERS (scripts/test starts two servers)"))
struct MemcachedCacheTests {
    let prefix = "cache-\(UInt32.random(in: 0 ... .max)):"

    @Test func memcachedKeyValueCache() async throws {
        try await MemcachedClient.withClient(configuration: try TestMemcached.patientConfiguration()) { memcached in
            try await KeyValueCacheContract.run(MemcachedKeyValueCache(client: memcached, prefix: prefix))
        }
    }

    @Test func aThousandConcurrentMissesInTwoProcessesLoadOnce() async throws {
        try await MemcachedClient.withClient(configuration: try TestMemcached.patientConfiguration()) { one in
            try await MemcachedClient.withClient(configuration: try TestMemcached.patientConfiguration()) { two in
                let caches = [MemcachedKeyValueCache(client: one, prefix: prefix, waitMilliseconds: 10_000),
                              MemcachedKeyValueCache(client: two, prefix: prefix, waitMilliseconds: 10_000)]
                let loads = LoadCounter()
                let values = try await withThrowingTaskGroup(of: String.self) { group in
                    for caller in 0..<1_000 {
                        group.addTask {
                            let value = try await caches[caller % 2].getOrLoad("hot", ttlSeconds: 60) {
                                loads.count.add(1, ordering: .relaxed)
                                try await Task.sleep(for: .milliseconds(100))
                                return ByteBuffer(string: "loaded")
                            }
                            return String(buffer: value)
                        }
                    }
                    return try await group.reduce(into: [String]()) { $0.append($1) }
                }
                #expect(values.count == 1_000 && values.allSatisfy { $0 == "loaded" })
                #expect(loads.count.load(ordering: .relaxed) == 1, "one load for 1,000 misses in two processes")
                #expect(try await caches[1].get(["hot"])["hot"] == ByteBuffer(string: "loaded"), "the winner filled the cache")
            }
        }
    }

    @Test func anInvalidatedKeyIsRecomputedOnceWhileOthersGetTheStaleValue() async throws {
        try await MemcachedClient.withClient(configuration: try TestMemcached.patientConfiguration()) { memcached in
            let one = MemcachedKeyValueCache(client: memcached, prefix: prefix), two = MemcachedKeyValueCache(client: memcached, prefix: prefix)
            try await one.set(["hot": ByteBuffer(string: "old")], ttlSeconds: 60)
            try await one.invalidate(["hot"])
            let loads = LoadCounter()
            let started = AsyncStream.makeStream(of: Void.self)
            let winner = Task {
                try await one.getOrLoad("hot", ttlSeconds: 60, servesStale: true) {
                    loads.count.add(1, ordering: .relaxed)
                    started.continuation.yield()
                    try await Task.sleep(for: .milliseconds(200))
                    return ByteBuffer(string: "new")
                }
            }
            for await _ in started.stream { break }
            let other = try await two.getOrLoad("hot", ttlSeconds: 60, servesStale: true) {
                loads.count.add(1, ordering: .relaxed)
                return ByteBuffer(string: "other")
            }
            #expect(other == ByteBuffer(string: "old"), "the stale value, without a second load")
            #expect(try await winner.value == ByteBuffer(string: "new"))
            #expect(loads.count.load(ordering: .relaxed) == 1)
            #expect(try await two.get(["hot"])["hot"] == ByteBuffer(string: "new"))
        }
    }

    @Test func aFailedLoadReleasesTheLeaseForTheNextCaller() async throws {
        try await MemcachedClient.withClient(configuration: try TestMemcached.patientConfiguration()) { memcached in
            let cache = MemcachedKeyValueCache(client: memcached, prefix: prefix, waitMilliseconds: 10_000)
            struct Failed: Error {}
            await #expect(throws: Failed.self) { try await cache.getOrLoad("flaky", ttlSeconds: 60) { throw Failed() } }
            let start = ContinuousClock.now
            let value = try await cache.getOrLoad("flaky", ttlSeconds: 60) { ByteBuffer(string: "ok") }
            #expect(value == ByteBuffer(string: "ok"))
            // A bound, not a speed: a caller waiting for the placeholder would wait the full 10 s.
            #expect(ContinuousClock.now - start < .seconds(5), "no wait for a placeholder nobody will fill")
        }
    }
}

/// How many times a load ran, shared by concurrent callers.
final class LoadCounter: Sendable {
    let count = Atomic<Int>(0)
}
