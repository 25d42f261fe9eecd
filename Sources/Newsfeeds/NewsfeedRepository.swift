import StarlingCore
import Tweets

/// One row of a user's newsfeed: a tweet that user should see. Ordered by the tweet's own time,
/// which is its id.
public struct NewsfeedEntry: Sendable, Equatable {
    public var ownerID: Int64
    public var tweetID: Int64
    public var authorID: Int64

    public init(ownerID: Int64, tweetID: Int64, authorID: Int64) {
        self.ownerID = ownerID
        self.tweetID = tweetID
        self.authorID = authorID
    }

    /// The tweet's time, in microseconds since the epoch.
    public var createdAt: Int64 { tweetID }
}

/// The newsfeed table: the write-heavy one. Rows are unique on (owner, tweet), so inserting a row
/// twice changes nothing, and are read only by range scans of one owner, newest first — the
/// access pattern of a wide-column store.
public protocol NewsfeedRepository: Sendable {
    /// Puts the tweet into each owner's feed in one statement; returns how many rows were new.
    func insert(tweetID: Int64, authorID: Int64, owners: [Int64]) async throws -> Int
    /// Puts these tweets into one owner's feed; returns how many rows were new.
    func insert(_ entries: [NewsfeedEntry]) async throws -> Int
    /// One page of the owner's feed, newest first.
    func entries(owner: Int64, page: PageRequest) async throws -> Page<NewsfeedEntry>
    /// Removes the tweet from every feed; returns how many rows went.
    func remove(tweetID: Int64) async throws -> Int
    /// Removes the author's tweets from the owner's feed; returns how many rows went.
    func remove(authorID: Int64, fromFeedOf owner: Int64) async throws -> Int
}

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
