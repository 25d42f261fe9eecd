import StarlingCore

/// Tell a user about a new follower (handled by the Notifications domain).
public struct FollowNotificationJob: JobPayload, Equatable {
    public static let jobName = "notify_follow"
    public var friendshipID: Int64
    public var followerID: Int64
    public var followeeID: Int64

    public init(_ friendship: Friendship) {
        self.friendshipID = friendship.id
        self.followerID = friendship.fromUserID
        self.followeeID = friendship.toUserID
    }

    enum CodingKeys: String, CodingKey {
        case friendshipID = "friendship_id"
        case followerID = "follower_id"
        case followeeID = "followee_id"
    }
}
