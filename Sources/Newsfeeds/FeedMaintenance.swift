import Accounts
import Friendships
import StarlingCore
import Tweets

/// The jobs that keep newsfeeds in step with follows, unfollows and deletions.
public struct FeedMaintenance: Sendable {
    /// How many of a newly followed user's latest tweets are merged into the follower's feed.
    public static let mergeDepth = 100

    let tweets: any TweetRepository
    let friendships: any FriendshipRepository
    let newsfeeds: any NewsfeedRepository
    let feedCache: any FeedCache
    let objects: ObjectCache
    /// Who takes pushes, by the feed model (the restore and backfill jobs use it too).
    let audience: FeedAudience
    /// Whose pushed feeds are stale; nil where nothing ever goes stale (push to everyone).
    let activity: (any ActivityRepository)?

    public init(tweets: any TweetRepository, friendships: any FriendshipRepository, newsfeeds: any NewsfeedRepository,
                feedCache: any FeedCache, objects: ObjectCache, audience: FeedAudience = .everyone,
                activity: (any ActivityRepository)? = nil) {
        self.tweets = tweets
        self.friendships = friendships
        self.newsfeeds = newsfeeds
        self.feedCache = feedCache
        self.objects = objects
        self.audience = audience
        self.activity = activity
    }

    /// After a follow: the followee's latest tweets join the follower's feed, unless the follow
    /// was undone in the meantime.
    public func mergeFolloweeTweets(_ job: MergeFolloweeTweetsJob) async throws {
        guard audience.rules.model != .pull else { return }  // no rows to merge into
        guard try await friendships.followed(by: job.followerID, among: [job.followeeID]).contains(job.followeeID) else { return }
        let recent = try await tweets.tweets(userID: job.followeeID, page: PageRequest(limit: Self.mergeDepth))
        _ = try await newsfeeds.insert(recent.items.map { NewsfeedEntry(ownerID: job.followerID, tweetID: $0.id, authorID: $0.userID) })
        // An unfollow whose clean-up ran between the check and the insert found nothing to take
        // out: check again after the insert, as fanout does, and take the merge back.
        if try await !friendships.followed(by: job.followerID, among: [job.followeeID]).contains(job.followeeID) {
            _ = try await newsfeeds.remove(authorID: job.followeeID, fromFeedOf: job.followerID)
        }
        try await feedCache.invalidate([CacheKeys.newsfeed(job.followerID)])
    }

    /// After an unfollow: the former followee's tweets leave the feed, unless followed again since.
    public func removeFolloweeTweets(_ job: RemoveFolloweeTweetsJob) async throws {
        guard try await !friendships.followed(by: job.followerID, among: [job.followeeID]).contains(job.followeeID) else { return }
        _ = try await newsfeeds.remove(authorID: job.followeeID, fromFeedOf: job.followerID)
        try await feedCache.invalidate([CacheKeys.newsfeed(job.followerID)])
    }

    /// After a deletion: the tweet leaves every feed row, its author's cached lists and the
    /// object cache. Cached followers' feeds keep the id until they are rebuilt; readers skip it,
    /// since the tweet itself is gone.
    public func removeTweetFromFeeds(_ job: RemoveTweetFromFeedsJob) async throws {
        _ = try await newsfeeds.remove(tweetID: job.tweetID)
        try await feedCache.remove(job.tweetID, from: [CacheKeys.newsfeed(job.authorID), CacheKeys.timeline(job.authorID)])
        try await objects.invalidateOrThrow([CacheKeys.tweet(job.tweetID)])
    }

    /// Registers these jobs and the fanout with the queue's handlers.
    public static func register(in handlers: inout JobHandlers, fanOut: FanOutTweet, maintenance: FeedMaintenance) {
        handlers.register(FanOutTweetJob.self) { try await fanOut($0) }
        handlers.register(MergeFolloweeTweetsJob.self, maintenance.mergeFolloweeTweets)
        handlers.register(RemoveFolloweeTweetsJob.self, maintenance.removeFolloweeTweets)
        handlers.register(RemoveTweetFromFeedsJob.self, maintenance.removeTweetFromFeeds)
        handlers.register(RestoreFeedJob.self, maintenance.restoreFeed)
        handlers.register(BackfillCelebrityTweetsJob.self, maintenance.backfillCelebrityTweets)
    }
}
