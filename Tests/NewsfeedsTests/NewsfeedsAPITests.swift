import App
import Foundation
import Friendships
import Newsfeeds
import StarlingCore
import StarlingTesting
import HTTPTypes
import Testing
import Tweets

/// A queue that accepts nothing: jobs stay in the outbox, as after a crash right after commit.
struct StalledQueue: JobQueue {
    func enqueue(_ job: PendingJob) async throws {
        try await Task.sleep(for: .seconds(3600))
    }
}

@Suite(.testDatabases) struct NewsfeedsAPITests {
    @Test(arguments: Backend.allCases) func aFollowerSeesTheTweetAndANonFollowerDoesNot(_ backend: Backend) async throws {
        let app = try await TestStarling.make(backend)
        try await app.test { api in
            let alice = try await api.signUp("alice_01")
            let bob = try await api.signUp("bob_0001")
            let carol = try await api.signUp("carol_01")
            try await api.follow(alice, by: bob)
            let tweet = try await api.post("hello followers", as: alice)
            try await app.settle()
            #expect(try await api.newsfeed(bob).ids == [tweet])
            #expect(try await api.newsfeed(carol).ids == [])
            let item = try await api.call(.get, "/api/newsfeeds/", token: bob.token).results()[0]
            #expect(item["created_at"] as? String == (item["tweet"] as? [String: Any])?["created_at"] as? String,
                    "a feed row carries the tweet's own time")
        }
    }

    @Test(arguments: Backend.allCases) func theAuthorSeesTheirTweetAtOnce(_ backend: Backend) async throws {
        let app = TestStarling(repositories: try await backend.repositories(), queue: StalledQueue())
        try await app.test { api in
            let alice = try await api.signUp("alice_01")
            let tweet = try await api.post("mine", as: alice)
            #expect(try await api.newsfeed(alice).ids == [tweet], "written in the posting transaction, no job needed")
        }
    }

    @Test func theNewsfeedNeedsALogin() async throws {
        try await TestStarling.make(.memory).test { api in
            #expect(try await api.call(.get, "/api/newsfeeds/").status == .forbidden)
            let alice = try await api.signUp("alice_01")
            #expect(try await api.call(.get, "/api/newsfeeds/?max_id=x", token: alice.token).status == .badRequest)
            #expect(try await api.call(.post, "/api/newsfeeds/", token: alice.token).status == .methodNotAllowed)
        }
    }

    @Test(arguments: Backend.allCases) func followingMergesAndUnfollowingRemovesTweets(_ backend: Backend) async throws {
        let app = try await TestStarling.make(backend)
        try await app.test { api in
            let alice = try await api.signUp("alice_01")
            let bob = try await api.signUp("bob_0001")
            let old = try await api.post("before the follow", as: alice)
            try await api.follow(alice, by: bob)
            try await app.settle()
            #expect(try await api.newsfeed(bob).ids == [old], "a follow merges the followee's recent tweets")

            try await api.call(.post, "/api/friendships/\(alice.id)/unfollow/", token: bob.token)
            try await app.settle()
            #expect(try await api.newsfeed(bob).ids == [], "an unfollow takes them out")
            _ = try await api.post("after the unfollow", as: alice)
            try await app.settle()
            #expect(try await api.newsfeed(bob).ids == [], "new tweets stop arriving")
        }
    }

    @Test(arguments: Backend.allCases) func aDeletedTweetLeavesEveryFeed(_ backend: Backend) async throws {
        let app = TestStarling(repositories: try await backend.repositories()) { $0.feedModel = .push }  // rows: the pushed feed's
        try await app.test { api in
            let alice = try await api.signUp("alice_01")
            let bob = try await api.signUp("bob_0001")
            try await api.follow(alice, by: bob)
            let keep = try await api.post("keep", as: alice)
            let gone = try await api.post("gone", as: alice)
            try await app.settle()
            #expect(try await api.newsfeed(bob).ids == [gone, keep])
            try await api.call(.delete, "/api/tweets/\(gone)/", token: alice.token)
            #expect(try await api.newsfeed(bob).ids == [keep], "hidden at once, before the clean-up job")
            try await app.settle()
            let rows = try await app.repositories.newsfeeds.entries(owner: bob.id, page: .first)
            #expect(rows.items.map(\.tweetID) == [keep], "and its rows are gone after it")
        }
    }

    @Test(arguments: Backend.allCases) func pagesFollowTweetTimeWithNoGapsOrDuplicates(_ backend: Backend) async throws {
        let app = try await TestStarling.make(backend)
        try await app.test { api in
            let reader = try await api.signUp("reader_01")
            var authors: [API.Account] = []
            for n in 0..<3 {
                let author = try await api.signUp("author_0\(n)")
                try await api.follow(author, by: reader)
                authors.append(author)
            }
            var posted: [Int64] = []
            for n in 0..<45 { posted.append(try await api.post("tweet \(n)", as: authors[n % 3])) }
            try await app.settle()
            let expected = Array(posted.reversed())

            var seen: [Int64] = []
            var query = "limit=10"
            while true {
                let page = try await api.newsfeed(reader, query: query)
                seen += page.ids
                guard page.hasNextPage, let last = page.ids.last else { break }
                query = "limit=10&max_id=\(last)"
            }
            #expect(seen == expected)

            let top = try await api.newsfeed(reader, query: "limit=5")
            let refreshed = try await api.newsfeed(reader, query: "since_id=\(expected[3])")
            #expect(refreshed.ids == Array(expected.prefix(3)))
            #expect(top.ids == Array(expected.prefix(5)))
            let byTime = try await api.call(.get, "/api/newsfeeds/?limit=10&created_at__lt=\(expected[9])", token: reader.token).results()
            #expect(byTime.compactMap { (($0["tweet"] as? [String: Any])?["id"] as? NSNumber)?.int64Value } == Array(expected[10..<20]),
                    "integer-microsecond time cursors: a tweet's id is its time")
        }
    }

    @Test(arguments: Backend.allCases) func aReplayedFanoutInsertsNothingNew(_ backend: Backend) async throws {
        let repositories = try await backend.repositories()
        let app = TestStarling(repositories: repositories) { $0.feedModel = .push }  // a replay of push's rows
        let tweetID = try await app.test { api in
            let alice = try await api.signUp("alice_01")
            for n in 0..<5 { try await api.follow(alice, by: try await api.signUp("fan_000\(n)")) }
            let tweet = try await api.post("once", as: alice)
            try await app.settle()
            return tweet
        }
        let fanOut = FanOutTweet(tweets: repositories.tweets, friendships: repositories.friendships,
                                 newsfeeds: repositories.newsfeeds, feedCache: MemoryFeedCache(clock: SystemWallClock()), batchSize: 2)
        #expect(try await fanOut(FanOutTweetJob(tweetID: tweetID)) == 0)
        #expect(try await fanOut(FanOutTweetJob(tweetID: 123)) == 0, "a deleted tweet is done")
    }

    @Test(arguments: Backend.allCases) func fanoutReadsFollowersInBatches(_ backend: Backend) async throws {
        let repositories = try await backend.repositories()
        let ids = IDGenerator(clock: SystemWallClock())
        for follower in Int64(1)...7 {
            _ = try await repositories.friendships.follow(.init(id: ids.next(), fromUserID: follower, toUserID: 100),
                                                          jobs: [Job(id: ids.next(), name: "x", payload: "{}")])
        }
        let tweet = Tweet(id: ids.next(), userID: 100, content: "hi")
        try await repositories.tweets.create(tweet, fanOut: Job(id: ids.next(), FanOutTweetJob(tweetID: tweet.id)))
        let fanOut = FanOutTweet(tweets: repositories.tweets, friendships: repositories.friendships,
                                 newsfeeds: repositories.newsfeeds, feedCache: MemoryFeedCache(clock: SystemWallClock()), batchSize: 3)
        #expect(try await fanOut(FanOutTweetJob(tweetID: tweet.id)) == 7)
        for follower in Int64(1)...7 {
            #expect(try await repositories.newsfeeds.entries(owner: follower, page: .first).items.map(\.tweetID) == [tweet.id])
        }
    }

    @Test(arguments: Backend.allCases) func aFollowerWhoLeavesWhileTheirBatchIsInFlightDoesNotKeepTheTweet(_ backend: Backend) async throws {
        let repositories = try await backend.repositories()
        let ids = IDGenerator(clock: SystemWallClock())
        let (author, stays, leaves): (Int64, Int64, Int64) = (100, 1, 2)
        for follower in [stays, leaves] {
            _ = try await repositories.friendships.follow(.init(id: ids.next(), fromUserID: follower, toUserID: author),
                                                          jobs: [Job(id: ids.next(), name: "x", payload: "{}")])
        }
        let tweet = Tweet(id: ids.next(), userID: author, content: "hi")
        try await repositories.tweets.create(tweet, fanOut: Job(id: ids.next(), FanOutTweetJob(tweetID: tweet.id)))
        let cache = MemoryFeedCache(clock: SystemWallClock())
        try await cache.fill(CacheKeys.newsfeed(leaves), ids: [], complete: true)
        // The batch was read before the unfollow; the unfollow and its clean-up ran before the rows were written.
        let staleBatch = FollowersReadEarlier(repositories.friendships, followers: [stays, leaves])
        _ = try await repositories.friendships.unfollow(from: leaves, to: author, job: Job(id: ids.next(), name: "x", payload: "{}"))
        let fanOut = FanOutTweet(tweets: repositories.tweets, friendships: staleBatch, newsfeeds: repositories.newsfeeds, feedCache: cache)
        try await fanOut(FanOutTweetJob(tweetID: tweet.id))
        #expect(try await repositories.newsfeeds.entries(owner: stays, page: .first).items.map(\.tweetID) == [tweet.id])
        #expect(try await repositories.newsfeeds.entries(owner: leaves, page: .first).items.isEmpty, "the ex-follower's row is taken back")
        #expect(try await cache.page(CacheKeys.newsfeed(leaves), .first) == .miss, "and their cached feed is dropped")
    }

    @Test(arguments: Backend.durableCases) func aCrashBetweenCommitAndHandOverStillDelivers(_ backend: Backend) async throws {
        let (repositories, reopen) = try await backend.reopenableRepositories()
        let before = TestStarling(repositories: repositories, queue: StalledQueue())
        let (bob, tweet) = try await before.test { api in
            let alice = try await api.signUp("alice_01")
            let bob = try await api.signUp("bob_0001")
            try await api.follow(alice, by: bob)
            return (bob, try await api.post("survives", as: alice))
        }
        #expect(try await repositories.outbox.pending(limit: 10).count == 3, "follow merge, follow notification and fanout wait")

        let after = TestStarling(repositories: try await reopen())
        try await after.test { api in
            try await after.settle()
            #expect(try await api.newsfeed(bob).ids == [tweet])
        }
    }

    @Test(arguments: Backend.allCases) func repositoryContract(_ backend: Backend) async throws {
        try await NewsfeedRepositoryContract.run(try await backend.repositories())
    }
}

