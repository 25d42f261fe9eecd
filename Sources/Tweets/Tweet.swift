/// A tweet. Its id is its creation time in microseconds (see `IDGenerator`), so `createdAt == id`.
///
/// A retweet (Mastodon's reblog) is a tweet too, in the same id space: a row of the retweeting
/// user whose `retweetOf` names the original and whose content is empty. It travels through the
/// newsfeeds exactly as a tweet of its author does.
public struct Tweet: Sendable, Equatable {
    public var id: Int64
    public var userID: Int64
    public var content: String
    public var likesCount: Int
    public var commentsCount: Int
    /// Its photos' blob keys, in order. They never change after posting, so they travel (and are
    /// cached) with the tweet.
    public var photoKeys: [String]
    /// For a retweet: the id of the original tweet (never itself a retweet); nil for a tweet.
    public var retweetOf: Int64?
    /// How many users retweeted it (denormalized like `likesCount`; always 0 on a retweet).
    public var retweetsCount: Int

    public init(id: Int64, userID: Int64, content: String, likesCount: Int = 0, commentsCount: Int = 0, photoKeys: [String] = [],
                retweetOf: Int64? = nil, retweetsCount: Int = 0) {
        self.id = id
        self.userID = userID
        self.content = content
        self.likesCount = likesCount
        self.commentsCount = commentsCount
        self.photoKeys = photoKeys
        self.retweetOf = retweetOf
        self.retweetsCount = retweetsCount
    }

    /// A retweet of `originalID` by `userID`: no content, no photos.
    public static func retweet(id: Int64, of originalID: Int64, by userID: Int64) -> Tweet {
        Tweet(id: id, userID: userID, content: "", retweetOf: originalID)
    }

    /// When it was posted, in microseconds since the epoch.
    public var createdAt: Int64 { id }

    /// Whether it is a retweet of another tweet.
    public var isRetweet: Bool { retweetOf != nil }
}
