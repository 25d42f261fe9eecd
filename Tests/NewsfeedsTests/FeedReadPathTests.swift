import App
import Foundation
import Logging
import Newsfeeds
import StarlingCore
import StarlingTesting
import Synchronization
import Testing

/// A feed cache that grants every lease: processes never wait for each other, so only the
/// single-flight of one process can keep concurrent misses to one load.
struct LeaselessFeedCache: FeedCacheDecorator {
    let base: any FeedCache
    func acquireLease(_ key: String, milliseconds: Int) async throws -> String? { UUID().uuidString }
    func releaseLease(_ key: String, token: String) async throws {}
}

/// A feed cache that can be cut off and brought back, keeping its lists meanwhile (a partitioned,
/// not a restarted, Redis); it remembers the keys of the pushes that failed.
final class PartitionableFeedCache: FeedCache {
    let base: any FeedCache
    private let down = Atomic(false)
    private let failed = Mutex<Set<String>>([])

    init(_ base: any FeedCache) { self.base = base }

    var isDown: Bool {
        get { down.load(ordering: .relaxed) }
        set { down.store(newValue, ordering: .relaxed) }
    }

    /// Keys of pushes that failed while the cache was down.
    var failedPushKeys: Set<String> { failed.withLock { $0 } }

    private func call() throws { if isDown { throw StoreDown() } }

    var cap: Int { base.cap }
    func page(_ key: String, _ page: PageRequest) async throws -> FeedCacheLookup { try call(); return try await base.page(key, page) }
    func fill(_ key: String, ids: [Int64], complete: Bool) async throws { try call(); try await base.fill(key, ids: ids, complete: complete) }
    func push(_ id: Int64, to keys: [String]) async throws {
        if isDown { failed.withLock { $0.formUnion(keys) } }
        try call()
        try await base.push(id, to: keys)
    }
    func remove(_ id: Int64, from keys: [String]) async throws { try call(); try await base.remove(id, from: keys) }
    func invalidate(_ keys: [String]) async throws { try call(); try await base.invalidate(keys) }
    func acquireLease(_ key: String, milliseconds: Int) async throws -> String? { try call(); return try await base.acquireLease(key, milliseconds: milliseconds) }
    func releaseLease(_ key: String, token: String) async throws { try call(); try await base.releaseLease(key, token: token) }
}

struct StoreDown: Error {}

/// A counter shared by concurrent closures.
final class Counter: Sendable {
    private let count = Atomic(0)
    func add() { count.add(1, ordering: .relaxed) }
    var value: Int { count.load(ordering: .relaxed) }
}

/// A list in the store: ids newest first.
actor ListStore {
    private var ids: [Int64]
    init(_ ids: [Int64]) { self.ids = ids.sorted(by: >) }
    func add(_ id: Int64) { ids = (ids + [id]).sorted(by: >) }
    func page(_ page: PageRequest) -> Page<Int64> { page.page(fromNewestFirst: Array(ids.filter(page.contains).prefix(page.rows))) }
}

/// Waits for `condition`, up to `seconds` (a guard against a hang, not a measure).
func waitFor(seconds: Int = 30, _ what: Comment, _ condition: () async throws -> Bool) async throws {
    let deadline = ContinuousClock.now + .seconds(seconds)
    while try await !condition() {
        try #require(ContinuousClock.now < deadline, what)
        try await Task.sleep(for: .milliseconds(5))
    }
}

let quietLogger: Logger = {
    var logger = Logger(label: "test")
    logger.logLevel = .critical
    return logger
}()

