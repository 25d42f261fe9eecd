import App
import Foundation
import Newsfeeds
import StarlingCore
import StarlingTesting
import Synchronization
import Testing

/// A hybrid page reads its pushed ids from the feed cache beside the plan, not after it, and uses
/// them only when the plan says the pushed feed applies.
struct ReadAheadTests {
    static let owner: Int64 = 1

    @Test func theCachedPageIsReadWhileThePlanIsRead() async throws {
        let world = try await World(plan: FeedPlan(pushedFeedIsCurrent: true, celebrities: []))
        let page = try await world.read(PageRequest(limit: 2))
        #expect(page.items == [30, 20])
        #expect(page.hasNextPage)
        #expect(world.sources.sawPageReadDuringPlan, "the plan was answered before the feed cache was read")
        #expect(world.newsfeeds.loads.value.load(ordering: .relaxed) == 0, "a cached page reads no newsfeed row")
    }

    @Test func aPlanThatSaysPullLeavesThePageReadAheadUnused() async throws {
        let world = try await World(plan: FeedPlan(pushedFeedIsCurrent: false, celebrities: []), pulled: [99, 98])
        let page = try await world.read(PageRequest(limit: 2))
        #expect(page.items == [99, 98])
        #expect(world.sources.sawPageReadDuringPlan)
    }

    @Test func celebritiesAreMergedWithThePageReadAhead() async throws {
        let world = try await World(plan: FeedPlan(pushedFeedIsCurrent: true, celebrities: [7]), celebrityTweets: [25, 5])
        let page = try await world.read(PageRequest(limit: 3))
        #expect(page.items == [30, 25, 20])
        #expect(world.sources.sawPageReadDuringPlan)
        #expect(world.newsfeeds.loads.value.load(ordering: .relaxed) == 0)
    }

    @Test func aMissIsLoadedOnceThePlanSaysPush() async throws {
        let world = try await World(plan: FeedPlan(pushedFeedIsCurrent: true, celebrities: []), cached: false)
        let page = try await world.read(PageRequest(limit: 2))
        #expect(page.items == [30, 20])
        #expect(world.newsfeeds.loads.value.load(ordering: .relaxed) > 0, "a miss loads the list from the store")
    }

    /// A reader over a feed cache that signals its page reads, and feed sources whose plan waits
    /// (boundedly) for that signal.
    struct World {
        let sources: PlanWaitingForPageRead
        let newsfeeds: CountingNewsfeeds
        let readNewsfeed: ReadNewsfeed

        init(plan: FeedPlan, pulled: [Int64] = [], celebrityTweets: [Int64] = [], cached: Bool = true) async throws {
            let repositories = await Repositories.memory()
            for id: Int64 in [10, 20, 30] {
                _ = try await repositories.newsfeeds.insert([NewsfeedEntry(ownerID: ReadAheadTests.owner, tweetID: id, authorID: 2)])
            }
            let cache = MemoryFeedCache(clock: SystemWallClock())
            if cached { try await cache.fill(CacheKeys.newsfeed(ReadAheadTests.owner), ids: [30, 20, 10], complete: true) }
            let pageRead = PageReadSignal()
            sources = PlanWaitingForPageRead(plan: plan, pulled: pulled, celebrityTweets: celebrityTweets, signal: pageRead)
            newsfeeds = CountingNewsfeeds(base: repositories.newsfeeds)
            readNewsfeed = ReadNewsfeed(newsfeeds: newsfeeds,
                                        reader: CachedListReader(cache: SignallingFeedCache(base: cache, signal: pageRead), logger: quietLogger),
                                        switches: MemoryFeatureSwitches(defaults: FeatureSwitch.defaults), sources: sources,
                                        rules: FeedRules(model: .hybrid))
        }

        func read(_ page: PageRequest) async throws -> Page<Int64> {
            try await readNewsfeed(owner: ReadAheadTests.owner, page: page)
        }
    }
}

/// Set once a feed cache page was asked for.
final class PageReadSignal: Sendable {
    private let flag = Atomic(false)
    func raise() { flag.store(true, ordering: .releasing) }
    var isRaised: Bool { flag.load(ordering: .acquiring) }
}

struct SignallingFeedCache: FeedCacheDecorator {
    let base: any FeedCache
    let signal: PageReadSignal
    func page(_ key: String, _ page: PageRequest) async throws -> FeedCacheLookup {
        signal.raise()
        return try await base.page(key, page)
    }
}

/// Feed sources with a fixed plan, which is answered only once the feed cache was read (or after
/// two seconds, noting that it was not).
final class PlanWaitingForPageRead: FeedSourceRepository {
    let fixedPlan: FeedPlan
    let pulled: [Int64]
    let celebrityTweets: [Int64]
    let signal: PageReadSignal
    private let saw = Atomic(false)

    init(plan: FeedPlan, pulled: [Int64], celebrityTweets: [Int64], signal: PageReadSignal) {
        fixedPlan = plan
        self.pulled = pulled
        self.celebrityTweets = celebrityTweets
        self.signal = signal
    }

    var sawPageReadDuringPlan: Bool { saw.load(ordering: .relaxed) }

    func plan(owner: Int64, activeSince: Int64, celebrityLimit: Int) async throws -> FeedPlan {
        let deadline = ContinuousClock.now + .seconds(2)
        while !signal.isRaised, ContinuousClock.now < deadline { try await Task.sleep(for: .milliseconds(1)) }
        saw.store(signal.isRaised, ordering: .relaxed)
        return fixedPlan
    }

    func tweetIDs(by authors: [Int64], page: PageRequest) async throws -> Page<Int64> {
        page.page(fromNewestFirst: Array(celebrityTweets.filter(page.contains).prefix(page.rows)))
    }

    func pulledFeed(owner: Int64, page: PageRequest) async throws -> Page<Int64> {
        page.page(fromNewestFirst: Array(pulled.filter(page.contains).prefix(page.rows)))
    }
}
