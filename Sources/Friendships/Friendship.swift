import StarlingCore

/// `fromUserID` follows `toUserID`. The id is the follow time in microseconds (see `IDGenerator`).
public struct Friendship: Sendable, Equatable {
    public var id: Int64
    public var fromUserID: Int64
    public var toUserID: Int64

    public init(id: Int64, fromUserID: Int64, toUserID: Int64) {
        self.id = id
        self.fromUserID = fromUserID
        self.toUserID = toUserID
    }

    /// When the follow happened, in microseconds since the epoch.
    public var createdAt: Int64 { id }
}

/// Merge a newly followed user's recent tweets into the follower's newsfeed (Newsfeeds handles it).
public struct MergeFolloweeTweetsJob: JobPayload, Equatable {
    public static let jobName = "merge_followee_tweets"
    public var followerID: Int64
    public var followeeID: Int64

    public init(followerID: Int64, followeeID: Int64) {
        self.followerID = followerID
        self.followeeID = followeeID
    }

    enum CodingKeys: String, CodingKey {
        case followerID = "follower_id"
        case followeeID = "followee_id"
    }
}

/// Remove an unfollowed user's tweets from the former follower's newsfeed (Newsfeeds handles it).
public struct RemoveFolloweeTweetsJob: JobPayload, Equatable {
    public static let jobName = "remove_followee_tweets"
    public var followerID: Int64
    public var followeeID: Int64

    public init(followerID: Int64, followeeID: Int64) {
        self.followerID = followerID
        self.followeeID = followeeID
    }

    enum CodingKeys: String, CodingKey {
        case followerID = "follower_id"
        case followeeID = "followee_id"
    }
}

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
