import StarlingCore

/// Remove a deleted tweet from every newsfeed (handled by the Newsfeeds domain).
public struct RemoveTweetFromFeedsJob: JobPayload, Equatable {
    public static let jobName = "remove_tweet_from_feeds"
    public var tweetID: Int64
    public var authorID: Int64

    public init(tweetID: Int64, authorID: Int64) {
        self.tweetID = tweetID
        self.authorID = authorID
    }

    enum CodingKeys: String, CodingKey {
        case tweetID = "tweet_id"
        case authorID = "author_id"
    }
}
