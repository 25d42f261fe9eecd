import App
import Comments
import Foundation
import Friendships
import Likes
import Newsfeeds
import StarlingCore
import StarlingTesting
import Testing
import Tweets

/// A retweet travels the tweet's own fanout and clean-up jobs: replays change nothing, a crash
/// between the commit and the hand-over still delivers it, and deleting its original takes every
/// row of every retweet with it and leaves the counters true.
@Suite(.testDatabases) struct RetweetFanoutTests {
    /// A queue that accepts nothing: jobs stay in the outbox, as after a crash right after commit.
    struct StalledQueue: JobQueue {
        func enqueue(_ job: PendingJob) async throws {
            try await Task.sleep(for: .seconds(3600))
        }
    }

    @Test(arguments: Backend.allCases) func replayingARetweetsFanoutAndCleanUpChangesNothing(_ backend: Backend) async throws {
        let repositories = try await backend.repositories()
        let ids = IDGenerator(clock: SystemWallClock())
        let feeds = MemoryFeedCache(clock: SystemWallClock())
        let (author, retweeter) = (Int64(100), Int64(200))
        for follower in Int64(1)...5 {
            _ = try await repositories.friendships.follow(.init(id: ids.next(), fromUserID: follower, toUserID: retweeter),
                                                          jobs: [Job(id: ids.next(), name: "x", payload: "{}")])
        }
        let original = Tweet(id: ids.next(), userID: author, content: "hi")
        try await repositories.tweets.create(original, fanOut: Job(id: ids.next(), FanOutTweetJob(tweetID: original.id)))
        let retweet = try await RetweetTweet(tweets: repositories.tweets, feedCache: feeds, ids: ids, jobsRecorded: {})(
            tweetID: original.id, by: retweeter).retweet
        let recorded = try await repositories.outbox.pending(limit: 100)
        let fanOutJob = try #require(recorded.first { $0.name == FanOutTweetJob.jobName && $0.payload.contains("\(retweet.id)") })

        let fanOut = FanOutTweet(tweets: repositories.tweets, friendships: repositories.friendships, newsfeeds: repositories.newsfeeds,
                                 feedCache: feeds, batchSize: 2)
        let job = try fanOutJob.decode(FanOutTweetJob.self)
        #expect(try await fanOut(job) == 5)
        #expect(try await fanOut(job) == 0, "a replay inserts nothing")
        for follower in Int64(1)...5 {
            #expect(try await repositories.newsfeeds.entries(owner: follower, page: .first).items.map(\.tweetID) == [retweet.id])
        }

        _ = try await RetweetTweet(tweets: repositories.tweets, feedCache: feeds, ids: ids, jobsRecorded: {}).undo(
            tweetID: original.id, by: retweeter)
        let removal = try #require(try await repositories.outbox.pending(limit: 100).first { $0.name == RemoveTweetFromFeedsJob.jobName })
        let maintenance = FeedMaintenance(tweets: repositories.tweets, friendships: repositories.friendships,
                                          newsfeeds: repositories.newsfeeds, feedCache: feeds,
                                          objects: ObjectCache(cache: MemoryKeyValueCache(clock: SystemWallClock()), logger: .init(label: "test")))
        for _ in 0..<2 { try await maintenance.removeTweetFromFeeds(try removal.decode(RemoveTweetFromFeedsJob.self)) }
        for follower in Int64(1)...5 {
            #expect(try await repositories.newsfeeds.entries(owner: follower, page: .first).items.isEmpty)
        }
        #expect(try await fanOut(job) == 0, "a fanout that runs after the undo finds no retweet")
    }

    @Test(arguments: Backend.durableCases) func aCrashBetweenCommitAndHandOverStillDeliversTheRetweet(_ backend: Backend) async throws {
        let (repositories, reopen) = try await backend.reopenableRepositories()
        let before = TestStarling(repositories: repositories, queue: StalledQueue())
        let (carol, retweetID) = try await before.test { api in
            let alice = try await api.signUp("alice_01")
            let bob = try await api.signUp("bob_0001")
            let carol = try await api.signUp("carol_01")
            let tweet = try await api.post("survives", as: alice)
            try await api.follow(bob, by: carol)
            let reply = try await api.call(.post, "/api/tweets/\(tweet)/retweet/", token: bob.token)
            try #require(reply.status == .created)
            return (carol, try #require((try reply.object()["id"] as? NSNumber)?.int64Value))
        }
        let after = TestStarling(repositories: try await reopen())
        try await after.test { api in
            try await after.settle()
            #expect(try await api.newsfeed(carol).ids == [retweetID])
            #expect(try await api.call(.get, "/api/notifications/", token: carol.token).results().isEmpty)
        }
    }

    @Test(arguments: Backend.allCases) func deletingAnOriginalTakesItsRetweetsRowsAndKeepsCountersTrue(_ backend: Backend) async throws {
        let repositories = try await backend.repositories()
        let ids = IDGenerator(clock: SystemWallClock())
        let feeds = MemoryFeedCache(clock: SystemWallClock())
        let retweets = RetweetTweet(tweets: repositories.tweets, feedCache: feeds, ids: ids, jobsRecorded: {})
        let original = Tweet(id: ids.next(), userID: 1, content: "hi")
        try await repositories.tweets.create(original, fanOut: Job(id: ids.next(), FanOutTweetJob(tweetID: original.id)))
        var made: [Tweet] = []
        for user in Int64(2)...4 { made.append(try await retweets(tweetID: original.id, by: user).retweet) }
        // What clients should not do, but may: like and comment on a retweet's own id.
        let comment = Comment(id: ids.next(), tweetID: made[0].id, userID: 3, content: "on the retweet")
        try await repositories.comments.create(comment, jobs: [])
        _ = try await repositories.likes.like(Like(userID: 4, target: LikeTarget(.tweet, made[1].id), createdAt: ids.next()), jobs: [])
        _ = try await repositories.likes.like(Like(userID: 2, target: LikeTarget(.comment, comment.id), createdAt: ids.next()), jobs: [])
        if let audit = repositories.counterAudit {
            #expect(try await audit.mismatches(repair: false).isEmpty)
        }

        let deleted = try await DeleteTweet(tweets: repositories.tweets, feedCache: feeds, ids: ids, jobsRecorded: {})(
            tweetID: original.id, by: 1)
        #expect(deleted.id == original.id)
        #expect(try await repositories.tweets.tweets(ids: [original.id] + made.map(\.id)).isEmpty)
        #expect(try await repositories.comments.comment(id: comment.id) == nil, "a retweet's comments went with it")
        #expect(try await repositories.likes.find(userID: 4, target: LikeTarget(.tweet, made[1].id)) == nil, "and its likes")
        #expect(try await repositories.likes.find(userID: 2, target: LikeTarget(.comment, comment.id)) == nil)
        for user in Int64(2)...4 {
            #expect(try await repositories.tweets.tweets(userID: user, page: .first).items.isEmpty)
        }
        if let audit = repositories.counterAudit {
            #expect(try await audit.mismatches(repair: false).isEmpty, "retweets_count among them")
        }
    }
}
