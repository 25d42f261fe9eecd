import App
import Foundation
import Newsfeeds
import StarlingCore
import StarlingTestKit
import StarlingTesting
import Testing

/// The hybrid feed's plan (is the pushed feed current, which celebrities are followed) comes from
/// the object cache, and is never served once its facts changed: a warm page asks the store for no
/// plan; follows, unfollows, celebrity flags (sweep, admin, the admin command) and a user's
/// return and restore show on the very next read — in the process that made the change and in
/// another one sharing the cache.
@Suite(.testDatabases) struct FeedPlanCacheTests {
    static func hybrid(_ configuration: inout Configuration) {
        configuration.feedModel = .hybrid
        configuration.celebrityFollowers = 3
    }

    @Test(arguments: Backend.allCases) func aWarmHybridPageAsksTheStoreForNoPlan(_ backend: Backend) async throws {
        var repositories = try await backend.repositories()
        let sources = CountingFeedSources(repositories.feedSources)
        repositories.feedSources = sources
        let app = TestStarling(repositories: repositories, configure: Self.hybrid)
        try await app.test { api in
            let reader = try await api.signUp("reader_01")
            let star = try await api.signUp("star_0001")
            let plain = try await api.signUp("plain_001")
            try await api.follow(plain, by: reader)
            try await api.follow(star, by: reader)
            #expect(try await app.starling.useCases.flagCelebrities.set(star.id, to: .on))
            let posted = [try await api.post("plain", as: plain), try await api.post("star", as: star)]
            try await app.settle()
            #expect(try await api.newsfeed(reader).ids == posted.reversed(), "cold: the plan from the store")
            let cold = sources.plans.value
            for _ in 0..<3 { #expect(try await api.newsfeed(reader).ids == posted.reversed()) }
            #expect(sources.plans.value == cold, "warm: no plan asked of the store")
        }
    }

    /// Store statements of a warm first page, under hybrid and under push (fresh caches each): the
    /// plan was the one statement hybrid added; now it adds only the celebrities' timelines.
    @Test(arguments: Backend.durableCases) func aWarmHybridPageCostsThePushedPagesStatementsPlusTheCelebrities(_ backend: Backend) async throws {
        let repositories = try await backend.repositories()
        let (ordinary, fan) = try await TestStarling(repositories: repositories, configure: Self.hybrid).test { api in
            let ordinary = try await api.signUp("reader_01")
            let fan = try await api.signUp("fan_00001")
            let star = try await api.signUp("star_0001")
            let plain = try await api.signUp("plain_001")
            for reader in [ordinary, fan] { try await api.follow(plain, by: reader) }
            try await api.follow(star, by: fan)
            #expect(try await api.starling.starling.useCases.flagCelebrities.set(star.id, to: .on))
            for n in 0..<4 {
                _ = try await api.post("plain \(n)", as: plain)
                _ = try await api.post("star \(n)", as: star)
            }
            try await api.starling.settle()
            return (ordinary, fan)
        }
        func warmStatements(_ model: FeedModel, _ reader: API.Account) async throws -> Int {
            try await TestStarling(repositories: repositories, caches: .inProcess(clock: SystemWallClock())) {
                Self.hybrid(&$0)
                $0.feedModel = model
            }.test { api in
                _ = try await api.newsfeed(reader)
                let tally = StatementTally()
                let page = try await StatementTally.$current.withValue(tally) { try await api.newsfeed(reader) }
                #expect(!page.ids.isEmpty)
                return tally.value
            }
        }
        let pushed = try await warmStatements(.push, ordinary)
        #expect(pushed == 0, "a warm pushed page asks the store nothing (the marks too are cached: CachedViewerMarks)")
        #expect(try await warmStatements(.hybrid, ordinary) == pushed, "no celebrity followed: what push costs, no plan")
        #expect(try await warmStatements(.hybrid, fan) == pushed + 1,
                "one celebrity followed: one statement more, their timelines (which shows the tally counts)")
    }

    @Test(arguments: Backend.allCases, SharedCache.allCases)
    func followingAndUnfollowingACelebrityShowsAndHidesTheirTweetsOnTheNextRead(_ backend: Backend, _ shared: SharedCache) async throws {
        let (caches, services) = try shared.make()
        // No job ever runs: the follow's merge cannot bring the tweets, only the pull can.
        let app = TestStarling(repositories: try await backend.repositories(), caches: caches, services: services,
                               queue: StalledQueue(), configure: Self.hybrid)
        try await app.test { api in
            let reader = try await api.signUp("reader_01")
            let star = try await api.signUp("star_0001")
            #expect(try await app.starling.useCases.flagCelebrities.set(star.id, to: .on))
            let posted = [try await api.post("one", as: star), try await api.post("two", as: star)]
            #expect(try await api.newsfeed(reader).ids == [], "the plan (no celebrity) is cached")
            try await api.follow(star, by: reader)
            #expect(try await api.newsfeed(reader).ids == posted.reversed(), "followed: pulled at once")
            #expect(try await api.newsfeed(reader).ids == posted.reversed())
            #expect(try await api.call(.post, "/api/friendships/\(star.id)/unfollow/", token: reader.token).status == .ok)
            #expect(try await api.newsfeed(reader).ids == [], "unfollowed: gone at once")
            try await api.follow(star, by: reader)
            #expect(try await api.newsfeed(reader).ids == posted.reversed(), "followed again")
        }
    }