/// The read path of cached lists where a regression would lose or hide tweets: single-flight,
/// deep pages after a miss, the catch-up after a fill, fanout after a cache outage, and the
/// author's own lists.
@Suite(.testDatabases) struct FeedReadPathTests {
    @Test func concurrentMissesInOneProcessLoadOnceEvenWhenEveryLeaseIsGranted() async throws {
        let reader = CachedListReader(cache: LeaselessFeedCache(base: MemoryFeedCache(clock: SystemWallClock())), logger: quietLogger)
        let loads = Counter()
        try await withThrowingTaskGroup(of: [Int64].self) { group in
            for _ in 0..<50 {
                group.addTask {
                    try await reader.page("feed", .first) { page in
                        if page.newerThan == nil { loads.add() }
                        try await Task.sleep(for: .milliseconds(200))  // a slow store: the misses overlap
                        return Page(items: [3, 2, 1], hasNextPage: false)
                    }.items
                }
            }
            for try await ids in group { #expect(ids == [3, 2, 1]) }
        }
        #expect(loads.value == 1, "one load for fifty concurrent misses: single-flight, not the lease")
    }

    @Test(arguments: Backend.allCases, CacheBackend.available)
    func aDeepPageRightAfterAMissComesWholeFromTheStore(_ backend: Backend, _ cacheBackend: CacheBackend) async throws {
        let (caches, services) = try cacheBackend.make(feedCap: 7)
        let app = TestStarling(repositories: try await backend.repositories(), caches: caches, services: services) { $0.feedCacheCap = 7 }
        try await app.test { api in
            let reader = try await api.signUp("reader_01")
            let author = try await api.signUp("author_01")
            try await api.follow(author, by: reader)
            var posted: [Int64] = []
            for n in 0..<20 { posted.append(try await api.post("tweet \(n)", as: author)) }
            try await app.settle()
            // Nothing has read the feed: the first read misses, loads the newest 7 and fills.
            let deep = try await api.newsfeed(reader, query: "limit=3&max_id=\(posted[5])")
            #expect(deep.ids == [posted[4], posted[3], posted[2]] && deep.hasNextPage, "not the truncated cached list")
            let last = try await api.newsfeed(reader, query: "limit=3&max_id=\(posted[2])")
            #expect(last.ids == [posted[1], posted[0]] && !last.hasNextPage)
        }
    }

    /// Also when the list was empty at the load (a new follower's first read, as the first tweet
    /// fans out): there is no newest id to read on from.
    @Test(arguments: [[30, 20, 10], []] as [[Int64]])
    func aFanoutBetweenTheLoadAndTheFillIsPushedAfterTheFill(_ before: [Int64]) async throws {
        let cache = MemoryFeedCache(clock: SystemWallClock())
        let reader = CachedListReader(cache: cache, logger: quietLogger)
        let store = ListStore(before)
        let loads = Counter()
        let first = try await reader.page("feed", .first) { page in
            let loaded = await store.page(page)
            if page.newerThan == nil, loads.value == 0 {
                loads.add()
                // A fanout writes its row just after this load read the list, and pushes before
                // the fill: there is no list to push into yet.
                await store.add(40)
                try await cache.push(40, to: ["feed"])
            }
            return loaded
        }
        #expect(first.items == before)
        let lookup = try await cache.page("feed", .first)
        #expect(lookup == .hit(ids: [40] + before, hasNextPage: false), "the cached list caught up with the fanout")
    }

    @Test(arguments: Backend.allCases) func cachedFeedsCatchUpWithAFanoutThatMetACacheOutage(_ backend: Backend) async throws {
        var caches = Caches.inProcess(clock: SystemWallClock())
        let feeds = PartitionableFeedCache(caches.feeds)
        caches.feeds = feeds
        let app = TestStarling(repositories: try await backend.repositories(), caches: caches)
        try await app.test { api in
            let reader = try await api.signUp("reader_01")
            let author = try await api.signUp("author_01")
            try await api.follow(author, by: reader)
            let first = try await api.post("before the outage", as: author)
            try await app.settle()
            #expect(try await api.newsfeed(reader).ids == [first], "the reader's feed is now cached")

            feeds.isDown = true
            let second = try await api.post("during the outage", as: author)
            try await waitFor("the fanout pushed to the reader's feed while the cache was down") {
                feeds.failedPushKeys.contains(CacheKeys.newsfeed(reader.id))
            }
            feeds.isDown = false  // back, still holding the reader's old list
            try await app.settle()
            #expect(try await api.newsfeed(reader).ids == [second, first], "the retried fanout pushed into the old list")
        }
    }

    @Test(arguments: Backend.allCases) func theAuthorsCachedListsShowTheirTweetAtOnce(_ backend: Backend) async throws {
        let app = TestStarling(repositories: try await backend.repositories(), queue: StalledQueue())
        try await app.test { api in
            let alice = try await api.signUp("alice_01")
            let old = try await api.post("first", as: alice)
            func timeline() async throws -> [Int64] {
                try await api.call(.get, "/api/tweets/?user_id=\(alice.id)").results().compactMap { ($0["id"] as? NSNumber)?.int64Value }
            }
            #expect(try await api.newsfeed(alice).ids == [old])
            #expect(try await timeline() == [old], "both of the author's lists are now cached")
            let new = try await api.post("second", as: alice)  // no job runs: the post itself pushes
            #expect(try await api.newsfeed(alice).ids == [new, old])
            #expect(try await timeline() == [new, old])
        }
    }
}
