import StarlingCore

/// Fan a tweet out to the followers of its author whose ids lie in `(after, through]`: one slice
/// of a large fanout, run by any worker of a broker (handled by the Newsfeeds domain).
public struct FanOutTweetBatchJob: JobPayload, Equatable {
    public static let jobName = "fan_out_tweet_batch"
    public var tweetID: Int64
    /// The range of follower ids, exclusive below.
    public var after: Int64
    /// The range of follower ids, inclusive above.
    public var through: Int64

    public init(tweetID: Int64, after: Int64, through: Int64) {
        self.tweetID = tweetID
        self.after = after
        self.through = through
    }

    enum CodingKeys: String, CodingKey {
        case tweetID = "tweet_id"
        case after, through
    }
}
