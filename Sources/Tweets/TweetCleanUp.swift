import Media
import StarlingCore

/// The jobs that clean up after a deleted tweet or retweet: its newsfeed rows everywhere, and its
/// photo files. Shared by deleting a tweet and undoing a retweet, so both take the same path.
struct TweetCleanUp: Sendable {
    let ids: IDGenerator

    func jobs(for tweet: Tweet) -> [Job] {
        var jobs = [Job(id: ids.next(), RemoveTweetFromFeedsJob(tweetID: tweet.id, authorID: tweet.userID))]
        if !tweet.photoKeys.isEmpty {
            jobs.append(Job(id: ids.next(), DeleteBlobsJob(keys: tweet.photoKeys)))
        }
        return jobs
    }

    /// Deletes the tweet (and its retweets) with their clean-up jobs, then takes it out of its
    /// author's cached lists at once (the job does it again if this fails). Returns the deleted
    /// tweets, the one asked for first; empty when it was gone already.
    func delete(_ tweetID: Int64, from tweets: any TweetRepository, feedCache: any FeedCache,
                jobsRecorded: @Sendable () -> Void) async throws -> [Tweet] {
        let deleted = try await tweets.delete(id: tweetID) { [self] in jobs(for: $0) }
        guard let first = deleted.first else { return [] }
        jobsRecorded()
        try? await feedCache.remove(first.id, from: [CacheKeys.newsfeed(first.userID), CacheKeys.timeline(first.userID)])
        return deleted
    }
}
