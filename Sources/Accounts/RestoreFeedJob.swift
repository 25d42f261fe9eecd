import StarlingCore

/// Write into a returning user's newsfeed what their followees posted while they were inactive
/// (handled by the Newsfeeds domain). Until it has run, their pages are built by pull.
public struct RestoreFeedJob: JobPayload, Equatable {
    public static let jobName = "restore_feed"
    public var userID: Int64

    public init(userID: Int64) {
        self.userID = userID
    }

    enum CodingKeys: String, CodingKey { case userID = "user_id" }
}
