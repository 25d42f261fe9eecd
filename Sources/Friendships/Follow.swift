import Accounts
import StarlingCore

/// Follows and unfollows. The newsfeed follows along asynchronously: a follow merges the
/// followee's recent tweets in, an unfollow takes them out.
public struct Follow: Sendable {
    let friendships: any FriendshipRepository
    let users: any UserRepository
    let counts: FollowCounts
    let ids: IDGenerator
    let jobsRecorded: @Sendable () -> Void

    public init(friendships: any FriendshipRepository, users: any UserRepository, counts: FollowCounts, ids: IDGenerator,
                jobsRecorded: @escaping @Sendable () -> Void) {
        self.friendships = friendships
        self.users = users
        self.counts = counts
        self.ids = ids
        self.jobsRecorded = jobsRecorded
    }

    /// The followed user and the new friendship, or nil for the friendship when it already existed.
    public func follow(_ followeeID: Int64, by followerID: Int64) async throws -> (User, Friendship?) {
        guard followeeID != followerID else { throw StarlingError.badRequest("You cannot follow yourself.") }
        guard let followee = try await users.user(id: followeeID) else { throw StarlingError.notFound }
        let friendship = Friendship(id: ids.next(), fromUserID: followerID, toUserID: followeeID)
        let jobs = [Job(id: ids.next(), MergeFolloweeTweetsJob(followerID: followerID, followeeID: followeeID)),
                    Job(id: ids.next(), FollowNotificationJob(friendship))]
        guard try await friendships.follow(friendship, jobs: jobs) else { return (followee, nil) }
        jobsRecorded()
        await counts.changed(followerID: followerID, followeeID: followeeID, by: 1)
        return (followee, friendship)
    }

    /// Whether a friendship was deleted.
    public func unfollow(_ followeeID: Int64, by followerID: Int64) async throws -> Bool {
        guard followeeID != followerID else { throw StarlingError.badRequest("You cannot unfollow yourself.") }
        guard try await users.user(id: followeeID) != nil else { throw StarlingError.notFound }
        let job = Job(id: ids.next(), RemoveFolloweeTweetsJob(followerID: followerID, followeeID: followeeID))
        let deleted = try await friendships.unfollow(from: followerID, to: followeeID, job: job)
        if deleted {
            jobsRecorded()
            await counts.changed(followerID: followerID, followeeID: followeeID, by: -1)
        }
        return deleted
    }
}
