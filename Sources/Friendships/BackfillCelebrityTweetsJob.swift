import StarlingCore

/// A user stopped being a celebrity: their tweets since `since` were never fanned out, and their
/// followers no longer pull them, so write them into the followers' feeds (Newsfeeds handles it).
public struct BackfillCelebrityTweetsJob: JobPayload, Equatable {
    public static let jobName = "backfill_celebrity_tweets"
    public var userID: Int64
    public var since: Int64

    public init(userID: Int64, since: Int64) {
        self.userID = userID
        self.since = since
    }

    enum CodingKeys: String, CodingKey {
        case userID = "user_id"
        case since
    }
}
