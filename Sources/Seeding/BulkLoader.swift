import Accounts
import Comments
import Friendships
import Likes
import Newsfeeds
import Tweets

/// Writes a seeded graph straight into a store, in large batches: the port each relational
/// backend implements for `starling seed`.
public protocol BulkLoader: Sendable {
    /// Whether the store has no users yet (seeding refuses a store in use).
    func isEmpty() async throws -> Bool
    /// Prepares for a large load (a store may set secondary indexes aside).
    func beginLoad() async throws
    /// Users last active at `activeAt`: seeded users are readers of their feeds (a user inactive
    /// past the threshold would come back to a stale feed and a restore job on first request).
    func insert(users: [User], activeAt: Int64) async throws
    func insert(sessions: [(tokenHash: String, userID: Int64, expiresAt: Int64)]) async throws
    func insert(friendships: [Friendship]) async throws
    /// Tweets with their counters already set, and their photo keys.
    func insert(tweets: [Tweet]) async throws
    func insert(feedRows: [NewsfeedEntry]) async throws
    func insert(comments: [Comment]) async throws
    func insert(likes: [Like]) async throws
    /// Restores what `beginLoad` set aside.
    func endLoad() async throws
}