    @Test(arguments: Backend.allCases, SharedCache.allCases)
    func aFlagSetOrClearedByTheSweepOrAnAdminTakesEffectOnTheNextRead(_ backend: Backend, _ shared: SharedCache) async throws {
        let (caches, services) = try shared.make()
        // No job ever runs: a star's tweet reaches the reader only by pull, and a cleared flag's
        // backfill never comes, so what the reader sees is what the plan says.
        let app = TestStarling(repositories: try await backend.repositories(), caches: caches, services: services,
                               queue: StalledQueue(), configure: Self.hybrid)
        try await app.test { api in
            let reader = try await api.signUp("reader_01")
            let star = try await api.signUp("star_0001")
            let fans = [try await api.signUp("fan_00001"), try await api.signUp("fan_00002")]
            for follower in [reader] + fans { try await api.follow(star, by: follower) }
            let first = try await api.post("first", as: star)
            #expect(try await api.newsfeed(reader).ids == [], "not a celebrity yet, and fanout never runs")
            let flags = app.starling.useCases.flagCelebrities

            #expect(try await flags().flagged == [star.id], "the sweep: three followers")
            #expect(try await api.newsfeed(reader).ids == [first], "flagged by the sweep: pulled on the next read")
            for fan in fans {
                #expect(try await api.call(.post, "/api/friendships/\(star.id)/unfollow/", token: fan.token).status == .ok)
            }
            #expect(try await flags().cleared == [star.id], "the sweep: one follower left")
            #expect(try await api.newsfeed(reader).ids == [], "cleared by the sweep: no longer pulled on the next read")

            #expect(try await flags.set(star.id, to: .on), "an admin pins the flag")
            let second = try await api.post("second", as: star)
            #expect(try await api.newsfeed(reader).ids == [second, first], "pinned: pulled on the next read")
            #expect(try await !flags.set(star.id, to: .off), "an admin clears it")
            #expect(try await api.newsfeed(reader).ids == [], "cleared: no longer pulled on the next read")
        }
    }

    /// `starling admin celebrity` runs in a process of its own, with none of the server's caches:
    /// it records a job that the server runs against its cache.
    @Test(arguments: Backend.durableCases) func theAdminCommandsFlagReachesTheServersCachedPlans(_ backend: Backend) async throws {
        let store = try await backend.repositories()
        var repositories = store
        let sources = CountingFeedSources(store.feedSources)
        repositories.feedSources = sources
        let app = TestStarling(repositories: repositories, configure: Self.hybrid)
        try await app.test { api in
            let reader = try await api.signUp("reader_01")
            let star = try await api.signUp("star_0001")
            try await api.follow(star, by: reader)
            try await app.settle()
            #expect(try await api.newsfeed(reader).ids == [], "the plan (no celebrity) is cached")

            #expect(try await App.setCelebrity(star.id, to: .on, repositories: store, threshold: 3) { Issue.record("\($0)") })
            try await app.settle()  // the server runs the command's job
            let pulled = try await api.post("pulled", as: star)
            try await app.settle()
            let rows = try await store.newsfeeds.entries(owner: reader.id, page: PageRequest(limit: 10)).items
            #expect(rows.isEmpty, "a celebrity's tweet is not fanned out")
            #expect(try await api.newsfeed(reader).ids == [pulled], "the server's next read pulls it")

            let plans = sources.plans.value
            #expect(try await !App.setCelebrity(star.id, to: .off, repositories: store, threshold: 3) { Issue.record("\($0)") })
            try await app.settle()  // the backfill, and the command's job
            #expect(try await api.newsfeed(reader).ids == [pulled], "backfilled into the reader's feed")
            #expect(sources.plans.value == plans + 1, "the cleared flag made the cached plan a miss")
        }
    }

