import StarlingCore

/// The pull side of newsfeeds: reads of the followees' own timelines, each one statement
/// whatever the number of authors (the store merges their index ranges).
public protocol FeedSourceRepository: Sendable {
    /// Whether the owner's pushed feed is current (active since `activeSince`, not awaiting a
    /// restore), and up to `celebrityLimit + 1` celebrities they follow.
    func plan(owner: Int64, activeSince: Int64, celebrityLimit: Int) async throws -> FeedPlan
    /// One page of the ids of tweets by `authors`, newest first.
    func tweetIDs(by authors: [Int64], page: PageRequest) async throws -> Page<Int64>
    /// The pull model: one page of the ids of tweets by the owner and everyone they follow.
    func pulledFeed(owner: Int64, page: PageRequest) async throws -> Page<Int64>
}
