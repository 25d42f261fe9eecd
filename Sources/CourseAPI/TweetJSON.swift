import Accounts
import Media
import StarlingCore
import StarlingHTTP
import Tweets

/// A tweet as the API shows it: `{"id", "user", "created_at", "content", "comments_count",
/// "likes_count", "has_liked", "photo_urls"}`, and Starling's retweet members `"retweets_count",
/// "has_retweeted", "retweet_of"` (null for a tweet; for a retweet, the original tweet's JSON,
/// nested one level: an original is never a retweet).
///
/// Written by `JSONWriter` only. Every member but the viewer's two flags comes from the tweet's
/// `TweetFragment`, encoded once per process for each version of the tweet and its author; a page
/// copies those bytes and writes only `has_liked` and `has_retweeted`.
public struct TweetJSON: Sendable, Equatable {
    let fragment: TweetFragment
    /// Whether the requesting user liked it (false when anonymous).
    public var hasLiked: Bool
    /// Whether the requesting user retweeted it (false when anonymous, and on a retweet).
    public var hasRetweeted: Bool
    /// Boxed: a struct cannot hold itself inline.
    private var original: Original?

    public init(_ view: TweetView) {
        self.init(view.tweet, author: view.author, hasLiked: view.hasLiked, hasRetweeted: view.hasRetweeted,
                  retweetOf: view.original.map(TweetJSON.init))
    }

    public init(_ tweet: Tweet, author: User, hasLiked: Bool = false, hasRetweeted: Bool = false, retweetOf: TweetJSON? = nil) {
        self.fragment = TweetFragments.shared.fragment(tweet, author: author)
        self.hasLiked = hasLiked
        self.hasRetweeted = hasRetweeted
        self.original = retweetOf.map(Original.init)
    }

    public var id: Int64 { fragment.tweet.id }
    public var createdAt: Int64 { fragment.tweet.createdAt }
    public var photoURLs: [String] { fragment.tweet.photoKeys.map(MediaKey.url) }
    /// For a retweet: the original tweet's JSON.
    public var retweetOf: TweetJSON? { original?.json }

    public static func == (lhs: TweetJSON, rhs: TweetJSON) -> Bool {
        lhs.fragment.tweet == rhs.fragment.tweet && lhs.fragment.author == rhs.fragment.author && lhs.hasLiked == rhs.hasLiked
            && lhs.hasRetweeted == rhs.hasRetweeted && lhs.retweetOf == rhs.retweetOf
    }

    private final class Original: Sendable {
        let json: TweetJSON

        init(_ json: TweetJSON) {
            self.json = json
        }
    }
}

extension TweetJSON: JSONWritable {
    public func writeJSON(to writer: inout JSONWriter) {
        writeFields(to: &writer)
        writer.endObject()
    }

    /// The tweet's object, left open for members that extend it (the detail answer's sections).
    public func writeFields(to writer: inout JSONWriter) {
        writer.encodedObjectStart(fragment.head)
        writer.key("has_liked")
        writer.bool(hasLiked)
        writer.encodedMembers(fragment.middle)
        writer.key("has_retweeted")
        writer.bool(hasRetweeted)
        writer.key("retweet_of")
        if let retweetOf { writer.value(retweetOf) } else { writer.null() }
    }
}
