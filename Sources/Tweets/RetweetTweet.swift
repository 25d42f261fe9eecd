import StarlingCore

/// Retweets (Mastodon: reblogs) and undoes retweets.
///
/// A retweet is a tweet of the retweeting user whose `retweetOf` names the original: it is stored
/// with its author's own feed row, its fanout job and a notification job in one transaction, and
/// reaches the followers' newsfeeds through the same fanout as a tweet (so every feed rule applies
/// to it alike). Retweeting a retweet retweets its original; retweeting one's own tweet is allowed,
/// as on Mastodon (its author gets no notification of it). A user retweets a tweet at most once:
/// retweeting again answers the existing retweet. Undoing deletes that retweet by the same path as
/// deleting a tweet, which takes it out of every feed.
public struct RetweetTweet: Sendable {
    /// What a retweet request did.
    public struct Outcome: Sendable, Equatable {
        /// The user's retweet (new or the existing one).
        public var retweet: Tweet
        /// The original, as read after the retweet (its `retweetsCount` counts it).
        public var original: Tweet
        /// False when the user had retweeted it already and nothing changed.
        public var created: Bool
    }

    /// What an undo request did.
    public struct Undone: Sendable, Equatable {
        /// The original, as read after the undo.
        public var original: Tweet
        /// The retweet deleted; nil when the user had not retweeted it (nothing changed).
        public var removed: Tweet?
    }

    let tweets: any TweetRepository
    let feedCache: any FeedCache
    let ids: IDGenerator
    let cleanUp: TweetCleanUp
    let jobsRecorded: @Sendable () -> Void

    /// - Parameter jobsRecorded: called after a transaction recorded jobs, to wake the outbox relay.
    public init(tweets: any TweetRepository, feedCache: any FeedCache, ids: IDGenerator, jobsRecorded: @escaping @Sendable () -> Void) {
        self.tweets = tweets
        self.feedCache = feedCache
        self.ids = ids
        self.cleanUp = TweetCleanUp(ids: ids)
        self.jobsRecorded = jobsRecorded
    }

    /// Retweets the tweet with this id (its original, when it is a retweet). An unknown tweet is
    /// `StarlingError.notFound`.
    public func callAsFunction(tweetID: Int64, by userID: Int64) async throws -> Outcome {
        let original = try await self.original(of: tweetID)
        if let existing = try await tweets.retweet(of: original.id, by: userID) {
            return Outcome(retweet: existing, original: original, created: false)
        }
        let retweet = Tweet.retweet(id: ids.next(), of: original.id, by: userID)
        let stored = try await tweets.retweet(retweet, jobs: [
            Job(id: ids.next(), FanOutTweetJob(tweetID: retweet.id)),
            Job(id: ids.next(), RetweetNotificationJob(retweetID: retweet.id)),
        ])
        let created = stored == retweet
        if created {
            jobsRecorded()
            // The retweeter sees it at once in their cached lists too, as a posted tweet is.
            let own = [CacheKeys.newsfeed(userID), CacheKeys.timeline(userID)]
            do { try await feedCache.push(retweet.id, to: own) } catch { try? await feedCache.invalidate(own) }
        }
        let counted = try await tweets.tweet(id: original.id) ?? original
        return Outcome(retweet: stored, original: counted, created: created)
    }

    /// Undoes the user's retweet of the tweet with this id (or of its original, when it is a
    /// retweet). Not having retweeted it changes nothing (`removed` is nil); an unknown tweet is
    /// `StarlingError.notFound`.
    public func undo(tweetID: Int64, by userID: Int64) async throws -> Undone {
        let original = try await self.original(of: tweetID)
        guard let retweet = try await tweets.retweet(of: original.id, by: userID) else {
            return Undone(original: original, removed: nil)
        }
        let removed = try await cleanUp.delete(retweet.id, from: tweets, feedCache: feedCache, jobsRecorded: jobsRecorded).first
        let counted = try await tweets.tweet(id: original.id) ?? original
        return Undone(original: counted, removed: removed)
    }

    /// The tweet with this id, or the original it retweets.
    private func original(of tweetID: Int64) async throws -> Tweet {
        guard let tweet = try await tweets.tweet(id: tweetID) else { throw StarlingError.notFound }
        guard let originalID = tweet.retweetOf else { return tweet }
        guard let original = try await tweets.tweet(id: originalID) else { throw StarlingError.notFound }
        return original
    }
}
