import StarlingCore

/// A `FriendshipRepository` that forgets the follower's cached feed plan (which celebrities they
/// follow) right after a follow or an unfollow committed, so that their next read merges exactly
/// the celebrities they follow now. It forgets the plan's generation, which also voids an entry
/// that a read in flight stores later (`CachedFeedSourceRepository`).
public struct CachedFriendshipRepository: FriendshipRepository {
    let base: any FriendshipRepository
    let objects: ObjectCache

    public init(_ base: any FriendshipRepository, objects: ObjectCache) {
        self.base = base
        self.objects = objects
    }

    public func follow(_ friendship: Friendship, jobs: [Job]) async throws -> Bool {
        let stored = try await base.follow(friendship, jobs: jobs)
        if stored { await objects.invalidate(CacheKeys.feedPlanKeys(friendship.fromUserID)) }
        return stored
    }

    public func unfollow(from: Int64, to: Int64, job: Job) async throws -> Bool {
        let deleted = try await base.unfollow(from: from, to: to, job: job)
        if deleted { await objects.invalidate(CacheKeys.feedPlanKeys(from)) }
        return deleted
    }

    public func followers(of userID: Int64, page: PageRequest) async throws -> Page<Friendship> {
        try await base.followers(of: userID, page: page)
    }

    public func followings(of userID: Int64, page: PageRequest) async throws -> Page<Friendship> {
        try await base.followings(of: userID, page: page)
    }

    public func followerIDs(of userID: Int64, after: Int64, limit: Int) async throws -> [Int64] {
        try await base.followerIDs(of: userID, after: after, limit: limit)
    }

    public func followed(by userID: Int64, among candidates: [Int64]) async throws -> Set<Int64> {
        try await base.followed(by: userID, among: candidates)
    }

    public func followerIDs(of userID: Int64, in range: ClosedRange<Int64>) async throws -> [Int64] {
        try await base.followerIDs(of: userID, in: range)
    }

    public func counts(of userID: Int64) async throws -> (followers: Int, followings: Int) {
        try await base.counts(of: userID)
    }
}