/// Friendships whose fanout batch is a list read before some of those followers left.
struct FollowersReadEarlier: FriendshipRepository {
    let base: any FriendshipRepository
    let earlier: [Int64]

    init(_ base: any FriendshipRepository, followers: [Int64]) {
        self.base = base
        self.earlier = followers.sorted()
    }

    func followerIDs(of userID: Int64, after: Int64, limit: Int) async throws -> [Int64] {
        Array(earlier.filter { $0 > after }.prefix(limit))
    }

    func follow(_ friendship: Friendship, jobs: [Job]) async throws -> Bool { try await base.follow(friendship, jobs: jobs) }
    func unfollow(from: Int64, to: Int64, job: Job) async throws -> Bool { try await base.unfollow(from: from, to: to, job: job) }
    func followers(of userID: Int64, page: PageRequest) async throws -> Page<Friendship> { try await base.followers(of: userID, page: page) }
    func followings(of userID: Int64, page: PageRequest) async throws -> Page<Friendship> { try await base.followings(of: userID, page: page) }
    func followed(by userID: Int64, among candidates: [Int64]) async throws -> Set<Int64> { try await base.followed(by: userID, among: candidates) }
    func followerIDs(of userID: Int64, in range: ClosedRange<Int64>) async throws -> [Int64] { try await base.followerIDs(of: userID, in: range) }
    func counts(of userID: Int64) async throws -> (followers: Int, followings: Int) { try await base.counts(of: userID) }
}
