import Friendships
import Newsfeeds
import StarlingCore
import StarlingTesting
import Testing
import Tweets

/// On a broker, a large fanout is cut into batch jobs of `batchSize` followers that any worker runs.
@Suite(.testDatabases) struct FanOutBatchTests {
    @Test(arguments: Backend.allCases) func aFanoutSplitIntoBatchJobsDeliversToEveryFollowerOnce(_ backend: Backend) async throws {
        let repositories = try await backend.repositories()
        let ids = IDGenerator(clock: SystemWallClock())
        let author: Int64 = 100_000
        for follower in Int64(1)...25 {
            _ = try await repositories.friendships.follow(.init(id: ids.next(), fromUserID: follower, toUserID: author),
                                                          jobs: [Job(id: ids.next(), name: "x", payload: "{}")])
        }
        let tweet = Tweet(id: ids.next(), userID: author, content: "for many")
        try await repositories.tweets.create(tweet, fanOut: Job(id: ids.next(), FanOutTweetJob(tweetID: tweet.id)))
        let fanOut = FanOutTweet(tweets: repositories.tweets, friendships: repositories.friendships,
                                 newsfeeds: repositories.newsfeeds, feedCache: MemoryFeedCache(clock: SystemWallClock()), batchSize: 10)
        var batches: [FanOutTweetBatchJob] = []
        #expect(try await fanOut.split(FanOutTweetJob(tweetID: tweet.id)) { batches = $0 } == 3)
        #expect(batches.map(\.after) == [0, 10, 20] && batches.map(\.through) == [10, 20, Int64.max],
                "ranges of 10 followers that touch, the last open above")
        // A follower who arrives after the split still falls in a range.
        _ = try await repositories.friendships.follow(.init(id: ids.next(), fromUserID: 26, toUserID: author),
                                                      jobs: [Job(id: ids.next(), name: "x", payload: "{}")])
        var inserted = 0
        for batch in batches.reversed() { inserted += try await fanOut.batch(batch) }
        #expect(inserted == 26)
        for batch in batches { #expect(try await fanOut.batch(batch) == 0, "a replayed batch changes nothing") }
        for follower in Int64(1)...26 {
            #expect(try await repositories.newsfeeds.entries(owner: follower, page: .first).items.map(\.tweetID) == [tweet.id])
        }
        #expect(try await fanOut.split(FanOutTweetJob(tweetID: 42)) { _ in Issue.record("a deleted tweet has no batches") } == 0)
    }
}
