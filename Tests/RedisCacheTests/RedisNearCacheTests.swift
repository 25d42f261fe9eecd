import Foundation
import NIOCore
import RESP
@testable import RedisCache
import ServiceLifecycle
import StarlingCore
import StarlingTestKit
import Testing

/// The object cache's near copy on Redis: answered in the process, dropped by the server's
/// invalidation pushes whoever changed a key, and off while those pushes cannot arrive.
@Suite(.enabled(if: TestRedis.isEnabled, "needs STARLING_TEST_REDIS_URL (scripts/test starts a server)"))
struct RedisNearCacheTests {
    static func text(_ values: [ByteBuffer?]) -> [String?] {
        values.map { $0.map { String(buffer: $0) } }
    }

    /// A near cache for `prefix` on the server `configuration` names, its listener running while
    /// `body` runs (once it listens).
    static func withNearCache(_ configuration: RedisConfiguration, prefix: String,
                              _ body: (NearCache, RedisInvalidationListener) async throws -> Void) async throws {
        let near = NearCache(byteBudget: 1 << 20, clock: SystemWallClock())
        let listener = RedisInvalidationListener(configuration: configuration, prefix: prefix, near: near)
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { try await listener.run() }
            defer { group.cancelAll() }
            try await waitUntil("the listener turned tracking on", seconds: 30) { near.isEnabled }
            try await body(near, listener)
        }
    }

    /// Reads `user:1` until the near cache holds it: a read that began before the push about the
    /// key's last write arrived does not store it.
    static func readUntilHeld(_ cache: RedisKeyValueCache, _ near: NearCache) async throws {
        try await waitUntil("the near cache holds the value read") {
            _ = try await cache.values(for: ["user:1"])
            return try await stillHeld(near)
        }
    }

    /// Whether the one entry is held, and still a moment later: the push about the write before
    /// may arrive late on a busy machine (after the read stored what it found) and drop it.
    static func stillHeld(_ near: NearCache) async throws -> Bool {
        guard near.usage.entries == 1 else { return false }
        try await Task.sleep(for: .milliseconds(50))
        return near.usage.entries == 1
    }

    /// A private server (one a test may pause, flush or cut off) and a client of it, with
    /// patient timeouts.
    static func withPrivateServer(_ body: (RedisConfiguration, RedisClient) async throws -> Void) async throws {
        try await TestRedis.withPrivateServer { server in
            var configuration = try RedisConfiguration(url: try server.url)
            configuration.commandTimeout = .seconds(10)
            configuration.connectTimeout = .seconds(10)
            try await RedisClient.withClient(configuration: configuration) { try await body(configuration, $0) }
        }
    }

    @Test func theKeyValueContractHoldsWithANearCache() async throws {
        let prefix = "near-\(UInt32.random(in: 0 ... .max)):kv:"
        try await RedisClient.withTestServer { redis in
            try await Self.withNearCache(try TestRedis.patientConfiguration(), prefix: prefix) { near, _ in
                try await KeyValueCacheContract.run(RedisKeyValueCache(client: redis, prefix: prefix, near: near))
            }
        }
    }

    @Test func aValueReadOnceIsAnsweredInTheProcessUntilSomeoneChangesIt() async throws {
        let prefix = "near-\(UInt32.random(in: 0 ... .max)):kv:"
        try await RedisClient.withTestServer { redis in
            try await Self.withNearCache(try TestRedis.patientConfiguration(), prefix: prefix) { near, _ in
                let cache = RedisKeyValueCache(client: redis, prefix: prefix, near: near)
                try await cache.set(["user:1": ByteBuffer(string: "ada")], ttlSeconds: 60)
                try await waitUntil("a numbered read stored the value") {
                    let read = Self.text(try await cache.values(kind: "user", ids: [1]))
                    #expect(read == ["ada"])
                    return try await Self.stillHeld(near)
                }

                // A client that never connects: only the near cache can answer it.
                var unreachable = try TestRedis.patientConfiguration()
                unreachable.connectTimeout = .milliseconds(200)
                let offline = RedisKeyValueCache(client: RedisClient(configuration: unreachable), prefix: prefix, near: near)
                #expect(Self.text(try await offline.values(for: ["user:1"])) == ["ada"], "answered in the process")
                await #expect(throws: RedisError.self, "a key not held asks the server") {
                    try await offline.values(for: ["user:1", "user:2"])
                }

                // Another process (a client without a near cache) changes it: the push drops the copy.
                let other = RedisKeyValueCache(client: redis, prefix: prefix)
                try await other.set(["user:1": ByteBuffer(string: "grace")], ttlSeconds: 60)
                try await waitUntil("the server's push dropped the copy") {
                    (try? await offline.values(for: ["user:1"])) == nil
                }
                #expect(Self.text(try await cache.values(for: ["user:1"])) == ["grace"])

                // This process's own delete is read at once, push or not.
                try await cache.delete(["user:1"])
                #expect(Self.text(try await cache.values(for: ["user:1"])) == [nil])
                try await cache.set(["user:1": ByteBuffer(string: "lin")], ttlSeconds: 60)
                #expect(Self.text(try await cache.values(for: ["user:1"])) == ["lin"])
                _ = try await cache.increment("user:1", by: 1)  // not a number: it stays, and is read again
                #expect(Self.text(try await cache.values(for: ["user:1"])) == ["lin"])
            }
        }
    }

    @Test func everyWriteDropsItsKeysWithoutWaitingForThePush() async throws {
        let prefix = "near-\(UInt32.random(in: 0 ... .max)):kv:"
        try await RedisClient.withTestServer { redis in
            // Enabled by hand, with no listener: no push ever arrives, so only the writes' own
            // invalidations can drop a copy.
            let near = NearCache(byteBudget: 1 << 20, clock: SystemWallClock())
            near.enable()
            let cache = RedisKeyValueCache(client: redis, prefix: prefix, near: near)
            func read() async throws -> String? { Self.text(try await cache.values(for: ["n"]))[0] }
            try await cache.set(["n": ByteBuffer(string: "1")], ttlSeconds: 60)
            #expect(try await read() == "1")
            #expect(try await cache.increment("n", by: 1) == 2)
            #expect(try await read() == "2", "increment")
            try await cache.set(["n": ByteBuffer(string: "5")], ttlSeconds: 60)
            #expect(try await read() == "5", "set")
            try await cache.delete(["n"])
            #expect(try await read() == nil, "delete")
            try await cache.add(["n": ByteBuffer(string: "7")], ttlSeconds: 60)  // held: not stored
            #expect(try await read() == nil, "add over a hold")
        }
    }

    @Test func aLostListenerTurnsTheNearCacheOffUntilItIsBack() async throws {
        try await Self.withPrivateServer { configuration, redis in
            try await Self.withNearCache(configuration, prefix: "kv:") { near, _ in
                let cache = RedisKeyValueCache(client: redis, prefix: "kv:", near: near)
                try await cache.set(["user:1": ByteBuffer(string: "ada")], ttlSeconds: 60)
                try await Self.readUntilHeld(cache, near)

                // The server drops the listener's connection: nothing is held until it is back.
                let list = try await redis.send(["CLIENT", "LIST"]).string ?? ""
                let id = try #require(list.split(separator: "\n").first { $0.contains("name=\(RedisInvalidationListener.clientName)") }?
                    .split(separator: " ").first { $0.hasPrefix("id=") }?.dropFirst(3))
                _ = try await redis.send(["CLIENT", "KILL", "ID", String(id)])
                try await waitUntil("the lost connection turned the near cache off") { !near.isEnabled || near.usage.entries == 0 }
                #expect(near.usage.entries == 0)
                try await waitUntil("the listener reconnected", seconds: 30) { near.isEnabled }

                // A flush of the server drops everything held.
                try await Self.readUntilHeld(cache, near)
                _ = try await redis.send(["FLUSHALL"])
                try await waitUntil("the flush's push emptied the near cache") { near.usage.entries == 0 }
                #expect(Self.text(try await cache.values(for: ["user:1"])) == [nil])
            }
        }
    }

    @Test func aServerThatStopsAnsweringTurnsTheNearCacheOff() async throws {
        try await Self.withPrivateServer { configuration, redis in
            var listening = configuration
            listening.commandTimeout = .milliseconds(300)
            try await Self.withNearCache(listening, prefix: "kv:") { near, _ in
                let cache = RedisKeyValueCache(client: redis, prefix: "kv:", near: near)
                try await cache.set(["user:1": ByteBuffer(string: "ada")], ttlSeconds: 60)
                try await Self.readUntilHeld(cache, near)
                // Every client's commands wait for 4 s: the listener's PING goes unanswered.
                _ = try await redis.send(["CLIENT", "PAUSE", "4000", "ALL"])
                try await waitUntil("an unanswered PING turned the near cache off") { !near.isEnabled }
                #expect(near.usage.entries == 0)
                try await waitUntil("the listener is back once the server answers", seconds: 30) { near.isEnabled }
            }
        }
    }

    /// A near cache of feed lists' first pages, with its `.reads` tracker running while `body` runs.
    static func withNearFeeds(_ redis: RedisClient, prefix: String,
                              _ body: (RedisFeedCache, NearCache, RedisInvalidationListener) async throws -> Void) async throws {
        let near = NearCache(byteBudget: 1 << 20, clock: SystemWallClock())
        let tracker = RedisInvalidationListener(configuration: redis.configuration, prefix: prefix, near: near, tracking: .reads)
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { try await tracker.run() }
            defer { group.cancelAll() }
            try await waitUntil("the tracker turned tracking on", seconds: 30) { near.isEnabled }
            try await body(RedisFeedCache(client: redis, cap: 5, prefix: prefix, near: near, tracker: tracker), near, tracker)
        }
    }

    @Test func theFeedCacheContractHoldsWithNearFirstPages() async throws {
        try await RedisClient.withTestServer { redis in
            try await Self.withNearFeeds(redis, prefix: "near-\(UInt32.random(in: 0 ... .max)):feed:") { cache, _, _ in
                try await FeedCacheContract.run(cache) { try await Task.sleep(for: .milliseconds(120)) }
            }
        }
    }

    @Test func aFirstPageIsAnsweredInTheProcessUntilTheListChanges() async throws {
        let prefix = "near-\(UInt32.random(in: 0 ... .max)):feed:"
        try await RedisClient.withTestServer { redis in
            try await Self.withNearFeeds(redis, prefix: prefix) { cache, near, tracker in
                try await cache.fill("newsfeed:1", ids: [30, 20, 10], complete: true)
                let first = PageRequest(limit: 2)
                try await waitUntil("a first page was kept") {
                    let lookup = try await cache.page("newsfeed:1", first)
                    #expect(lookup == .hit(ids: [30, 20], hasNextPage: true))
                    return near.usage.entries == 1
                }
                let reads = tracker.readsSent.load(ordering: .relaxed)
                #expect(try await cache.page("newsfeed:1", first) == .hit(ids: [30, 20], hasNextPage: true))
                #expect(tracker.readsSent.load(ordering: .relaxed) == reads, "answered in the process")
                #expect(try await cache.page("newsfeed:1", PageRequest(limit: 3)) == .hit(ids: [30, 20, 10], hasNextPage: false))
                #expect(tracker.readsSent.load(ordering: .relaxed) == reads + 1, "another limit is another page, read from Redis")

                // Another process pushes onto the list: Redis pushes its name, and the copy goes.
                try await RedisFeedCache(client: redis, cap: 5, prefix: prefix).push(40, to: ["newsfeed:1"])
                try await waitUntil("the change's push dropped the first page") { near.usage.entries == 0 }
                #expect(try await cache.page("newsfeed:1", first) == .hit(ids: [40, 30], hasNextPage: true))
                // This process's own writes drop it too.
                _ = try await cache.page("newsfeed:1", first)
                try await cache.remove(40, from: ["newsfeed:1"])
                #expect(try await cache.page("newsfeed:1", first) == .hit(ids: [30, 20], hasNextPage: true))
            }
        }
    }

    @Test func everyListWriteDropsItsFirstPageWithoutWaitingForThePush() async throws {
        let prefix = "near-\(UInt32.random(in: 0 ... .max)):feed:"
        try await RedisClient.withTestServer { redis in
            // The tracker's pushes drop from a near cache of their own; the one the feed cache keeps
            // its pages in is enabled by hand, so only the writes' own invalidations reach it.
            let pushed = NearCache(byteBudget: 1 << 20, clock: SystemWallClock())
            let tracker = RedisInvalidationListener(configuration: redis.configuration, prefix: prefix, near: pushed, tracking: .reads)
            try await withThrowingTaskGroup(of: Void.self) { group in
                group.addTask { try await tracker.run() }
                defer { group.cancelAll() }
                try await waitUntil("the tracker turned tracking on", seconds: 30) { pushed.isEnabled }
                let near = NearCache(byteBudget: 1 << 20, clock: SystemWallClock())
                near.enable()
                let cache = RedisFeedCache(client: redis, cap: 5, prefix: prefix, near: near, tracker: tracker)
                let first = PageRequest(limit: 2)
                func page() async throws -> FeedCacheLookup { try await cache.page("newsfeed:1", first) }
                try await cache.fill("newsfeed:1", ids: [30, 20, 10], complete: true)
                #expect(try await page() == .hit(ids: [30, 20], hasNextPage: true))
                try await cache.push(40, to: ["newsfeed:1"])
                #expect(try await page() == .hit(ids: [40, 30], hasNextPage: true), "push")
                try await cache.remove(40, from: ["newsfeed:1"])
                #expect(try await page() == .hit(ids: [30, 20], hasNextPage: true), "remove")
                try await cache.fill("newsfeed:1", ids: [50, 30], complete: true)
                #expect(try await page() == .hit(ids: [50, 30], hasNextPage: false), "fill")
                try await cache.invalidate(["newsfeed:1"])
                #expect(try await page() == .miss, "invalidate")
            }
        }
    }

    @Test func pushesNameKeysWithoutThePrefix() {
        let keys: [RESPValue] = [.bulkString(ByteBuffer(string: "ns:kv:tweet:7")), .bulkString(ByteBuffer(string: "other:x"))]
        #expect(RedisInvalidationListener.invalidation([.bulkString(ByteBuffer(string: "invalidate")), .array(keys)], prefix: "ns:kv:")
            == .keys(["tweet:7"]))
        #expect(RedisInvalidationListener.invalidation([.bulkString(ByteBuffer(string: "invalidate")), .null], prefix: "ns:kv:") == .everything)
        #expect(RedisInvalidationListener.invalidation([.bulkString(ByteBuffer(string: "message")), .null], prefix: "ns:kv:") == nil)
    }
}
