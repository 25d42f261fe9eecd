import StarlingCore

/// Stores tweets, and retweets as tweets whose `retweetOf` names the original.
public protocol TweetRepository: Sendable {
    /// In one transaction: stores the tweet and its photos' keys (in order), puts it in its
    /// author's own newsfeed, and records the job that fans it out to the followers.
    func create(_ tweet: Tweet, fanOut: Job) async throws
    /// The tweet with this id, with its photo keys.
    func tweet(id: Int64) async throws -> Tweet?
    /// The tweets with these ids, with their photo keys, in one round trip; unknown ids are absent.
    func tweets(ids: [Int64]) async throws -> [Int64: Tweet]
    /// One page of a user's tweets (their retweets included), with their photo keys, newest first.
    func tweets(userID: Int64, page: PageRequest) async throws -> Page<Tweet>
    /// In one transaction: deletes the tweet with its photo rows, comments and likes, and every
    /// retweet of it with theirs; takes one from its original's `retweets_count` when it is itself
    /// a retweet; and records `cleanUp(deleted)` for each tweet deleted (newsfeed rows, photo
    /// blobs). Returns the deleted tweets, the one asked for first (as it was, with its photo
    /// keys); empty when it did not exist.
    func delete(id: Int64, cleanUp: @escaping @Sendable (Tweet) -> [Job]) async throws -> [Tweet]

    /// In one transaction: stores the retweet (`retweetOf` set, no content), adds one to its
    /// original's `retweets_count`, puts it in its author's own newsfeed and records `jobs` (its
    /// fanout, the notification) — unless that user already retweeted that original, in which
    /// case nothing changes and the existing retweet is returned. A user retweets a tweet at most
    /// once, also under concurrent requests. Throws `StarlingError.notFound` (changing nothing)
    /// when the original does not exist or is itself a retweet.
    func retweet(_ retweet: Tweet, jobs: [Job]) async throws -> Tweet
    /// The user's retweet of the original, if any.
    func retweet(of originalID: Int64, by userID: Int64) async throws -> Tweet?
    /// Those of `originalIDs` the user retweeted, in one round trip.
    func retweeted(by userID: Int64, among originalIDs: [Int64]) async throws -> Set<Int64>
}
