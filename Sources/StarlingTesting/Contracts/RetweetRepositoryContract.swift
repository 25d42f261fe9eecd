import App
import Newsfeeds
import StarlingCore
import Testing
import Tweets

/// What every `TweetRepository` must do with retweets: one per user and original, counted on the
/// original in the same transaction, and deleted with their original.
public enum RetweetRepositoryContract {
    static func removal(_ tweet: Tweet) -> [Job] {
        [Job(id: 5_000 + tweet.id, RemoveTweetFromFeedsJob(tweetID: tweet.id, authorID: tweet.userID))]
    }

    public static func run(_ repositories: Repositories) async throws {
        let tweets = repositories.tweets
        try await tweets.create(Tweet(id: 100, userID: 1, content: "original"), fanOut: Job(id: 900, FanOutTweetJob(tweetID: 100)))
        try await tweets.create(Tweet(id: 101, userID: 1, content: "other"), fanOut: Job(id: 901, FanOutTweetJob(tweetID: 101)))

        let first = Tweet.retweet(id: 200, of: 100, by: 2)
        #expect(try await tweets.retweet(first, jobs: [Job(id: 910, FanOutTweetJob(tweetID: 200))]) == first)
        #expect(try await tweets.tweet(id: 100)?.retweetsCount == 1, "the original counts it")
        let stored = try #require(try await tweets.tweet(id: 200))
        #expect(stored.retweetOf == 100 && stored.content.isEmpty && stored.userID == 2 && stored.retweetsCount == 0)
        #expect(try await tweets.tweets(ids: [100, 200])[200]?.retweetOf == 100)
        #expect(try await tweets.tweets(ids: [100])[100]?.retweetOf == nil)

        let again = try await tweets.retweet(Tweet.retweet(id: 201, of: 100, by: 2), jobs: [Job(id: 911, FanOutTweetJob(tweetID: 201))])
        #expect(again == stored, "a second retweet by the same user answers the first")
        #expect(try await tweets.tweet(id: 201) == nil)
        #expect(try await tweets.tweet(id: 100)?.retweetsCount == 1, "and counts nothing")

        let own = Tweet.retweet(id: 202, of: 100, by: 1)
        #expect(try await tweets.retweet(own, jobs: []) == own, "the author may retweet their own tweet")
        #expect(try await tweets.tweet(id: 100)?.retweetsCount == 2)

        await #expect(throws: StarlingError.notFound, "a retweet is never retweeted itself") {
            try await tweets.retweet(Tweet.retweet(id: 203, of: 200, by: 3), jobs: [Job(id: 913, FanOutTweetJob(tweetID: 203))])
        }
        await #expect(throws: StarlingError.notFound, "nor is a tweet that does not exist") {
            try await tweets.retweet(Tweet.retweet(id: 204, of: 999, by: 3), jobs: [Job(id: 914, FanOutTweetJob(tweetID: 204))])
        }
        #expect(try await tweets.tweets(ids: [203, 204]).isEmpty, "a refused retweet stores nothing")
        #expect(try await tweets.tweet(id: 200)?.retweetsCount == 0)

        #expect(try await tweets.retweet(of: 100, by: 2)?.id == 200)
        #expect(try await tweets.retweet(of: 101, by: 2) == nil)
        #expect(try await tweets.retweeted(by: 2, among: [100, 101, 200, 999]) == [100])
        #expect(try await tweets.retweeted(by: 2, among: []) == [])
        #expect(try await tweets.tweets(userID: 2, page: .first).items.map(\.id) == [200], "a retweet is one of its author's tweets")
        #expect(try await repositories.newsfeeds.entries(owner: 2, page: .first).items.map(\.tweetID) == [200],
                "and in its author's own feed")
        #expect(try await repositories.outbox.pending(limit: 100).map(\.id) == [900, 901, 910],
                "only a stored retweet records its jobs")

        // Undoing is deleting the retweet: the original counts one less, and the user may retweet again.
        #expect(try await tweets.delete(id: 200, cleanUp: removal).map(\.id) == [200])
        #expect(try await tweets.tweet(id: 100)?.retweetsCount == 1)
        #expect(try await tweets.retweet(of: 100, by: 2) == nil)
        let second = Tweet.retweet(id: 205, of: 100, by: 2)
        #expect(try await tweets.retweet(second, jobs: []) == second)
        #expect(try await tweets.tweet(id: 100)?.retweetsCount == 2)

        // Deleting the original deletes its retweets, each with its clean-up jobs.
        let deleted = try await tweets.delete(id: 100, cleanUp: removal)
        #expect(deleted.map(\.id) == [100, 202, 205], "the tweet first, then its retweets")
        #expect(deleted.first?.content == "original" && deleted.dropFirst().allSatisfy { $0.retweetOf == 100 })
        #expect(try await tweets.tweets(ids: [100, 202, 205]).isEmpty)
        #expect(try await tweets.retweeted(by: 2, among: [100]).isEmpty)
        #expect(try await tweets.tweet(id: 101)?.retweetsCount == 0, "other tweets are untouched")
        let jobs = try await repositories.outbox.pending(limit: 100).map(\.id)
        #expect(jobs == [900, 901, 910, 5_100, 5_200, 5_202, 5_205], "a clean-up for every deleted tweet")
    }
}