    @Test(arguments: Backend.allCases) func aReturningInactiveUserIsReadByPullUntilRestoredThenByPush(_ backend: Backend) async throws {
        let clock = ManualClock()
        let gate = Gate()
        var repositories = try await backend.repositories()
        let sources = CountingFeedSources(repositories.feedSources)
        repositories.feedSources = sources
        repositories.activity = GatedActivity(base: repositories.activity, gate: gate)
        let app = TestStarling(repositories: repositories, clock: clock) {
            Self.hybrid(&$0)
            $0.inactiveDays = 5
        }
        try await app.test { api in
            let reader = try await api.signUp("reader_01")
            let author = try await api.signUp("author_01")
            await gate.hold(reader.id)  // the author comes back too; their restore runs freely
            try await api.follow(author, by: reader)
            var posted = [try await api.post("seen while active", as: author)]
            try await app.settle()
            #expect(try await api.newsfeed(reader).ids == posted)
            #expect(sources.pulls.value == 0, "active: read by push")

            clock.advance(seconds: 6 * 86_400)
            for n in 0..<3 {
                clock.advance(seconds: 1)
                posted.append(try await api.post("while away \(n)", as: author))
            }
            try await app.settle()
            let expected = Array(posted.reversed())
            #expect(try await api.newsfeed(reader).ids == expected, "back: complete at once")
            #expect(sources.pulls.value == 1, "back, not restored: read by pull")
            let plans = sources.plans.value
            #expect(try await api.newsfeed(reader).ids == expected)
            #expect(sources.pulls.value == 2 && sources.plans.value == plans, "still by pull, on the cached plan")

            try await waitFor("the restore reached its end") { await gate.arrivals == 1 }
            await gate.open()
            try await app.settle()
            #expect(try await api.newsfeed(reader).ids == expected)
            #expect(sources.pulls.value == 2, "restored: read by push on the next read")
            #expect(sources.plans.value == plans + 1, "the restore made the cached plan a miss")
            let next = try await api.post("after coming back", as: author)
            try await app.settle()
            #expect(try await api.newsfeed(reader).ids == [next] + expected, "pushed again")
            #expect(sources.pulls.value == 2)
        }
    }

    /// Two processes (two Starlings on one store) sharing one cache: what one changes, the other's
    /// next read shows.
    @Test(arguments: Backend.allCases, SharedCache.allCases)
    func aChangeInOneProcessShowsOnTheNextReadInAnother(_ backend: Backend, _ shared: SharedCache) async throws {
        let (caches, services) = try shared.make()
        let repositories = try await backend.repositories()
        let writer = TestStarling(repositories: repositories, caches: caches, services: services, queue: StalledQueue(), configure: Self.hybrid)
        let reader = TestStarling(repositories: repositories, caches: caches, queue: StalledQueue(), configure: Self.hybrid)
        try await writer.test { one in
            try await reader.test { other in
                let fan = try await one.signUp("fan_00001")
                let star = try await one.signUp("star_0001")
                #expect(try await writer.starling.useCases.flagCelebrities.set(star.id, to: .on))
                let tweet = try await one.post("pulled", as: star)
                #expect(try await other.newsfeed(fan).ids == [], "cached in the other process: no celebrity")
                try await one.follow(star, by: fan)
                #expect(try await other.newsfeed(fan).ids == [tweet], "a follow in one process")
                #expect(try await one.call(.post, "/api/friendships/\(star.id)/unfollow/", token: fan.token).status == .ok)
                #expect(try await other.newsfeed(fan).ids == [], "an unfollow in one process")
                try await one.follow(star, by: fan)
                #expect(try await other.newsfeed(fan).ids == [tweet])
                #expect(try await !writer.starling.useCases.flagCelebrities.set(star.id, to: .off))
                #expect(try await other.newsfeed(fan).ids == [], "a flag cleared in one process")
                #expect(try await writer.starling.useCases.flagCelebrities.set(star.id, to: .on))
                #expect(try await other.newsfeed(fan).ids == [tweet], "a flag set in one process")
            }
        }
    }

    /// An invalidation that met a cache outage is pending: the reads of the process that made the
    /// change use the store until they could deliver it, and never the old entry the cache kept.
    @Test(arguments: Backend.allCases) func aChangeDuringACacheOutageNeverServesTheOldPlanOnceItIsBack(_ backend: Backend) async throws {
        var caches = Caches.inProcess(clock: SystemWallClock())
        let cache = InstrumentedCache(caches.keyValue)
        caches.keyValue = cache
        // No job runs: not the retried invalidation either, so the reads themselves must deliver it.
        let app = TestStarling(repositories: try await backend.repositories(), caches: caches, queue: StalledQueue(), configure: Self.hybrid)
        try await app.test { api in
            let reader = try await api.signUp("reader_01")
            let star = try await api.signUp("star_0001")
            #expect(try await app.starling.useCases.flagCelebrities.set(star.id, to: .on))
            let tweet = try await api.post("pulled", as: star)
            #expect(try await api.newsfeed(reader).ids == [], "the plan (no celebrity) is cached")

            cache.isDown = true
            try await api.follow(star, by: reader)
            #expect(try await api.newsfeed(reader).ids == [tweet], "cache down: the plan from the store")
            cache.isDown = false  // back, still holding the old plan
            #expect(try await api.newsfeed(reader).ids == [tweet], "back: the pending invalidation delivered first")

            cache.isDown = true
            #expect(try await !app.starling.useCases.flagCelebrities.set(star.id, to: .off))
            cache.isDown = false
            #expect(try await api.newsfeed(reader).ids == [], "the celebrity generation's invalidation too")
        }
    }
}
