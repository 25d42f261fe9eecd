import StarlingCore

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
