import Accounts

/// A tweet with what a reader sees beside it: its author, whether the reader liked and retweeted
/// it, and for a retweet the original as the reader sees it.
public struct TweetView: Sendable, Equatable {
    public var tweet: Tweet
    public var author: User
    /// Whether the reading user liked it (false when anonymous).
    public var hasLiked: Bool
    /// Whether the reading user retweeted it (false when anonymous, and on a retweet: see its
    /// `original`).
    public var hasRetweeted: Bool
    /// Boxed: a view cannot hold a view inline.
    private var originalBox: Original?

    public init(tweet: Tweet, author: User, hasLiked: Bool = false, hasRetweeted: Bool = false, original: TweetView? = nil) {
        self.tweet = tweet
        self.author = author
        self.hasLiked = hasLiked
        self.hasRetweeted = hasRetweeted
        self.originalBox = original.map(Original.init)
    }

    /// For a retweet: the original tweet's view (one level: an original is never a retweet).
    /// Nil for a tweet.
    public var original: TweetView? {
        get { originalBox?.view }
        set { originalBox = newValue.map(Original.init) }
    }

    private final class Original: Sendable, Equatable {
        let view: TweetView

        init(_ view: TweetView) {
            self.view = view
        }

        static func == (lhs: Original, rhs: Original) -> Bool { lhs.view == rhs.view }
    }
}
