import App
import Foundation
import Logging
import NIOCore
import StarlingCore
import Synchronization
import StarlingTesting
import Testing

/// An invalidation that cannot reach the cache is recorded and retried: an entry cached before an
/// outage is never served after it (the scenario of a Redis hang during a profile change).
@Suite(.testDatabases) struct StaleCacheTests {
    @Test(arguments: Backend.allCases) func aChangeTheCacheMissedIsNotServedWhenTheCacheIsBack(_ backend: Backend) async throws {
        var caches = Caches.inProcess(clock: SystemWallClock())
        let cache = InstrumentedCache(caches.keyValue)
        caches.keyValue = cache
        let app = TestStarling(repositories: try await backend.repositories(), caches: caches)
        try await app.test { api in
            let alice = try await api.signUp("alice_01")
            let bob = try await api.signUp("bob_0001")
            let tweetID = try await api.post("hello", as: alice)
            func nickname() async throws -> String? {
                try await api.call(.get, "/api/profiles/\(alice.id)/").object()["nickname"] as? String
            }
            func likes() async throws -> Int? {
                (try await api.call(.get, "/api/tweets/\(tweetID)/", token: bob.token).object()["likes_count"] as? NSNumber)?.intValue
            }
            _ = try await nickname()
            #expect(try await likes() == 0, "the user and the tweet are now cached")

            cache.isDown = true  // hung: every call fails
            #expect(try await api.call(.put, "/api/profiles/\(alice.id)/", token: alice.token, json: ["nickname": "Alice"]).status == .ok)
            #expect(try await api.like("tweet", tweetID, as: bob).status == .created)
            cache.isDown = false  // back, still holding the old user and tweet

            #expect(try await nickname() == "Alice", "the pending invalidation keeps the old user from being served")
            #expect(try await likes() == 1)
            try await app.settle()
            #expect(try await nickname() == "Alice", "the recorded job removed the cached user")
            #expect(try await likes() == 1)
            // Once forgotten, the entries are cached again and still right.
            #expect(try await nickname() == "Alice")
        }
    }

    @Test func pendingKeysAreNeitherReadNorFilledUntilTheirInvalidationLands() async throws {
        let clock = ManualClock()
        let cache = InstrumentedCache(MemoryKeyValueCache(clock: clock))
        let recorded = RecordedKeys()
        var logger = Logger(label: "test")
        logger.logLevel = .critical
        let objects = ObjectCache(cache: cache, logger: logger) { keys in recorded.append(keys) }
        try await cache.set(["k:1": ByteBuffer(string: "old")], ttlSeconds: 600)
        cache.isDown = true
        await objects.invalidate(["k:1"])
        cache.isDown = false
        #expect(recorded.keys == [["k:1"]], "the failed invalidation was handed over for retry")
        let loaded = try await objects.fetch([1], kind: "k") { _ in [1: Text("new")] }
        #expect(loaded[1]?.value == "new")
        #expect(String(buffer: try await cache.get(["k:1"])["k:1"]!) == "old", "not filled while pending")
        try await objects.invalidateOrThrow(["k:1"])
        clock.advance(seconds: Double(CacheKeys.holdSeconds + 1))  // the delete's hold against fills is over
        _ = try await objects.fetch([1], kind: "k") { _ in [1: Text("new")] }
        #expect(String(buffer: try #require(try await cache.get(["k:1"])["k:1"])) == "new", "filled again once it landed")
    }

    /// The race of a read-through cache: a reader loads the store, a change commits and deletes
    /// the cached copy, then the reader fills. The fill must not store what it read before the
    /// change (it would be served until it expired: a like counted in the store, but not shown).
    @Test func aFillThatLostTheRaceToAChangeIsNotStored() async throws {
        var logger = Logger(label: "test")
        logger.logLevel = .critical
        let objects = ObjectCache(cache: MemoryKeyValueCache(clock: SystemWallClock()), logger: logger)
        let first = try await objects.fetch([1, 2], kind: "k") { ids in
            await objects.invalidate(["k:1"])  // the change to 1 commits and deletes after the store was read
            return Dictionary(uniqueKeysWithValues: ids.map { ($0, Text("before")) })
        }
        #expect(first.mapValues(\.value) == [1: "before", 2: "before"], "this read answers what it loaded")
        let second = try await objects.fetch([1, 2], kind: "k") { ids in
            Dictionary(uniqueKeysWithValues: ids.map { ($0, Text("after")) })
        }
        #expect(second.mapValues(\.value) == [1: "after", 2: "before"], "1 was not cached from before its change; 2 was")
    }
}

final class RecordedKeys: Sendable {
    private let state = Mutex<[[String]]>([])
    func append(_ keys: [String]) { state.withLock { $0.append(keys) } }
    var keys: [[String]] { state.withLock { $0 } }
}

/// A cached string, for tests of the object cache.
struct Text: CacheCodable, Equatable {
    let value: String
    init(_ value: String) { self.value = value }
    func write(to buffer: inout ByteBuffer) { buffer.writeString(value) }
    init?(from buffer: inout ByteBuffer) {
        guard let value = buffer.readString(length: buffer.readableBytes) else { return nil }
        self.value = value
    }
}
