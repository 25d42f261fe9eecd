import Accounts
import Friendships
import StarlingCore
import Tweets

/// The jobs the hybrid model needs: a returning user's feed restored, and a former celebrity's
/// pulled tweets written into their followers' feeds.
extension FeedMaintenance {
    /// Tweets read per page while restoring or backfilling.
    static let restorePageSize = 100

    /// After a user came back: writes every followee's tweets since the user's last activity
    /// before the absence (what fanout may have skipped) into their feed, forgets the cached list,
    /// then marks the feed current. Until then their pages are pulled. Rows are idempotent, so a
    /// rerun changes nothing.
    public func restoreFeed(_ job: RestoreFeedJob) async throws {
        guard let activity, let since = try await activity.feedStaleSince(userID: job.userID) else { return }
        guard audience.rules.model != .pull else { return try await activity.markFeedCurrent(userID: job.userID, staleSince: since) }
        var request = PageRequest(limit: PageRequest.maximumLimit)
        while true {
            let followings = try await friendships.followings(of: job.userID, page: request)
            for friendship in followings.items {
                try await forEachPage(of: friendship.toUserID, newerThan: since) { page in
                    _ = try await newsfeeds.insert(page.map { NewsfeedEntry(ownerID: job.userID, tweetID: $0.id, authorID: $0.userID) })
                }
            }
            guard followings.hasNextPage, let last = followings.items.last else { break }
            request.olderThan = last.id
        }
        try await feedCache.invalidate([CacheKeys.newsfeed(job.userID)])
        try await activity.markFeedCurrent(userID: job.userID, staleSince: since)
    }

    /// After a celebrity's flag was cleared: their tweets since the flag, which no follower got as a
    /// row, go into the feeds of all their followers, in batches — inactive ones too, whose restore
    /// covers only what was posted after they left, which may be later than these tweets (the flag
    /// is cleared rarely, and only for fewer followers than half the threshold). A follower who
    /// unfollowed meanwhile has them taken back, as in a fanout.
    public func backfillCelebrityTweets(_ job: BackfillCelebrityTweetsJob) async throws {
        guard audience.rules.model != .pull else { return }
        var after: Int64 = 0
        while true {
            let batch = try await friendships.followerIDs(of: job.userID, after: after, limit: FanOutTweet.defaultBatchSize)
            guard let last = batch.last else { break }
            let recipients = batch
            if !recipients.isEmpty {
                try await forEachPage(of: job.userID, newerThan: job.since - 1) { page in
                    let entries = recipients.flatMap { owner in page.map { NewsfeedEntry(ownerID: owner, tweetID: $0.id, authorID: $0.userID) } }
                    _ = try await newsfeeds.insert(entries)
                }
                try await feedCache.invalidate(recipients.map(CacheKeys.newsfeed))
                let stillFollowing = Set(try await friendships.followerIDs(of: job.userID, in: batch[0]...last))
                for owner in recipients where !stillFollowing.contains(owner) {
                    _ = try await newsfeeds.remove(authorID: job.userID, fromFeedOf: owner)
                }
            }
            after = last
            if batch.count < FanOutTweet.defaultBatchSize { break }
        }
    }

    /// Calls `body` with each page of the author's tweets newer than `since`, newest first.
    private func forEachPage(of authorID: Int64, newerThan since: Int64, _ body: ([Tweet]) async throws -> Void) async throws {
        var request = PageRequest(newerThan: since, limit: Self.restorePageSize)
        while true {
            let page = try await tweets.tweets(userID: authorID, page: request)
            if !page.items.isEmpty { try await body(page.items) }
            guard page.hasNextPage, let last = page.items.last else { return }
            request.olderThan = last.id
        }
    }
}
