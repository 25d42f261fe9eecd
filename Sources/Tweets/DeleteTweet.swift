import Media
import StarlingCore

/// Deletes a tweet (owner only). Its newsfeed rows and photo files are removed by jobs.
public struct DeleteTweet: Sendable {
    let tweets: any TweetRepository
    let feedCache: any FeedCache
    let ids: IDGenerator
    let jobsRecorded: @Sendable () -> Void

    public init(tweets: any TweetRepository, feedCache: any FeedCache, ids: IDGenerator, jobsRecorded: @escaping @Sendable () -> Void) {
        self.tweets = tweets
        self.feedCache = feedCache
        self.ids = ids
        self.jobsRecorded = jobsRecorded
    }

    public func callAsFunction(tweetID: Int64, by userID: Int64) async throws {
        guard let tweet = try await tweets.tweet(id: tweetID) else { throw StarlingError.notFound }
        guard tweet.userID == userID else { throw StarlingError.forbidden("You can only delete your own tweets.") }
        var cleanUp = [Job(id: ids.next(), RemoveTweetFromFeedsJob(tweetID: tweetID, authorID: userID))]
        if !tweet.photoKeys.isEmpty {
            cleanUp.append(Job(id: ids.next(), DeleteBlobsJob(keys: tweet.photoKeys)))
        }
        guard try await tweets.delete(id: tweetID, cleanUp: cleanUp) else { throw StarlingError.notFound }
        jobsRecorded()
        // At once for the author's own lists; the clean-up job does it again if this fails.
        try? await feedCache.remove(tweetID, from: [CacheKeys.newsfeed(userID), CacheKeys.timeline(userID)])
    }
}
