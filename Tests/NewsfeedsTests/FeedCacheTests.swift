import App
import Foundation
import HTTPTypes
import Newsfeeds
import RESP
import StarlingCore
import StarlingTesting
import Synchronization
import Testing

/// A newsfeed store that counts full-list loads (the cache's fills).
struct CountingNewsfeeds: NewsfeedRepository {
    let base: any NewsfeedRepository
    let loads = Loads()

    final class Loads: Sendable {
        let value = Atomic<Int>(0)
    }

    func insert(tweetID: Int64, authorID: Int64, owners: [Int64]) async throws -> Int {
        try await base.insert(tweetID: tweetID, authorID: authorID, owners: owners)
    }

    func insert(_ entries: [NewsfeedEntry]) async throws -> Int { try await base.insert(entries) }

    func entries(owner: Int64, page: PageRequest) async throws -> Page<NewsfeedEntry> {
        if page.newerThan == nil { loads.value.add(1, ordering: .relaxed) }
        try await Task.sleep(for: .milliseconds(20))  // a slow store widens the race a herd would hit
        return try await base.entries(owner: owner, page: page)
    }

    func remove(tweetID: Int64) async throws -> Int { try await base.remove(tweetID: tweetID) }

    func remove(authorID: Int64, fromFeedOf owner: Int64) async throws -> Int {
        try await base.remove(authorID: authorID, fromFeedOf: owner)
    }
}

@Suite(.testDatabases) struct FeedCacheTests {
    /// Repositories whose newsfeed store counts loads, with a few posts in `reader`'s feed.
    static func prepared(_ backend: Backend) async throws -> (Repositories, CountingNewsfeeds, API.Account) {
        var repositories = try await backend.repositories()
        let counting = CountingNewsfeeds(base: repositories.newsfeeds)
        repositories.newsfeeds = counting
        let setup = TestStarling(repositories: repositories) { $0.feedModel = .push }  // the pushed feed is under test
        let reader = try await setup.test { api in
            let reader = try await api.signUp("reader_01")
            let author = try await api.signUp("author_01")
            try await api.follow(author, by: reader)
            for n in 0..<3 { _ = try await api.post("tweet \(n)", as: author) }
            try await setup.settle()
            return reader
        }
        return (repositories, counting, reader)
    }

    @Test(arguments: Backend.allCases, CacheBackend.available)
    func twoHundredConcurrentReadsOfAColdFeedLoadItOnce(_ backend: Backend, _ cacheBackend: CacheBackend) async throws {
        let (repositories, counting, reader) = try await Self.prepared(backend)
        let (caches, services) = try cacheBackend.make()
        // The pushed feed's cache is what this counts: the pull model has none.
        let app = TestStarling(repositories: repositories, caches: caches, services: services) { $0.feedModel = .push }
        try await app.test { api in
            let before = counting.loads.value.load(ordering: .relaxed)
            try await withThrowingTaskGroup(of: Int.self) { group in
                for _ in 0..<200 { group.addTask { try await api.newsfeed(reader).ids.count } }
                for try await count in group { #expect(count == 3) }
            }
            #expect(counting.loads.value.load(ordering: .relaxed) - before == 1, "exactly one store load")
        }
    }

    @Test(arguments: CacheBackend.available) func concurrentReadsInTwoProcessesLoadOnceThanksToTheLease(_ cacheBackend: CacheBackend) async throws {
        try cacheBackend.skipUnlessAvailable()
        let (repositories, counting, reader) = try await Self.prepared(.sqlite)
        // The second process waits out the first one's fill however busy the machine running the
        // tests is (500 ms by default).
        let patient: (inout Configuration) -> Void = {
            $0.feedFillWaitMilliseconds = 10_000
            $0.feedModel = .push  // the pushed feed's cache is under test
        }
        let first: TestStarling
        let second: TestStarling
        switch cacheBackend {
        case .inProcess:
            let shared = Caches.inProcess(clock: SystemWallClock())
            first = TestStarling(repositories: repositories, caches: shared, configure: patient)
            second = TestStarling(repositories: repositories, caches: shared, configure: patient)
        case .redis:
            // Two clients on one namespace: two processes sharing one Redis.
            let configuration = try TestRedis.patientConfiguration()
            let namespace = "test-\(UUID().uuidString.prefix(8)):"
            let clients = [RedisClient(configuration: configuration), RedisClient(configuration: configuration)]
            first = TestStarling(repositories: repositories,
                                 caches: .redis(client: clients[0], clock: SystemWallClock(), feedCap: 800, namespace: namespace),
                                 services: [clients[0]], configure: patient)
            second = TestStarling(repositories: repositories,
                                  caches: .redis(client: clients[1], clock: SystemWallClock(), feedCap: 800, namespace: namespace),
                                  services: [clients[1]], configure: patient)
        }
        let before = counting.loads.value.load(ordering: .relaxed)
        try await first.test { one in
            try await second.test { two in
                try await withThrowingTaskGroup(of: Int.self) { group in
                    for n in 0..<100 { group.addTask { try await (n % 2 == 0 ? one : two).newsfeed(reader).ids.count } }
                    for try await count in group { #expect(count == 3) }
                }
            }
        }
        #expect(counting.loads.value.load(ordering: .relaxed) - before == 1, "one load across both processes")
    }

    @Test(arguments: Backend.allCases, CacheBackend.available)
    func pagesPastTheCapComeFromTheStoreWithoutGapsOrDuplicates(_ backend: Backend, _ cacheBackend: CacheBackend) async throws {
        let (caches, services) = try cacheBackend.make(feedCap: 7)
        let app = TestStarling(repositories: try await backend.repositories(), caches: caches, services: services) { $0.feedCacheCap = 7 }
        try await app.test { api in
            let reader = try await api.signUp("reader_01")
            let author = try await api.signUp("author_01")
            try await api.follow(author, by: reader)
            var posted: [Int64] = []
            for n in 0..<20 { posted.append(try await api.post("tweet \(n)", as: author)) }
            try await app.settle()
            var seen: [Int64] = []
            var query = "limit=3"
            while true {
                let page = try await api.newsfeed(reader, query: query)
                seen += page.ids
                guard page.hasNextPage, let last = page.ids.last else { break }
                query = "limit=3&max_id=\(last)"
            }
            #expect(seen == posted.reversed())
            let newest = try await api.post("newest", as: author)
            try await app.settle()
            #expect(try await api.newsfeed(reader, query: "limit=2").ids == [newest, posted.last!], "pushed into the cached list")
        }
    }

    @Test func theFeedCacheSwitchTurnsTheCacheOff() async throws {
        let (repositories, counting, reader) = try await Self.prepared(.memory)
        let app = TestStarling(repositories: repositories) { $0.feedModel = .push }  // the pushed feed's cache
        try await app.starling.caches.switches.set(FeatureSwitch.newsfeedCache, percentage: 0)
        try await app.test { api in
            let before = counting.loads.value.load(ordering: .relaxed)
            for _ in 0..<3 { #expect(try await api.newsfeed(reader).ids.count == 3) }
            #expect(counting.loads.value.load(ordering: .relaxed) - before == 3, "every read goes to the store")
            try await app.starling.caches.switches.set(FeatureSwitch.newsfeedCache, percentage: 100)
            for _ in 0..<3 { #expect(try await api.newsfeed(reader).ids.count == 3) }
            #expect(counting.loads.value.load(ordering: .relaxed) - before == 4, "one more load, then the cache")
        }
    }
}
