import StarlingCore

/// A `TweetRepository` that reads tweets by id through the object cache and forgets a tweet when
/// it is deleted (its counters are forgotten by the like and comment stores' own decorators).
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
        try await objects.fetch(ids, key: CacheKeys.tweet) { try await base.tweets(ids: $0) }
    }

    public func tweets(userID: Int64, page: PageRequest) async throws -> Page<Tweet> {
        try await base.tweets(userID: userID, page: page)
    }

    public func delete(id: Int64, cleanUp: [Job]) async throws -> Bool {
        let deleted = try await base.delete(id: id, cleanUp: cleanUp)
        await objects.invalidate([CacheKeys.tweet(id)])
        return deleted
    }
}
