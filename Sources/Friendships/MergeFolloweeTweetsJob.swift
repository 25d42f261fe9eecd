import StarlingCore

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
