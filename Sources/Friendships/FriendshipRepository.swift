import StarlingCore

/// Stores who follows whom. Rows are read as a wide-column store would serve them: by one user,
/// then time descending (followers, followings) or by follower id (fanout batches).
public protocol FriendshipRepository: Sendable {
    /// In one transaction: stores the friendship and records `jobs` (the newsfeed merge, the
    /// notification). Returns false, recording nothing, when `from` already follows `to`.
    func follow(_ friendship: Friendship, jobs: [Job]) async throws -> Bool
    /// In one transaction: deletes the friendship and records `job` (the newsfeed clean-up).
    /// Returns false, recording nothing, when there was none.
    func unfollow(from: Int64, to: Int64, job: Job) async throws -> Bool
    /// One page of the user's followers, newest follow first.
    func followers(of userID: Int64, page: PageRequest) async throws -> Page<Friendship>
    /// One page of the users the user follows, newest follow first.
    func followings(of userID: Int64, page: PageRequest) async throws -> Page<Friendship>
    /// Up to `limit` follower ids of the user above `after`, ascending: the fanout's batches.
    func followerIDs(of userID: Int64, after: Int64, limit: Int) async throws -> [Int64]
    /// Which of `candidates` the user follows, in one round trip.
    func followed(by userID: Int64, among candidates: [Int64]) async throws -> Set<Int64>
    /// The user's follower ids within `range`, ascending: the fanout's check of a batch, one
    /// range scan of the same index the batch was read from.
    func followerIDs(of userID: Int64, in range: ClosedRange<Int64>) async throws -> [Int64]
    /// How many followers the user has, and how many users they follow, counted from the rows.
    func counts(of userID: Int64) async throws -> (followers: Int, followings: Int)
}
