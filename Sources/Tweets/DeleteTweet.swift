import StarlingCore

/// Deletes a tweet (owner only), and with it every retweet of it. Their newsfeed rows and photo
/// files are removed by jobs recorded in the same transaction. Deleting a retweet undoes it.
public struct DeleteTweet: Sendable {
    let tweets: any TweetRepository
    let feedCache: any FeedCache
    let cleanUp: TweetCleanUp
    let jobsRecorded: @Sendable () -> Void

    public init(tweets: any TweetRepository, feedCache: any FeedCache, ids: IDGenerator, jobsRecorded: @escaping @Sendable () -> Void) {
        self.tweets = tweets
        self.feedCache = feedCache
        self.cleanUp = TweetCleanUp(ids: ids)
        self.jobsRecorded = jobsRecorded
    }

    /// The deleted tweet, as it was.
    @discardableResult
    public func callAsFunction(tweetID: Int64, by userID: Int64) async throws -> Tweet {
        guard let tweet = try await tweets.tweet(id: tweetID) else { throw StarlingError.notFound }
        guard tweet.userID == userID else { throw StarlingError.forbidden("You can only delete your own tweets.") }
        guard let deleted = try await cleanUp.delete(tweetID, from: tweets, feedCache: feedCache, jobsRecorded: jobsRecorded).first
        else { throw StarlingError.notFound }
        return deleted
    }
}
