import StarlingCore
import Tweets

/// The in-memory `NewsfeedRepository`.
public actor MemoryNewsfeedRepository: NewsfeedRepository, AuthorFeedWriter {
    private var feeds: [Int64: [Int64: NewsfeedEntry]] = [:]

    public init() {}

    public func insert(tweetID: Int64, authorID: Int64, owners: [Int64]) -> Int {
        insert(owners.map { NewsfeedEntry(ownerID: $0, tweetID: tweetID, authorID: authorID) })
    }

    public func insert(_ entries: [NewsfeedEntry]) -> Int {
        var inserted = 0
        for entry in entries where feeds[entry.ownerID, default: [:]][entry.tweetID] == nil {
            feeds[entry.ownerID, default: [:]][entry.tweetID] = entry
            inserted += 1
        }
        return inserted
    }

    public func addToAuthorsFeed(_ tweet: Tweet) {
        _ = insert(tweetID: tweet.id, authorID: tweet.userID, owners: [tweet.userID])
    }

    public func entries(owner: Int64, page: PageRequest) -> Page<NewsfeedEntry> {
        let candidates = (feeds[owner] ?? [:]).values.filter { page.contains($0.tweetID) }.sorted { $0.tweetID > $1.tweetID }
        return page.page(fromNewestFirst: Array(candidates.prefix(page.limit + 1)))
    }

    public func remove(tweetID: Int64) -> Int {
        var removed = 0
        for owner in feeds.keys where feeds[owner]?.removeValue(forKey: tweetID) != nil {
            removed += 1
        }
        return removed
    }

    public func remove(authorID: Int64, fromFeedOf owner: Int64) -> Int {
        guard let feed = feeds[owner] else { return 0 }
        let kept = feed.filter { $0.value.authorID != authorID }
        feeds[owner] = kept
        return feed.count - kept.count
    }
}
