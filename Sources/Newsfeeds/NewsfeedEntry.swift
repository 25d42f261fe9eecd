import StarlingCore
import Tweets

/// One row of a user's newsfeed: a tweet that user should see. Ordered by the tweet's own time,
/// which is its id.
public struct NewsfeedEntry: Sendable, Equatable {
    public var ownerID: Int64
    public var tweetID: Int64
    public var authorID: Int64

    public init(ownerID: Int64, tweetID: Int64, authorID: Int64) {
        self.ownerID = ownerID
        self.tweetID = tweetID
        self.authorID = authorID
    }

    /// The tweet's time, in microseconds since the epoch.
    public var createdAt: Int64 { tweetID }
}
