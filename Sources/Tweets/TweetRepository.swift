import StarlingCore

/// Stores tweets.
public protocol TweetRepository: Sendable {
    /// In one transaction: stores the tweet and its photos' keys (in order), puts it in its
    /// author's own newsfeed, and records the job that fans it out to the followers.
    func create(_ tweet: Tweet, fanOut: Job) async throws
    /// The tweet with this id, with its photo keys.
    func tweet(id: Int64) async throws -> Tweet?
    /// The tweets with these ids, with their photo keys, in one round trip; unknown ids are absent.
    func tweets(ids: [Int64]) async throws -> [Int64: Tweet]
    /// One page of a user's tweets, with their photo keys, newest first.
    func tweets(userID: Int64, page: PageRequest) async throws -> Page<Tweet>
    /// In one transaction: deletes the tweet with its photo rows, comments and likes, and records
    /// the clean-up jobs (newsfeed rows, photo blobs). Returns false when it did not exist.
    func delete(id: Int64, cleanUp: [Job]) async throws -> Bool
}
