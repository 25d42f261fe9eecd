import StarlingCore

/// The in-memory `TweetRepository`.
public actor MemoryTweetRepository: TweetRepository {
    private var byID: [Int64: Tweet] = [:]
    private let outbox: MemoryOutbox
    private let authorFeed: any AuthorFeedWriter
    /// Held weakly: they hold this repository, for its counters.
    private var dependents: [WeakDependents] = []

    public init(outbox: MemoryOutbox, authorFeed: any AuthorFeedWriter) {
        self.outbox = outbox
        self.authorFeed = authorFeed
    }

    public func create(_ tweet: Tweet, fanOut: Job) async throws {
        byID[tweet.id] = tweet
        try await authorFeed.addToAuthorsFeed(tweet)
        await outbox.append(fanOut)
    }

    public func tweet(id: Int64) -> Tweet? {
        byID[id]
    }

    public func tweets(ids: [Int64]) -> [Int64: Tweet] {
        var found: [Int64: Tweet] = [:]
        for id in ids { found[id] = byID[id] }
        return found
    }

    public func tweets(userID: Int64, page: PageRequest) -> Page<Tweet> {
        let candidates = byID.values
            .filter { $0.userID == userID && page.contains($0.id) }
            .sorted { $0.id > $1.id }
            .prefix(page.limit + 1)
        return page.page(fromNewestFirst: Array(candidates))
    }

    /// Makes deleting a tweet delete what `dependent` keeps of it (comments, likes), as a
    /// relational store's delete does.
    public func cascadeDeletes(to dependent: any TweetDependents) {
        dependents.append(WeakDependents(value: dependent))
    }

    public func delete(id: Int64, cleanUp: [Job]) async -> Bool {
        guard byID.removeValue(forKey: id) != nil else { return false }
        for dependent in dependents { await dependent.value?.tweetDeleted(id) }
        for job in cleanUp { await outbox.append(job) }
        return true
    }

    /// Changes the denormalized counts (the in-memory stand-in for the counter update inside a
    /// like's or comment's transaction).
    public func adjustCounts(tweetID: Int64, likes: Int = 0, comments: Int = 0) {
        byID[tweetID]?.likesCount += likes
        byID[tweetID]?.commentsCount += comments
    }
}

private struct WeakDependents {
    weak var value: (any TweetDependents)?
}
