import StarlingCore
import Tweets

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
