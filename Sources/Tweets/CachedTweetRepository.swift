import StarlingCore

/// A `TweetRepository` that reads tweets by id through the object cache and forgets a tweet when
/// it is deleted, and an original whose `retweets_count` a retweet or its deletion changed (its
/// other counters are forgotten by the like and comment stores' own decorators), with the latest
/// marks (`CachedViewerMarks`) of whoever made or lost a retweet.
public struct CachedTweetRepository: TweetRepository {
    let base: any TweetRepository
    let objects: ObjectCache

    public init(_ base: any TweetRepository, objects: ObjectCache) {
        self.base = base
        self.objects = objects
    }

    public func create(_ tweet: Tweet, fanOut: Job) async throws {
        try await base.create(tweet, fanOut: fanOut)
    }

    public func tweet(id: Int64) async throws -> Tweet? {
        try await tweets(ids: [id])[id]
    }

    public func tweets(ids: [Int64]) async throws -> [Int64: Tweet] {
        try await objects.fetch(ids, kind: CacheKeys.tweetKind) { try await base.tweets(ids: $0) }
    }

    public func tweets(userID: Int64, page: PageRequest) async throws -> Page<Tweet> {
        try await base.tweets(userID: userID, page: page)
    }

    public func delete(id: Int64, cleanUp: @escaping @Sendable (Tweet) -> [Job]) async throws -> [Tweet] {
        let deleted = try await base.delete(id: id, cleanUp: cleanUp)
        // The tweet asked for is forgotten even when it was gone already (a stale cached copy).
        let ids = Set([id] + deleted.flatMap { [$0.id] + ($0.retweetOf.map { [$0] } ?? []) })
        let retweeters = Set(deleted.filter { $0.retweetOf != nil }.map(\.userID))
        // A deleted tweet's likes and comments went with it: its cached lists of them go too.
        await objects.invalidate(ids.sorted().map(CacheKeys.tweet) + deleted.flatMap { [CacheKeys.tweetLikes($0.id), CacheKeys.tweetComments($0.id)] }
                                 + retweeters.sorted().map(CacheKeys.viewerMarks))
        return deleted
    }

    public func retweet(_ retweet: Tweet, jobs: [Job]) async throws -> Tweet {
        let stored = try await base.retweet(retweet, jobs: jobs)
        if stored == retweet, let originalID = retweet.retweetOf {
            await objects.invalidate([CacheKeys.tweet(originalID), CacheKeys.viewerMarks(retweet.userID)])
        }
        return stored
    }

    public func retweet(of originalID: Int64, by userID: Int64) async throws -> Tweet? {
        try await base.retweet(of: originalID, by: userID)
    }

    public func retweeted(by userID: Int64, among originalIDs: [Int64]) async throws -> Set<Int64> {
        try await base.retweeted(by: userID, among: originalIDs)
    }
}
