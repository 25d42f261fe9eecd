import Accounts

/// A tweet with what a reader sees beside it: its author, and whether the reader liked it.
public struct TweetView: Sendable, Equatable {
    public var tweet: Tweet
    public var author: User
    /// Whether the reading user liked it (false when anonymous).
    public var hasLiked: Bool

    public init(tweet: Tweet, author: User, hasLiked: Bool = false) {
        self.tweet = tweet
        self.author = author
        self.hasLiked = hasLiked
    }
}
