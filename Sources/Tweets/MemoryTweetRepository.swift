import StarlingCore

/// The in-memory `TweetRepository`.
public actor MemoryTweetRepository: TweetRepository {
    private struct RetweetKey: Hashable {
        let originalID: Int64
        let userID: Int64
    }

    private var byID: [Int64: Tweet] = [:]
    /// The retweet of each (original, user): at most one.
    private var retweets: [RetweetKey: Int64] = [:]
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

    public func delete(id: Int64, cleanUp: @escaping @Sendable (Tweet) -> [Job]) async -> [Tweet] {
        guard let tweet = byID[id] else { return [] }
        let doomed = [tweet] + byID.values.filter { $0.retweetOf == id }.sorted { $0.id < $1.id }
        for gone in doomed {
            byID[gone.id] = nil
            if let originalID = gone.retweetOf {
                retweets[RetweetKey(originalID: originalID, userID: gone.userID)] = nil
                byID[originalID]?.retweetsCount -= 1
            }
        }
        for gone in doomed {
            for dependent in dependents { await dependent.value?.tweetDeleted(gone.id) }
        }
        for gone in doomed {
            for job in cleanUp(gone) { await outbox.append(job) }
        }
        return doomed
    }

    public func retweet(_ retweet: Tweet, jobs: [Job]) async throws -> Tweet {
        guard let originalID = retweet.retweetOf, let original = byID[originalID], !original.isRetweet else {
            throw StarlingError.notFound
        }
        let key = RetweetKey(originalID: originalID, userID: retweet.userID)
        if let existing = retweets[key].flatMap({ byID[$0] }) { return existing }
        byID[retweet.id] = retweet
        retweets[key] = retweet.id
        byID[originalID]?.retweetsCount += 1
        try await authorFeed.addToAuthorsFeed(retweet)
        for job in jobs { await outbox.append(job) }
        return retweet
    }

    public func retweet(of originalID: Int64, by userID: Int64) -> Tweet? {
        retweets[RetweetKey(originalID: originalID, userID: userID)].flatMap { byID[$0] }
    }

    public func retweeted(by userID: Int64, among originalIDs: [Int64]) -> Set<Int64> {
        Set(originalIDs.filter { retweets[RetweetKey(originalID: $0, userID: userID)] != nil })
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
