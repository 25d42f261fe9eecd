import StarlingCore
import Tweets

/// A large fanout shared by every worker of a broker: the fanout job only cuts the followers into
/// ranges of `batchSize` ids and records one `FanOutTweetBatchJob` per range; each batch job
/// delivers its range like one batch of `FanOutTweet`, and is as idempotent.
extension FanOutTweet {
    /// Pushes the tweet to its author's own cached lists and records one batch job per range of
    /// followers through `record`. Returns how many batches were recorded. A deleted tweet is done.
    @discardableResult
    public func split(_ job: FanOutTweetJob, record: ([FanOutTweetBatchJob]) async throws -> Void) async throws -> Int {
        guard let tweet = try await tweets.tweet(id: job.tweetID) else { return 0 }
        try await feedCache.push(tweet.id, to: [CacheKeys.newsfeed(tweet.userID), CacheKeys.timeline(tweet.userID)])
        var batches: [FanOutTweetBatchJob] = []
        var after: Int64 = 0
        let reachesFollowers = try await audience.reachesFollowers(tweet)
        while reachesFollowers {
            let followers = try await friendships.followerIDs(of: tweet.userID, after: after, limit: batchSize)
            guard let last = followers.last else { break }
            // The last range is open above, so that a follower added meanwhile is not missed.
            let through = followers.count < batchSize ? Int64.max : last
            batches.append(FanOutTweetBatchJob(tweetID: tweet.id, after: after, through: through))
            after = last
            if through == Int64.max { break }
        }
        try await record(batches)
        return batches.count
    }

    /// Delivers the tweet to the followers in the job's range. Returns how many rows were new.
    @discardableResult
    public func batch(_ job: FanOutTweetBatchJob) async throws -> Int {
        guard job.after < job.through, let tweet = try await tweets.tweet(id: job.tweetID) else { return 0 }
        let followers = try await friendships.followerIDs(of: tweet.userID, in: (job.after + 1)...job.through)
        guard let first = followers.first, let last = followers.last, try await audience.reachesFollowers(tweet) else { return 0 }
        let recipients = try await audience.recipients(among: followers)
        let inserted = try await newsfeeds.insert(tweetID: tweet.id, authorID: tweet.userID, owners: recipients)
        try await feedCache.push(tweet.id, to: recipients.map(CacheKeys.newsfeed))
        let stillFollowing = Set(try await friendships.followerIDs(of: tweet.userID, in: first...last))
        let gone = recipients.filter { !stillFollowing.contains($0) }
        for owner in gone { _ = try await newsfeeds.remove(authorID: tweet.userID, fromFeedOf: owner) }
        if !gone.isEmpty { try await feedCache.invalidate(gone.map(CacheKeys.newsfeed)) }
        StarlingMetrics.fanoutDelivered(tweetID: tweet.id)
        return inserted
    }
}
