import StarlingCore

/// Tell the author of a retweeted tweet (handled by the Notifications domain).
public struct RetweetNotificationJob: JobPayload, Equatable {
    public static let jobName = "notify_retweet"
    /// The retweet, whose id is also the notification's.
    public var retweetID: Int64

    public init(retweetID: Int64) {
        self.retweetID = retweetID
    }

    enum CodingKeys: String, CodingKey { case retweetID = "retweet_id" }
}
