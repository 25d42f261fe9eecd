import StarlingCore

/// Fan a new tweet out to its author's followers' newsfeeds (handled by the Newsfeeds domain).
public struct FanOutTweetJob: JobPayload, Equatable {
    public static let jobName = "fan_out_tweet"
    public var tweetID: Int64

    public init(tweetID: Int64) {
        self.tweetID = tweetID
    }

    enum CodingKeys: String, CodingKey { case tweetID = "tweet_id" }
}
