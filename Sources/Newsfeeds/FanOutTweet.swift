import Friendships
import StarlingCore
import Tweets

/// Delivers a new tweet to its author's followers: reads them in batches, inserts each batch's
/// newsfeed rows in bulk, and pushes the tweet onto those of the batch's feeds that are cached, in
/// one round trip. Rows are unique on (owner, tweet), so a replayed job changes nothing; a failed
/// push fails the job, which is retried, so cached feeds catch up once the cache is back.
///
/// A follower who unfollows while their batch is in flight could otherwise keep the tweet: the
/// unfollow's clean-up may run before the batch's rows are written. So after writing a batch the
/// job reads the batch's range of followers again and takes the tweet back from owners no longer in it.
/// Either the unfollow committed before that check, which then sees it, or after, and its clean-up
/// job — recorded with it — runs later still and finds the rows.
public struct FanOutTweet: Sendable {
    /// Followers per batch.
    public static let defaultBatchSize = 1_000

    let tweets: any TweetRepository
    let friendships: any FriendshipRepository
    let newsfeeds: any NewsfeedRepository
    let feedCache: any FeedCache
    let batchSize: Int
    /// Which followers take the push (by the feed model: celebrities and inactive users skipped).
    let audience: FeedAudience

    public init(tweets: any TweetRepository, friendships: any FriendshipRepository, newsfeeds: any NewsfeedRepository,
                feedCache: any FeedCache, batchSize: Int = FanOutTweet.defaultBatchSize, audience: FeedAudience = .everyone) {
        self.tweets = tweets
        self.friendships = friendships
        self.newsfeeds = newsfeeds
        self.feedCache = feedCache
        self.batchSize = batchSize
        self.audience = audience
    }

    /// Returns how many newsfeed rows were new. A deleted tweet is done.
    @discardableResult
    public func callAsFunction(_ job: FanOutTweetJob) async throws -> Int {
        guard let tweet = try await tweets.tweet(id: job.tweetID) else { return 0 }
        var inserted = 0
        var cacheFailure: (any Error)?
        func push(to keys: [String]) async {
            do { try await feedCache.push(tweet.id, to: keys) } catch { cacheFailure = error }
        }
        await push(to: [CacheKeys.newsfeed(tweet.userID), CacheKeys.timeline(tweet.userID)])
        var after: Int64 = 0
        let reachesFollowers = try await audience.reachesFollowers(tweet)
        while reachesFollowers {
            let batch = try await friendships.followerIDs(of: tweet.userID, after: after, limit: batchSize)
            guard let last = batch.last else { break }
            let recipients = try await audience.recipients(among: batch)
            inserted += try await newsfeeds.insert(tweetID: tweet.id, authorID: tweet.userID, owners: recipients)
            await push(to: recipients.map(CacheKeys.newsfeed))
            let stillFollowing = Set(try await friendships.followerIDs(of: tweet.userID, in: batch[0]...last))
            let gone = recipients.filter { !stillFollowing.contains($0) }
            if !gone.isEmpty {  // rare: what the unfollow's clean-up does, for these few
                for owner in gone { _ = try await newsfeeds.remove(authorID: tweet.userID, fromFeedOf: owner) }
                do { try await feedCache.invalidate(gone.map(CacheKeys.newsfeed)) } catch { cacheFailure = error }
            }
            after = last
            if batch.count < batchSize { break }
        }
        // Every row is written; a cache that failed makes the job run again (rows are idempotent)
        // so that cached feeds catch up once the cache is back.
        StarlingMetrics.fanoutDelivered(tweetID: tweet.id)
        if let cacheFailure { throw cacheFailure }
        return inserted
    }
}
