import Accounts
import Media
import StarlingCore
import StarlingHTTP
import Tweets

/// A tweet as the API shows it: `{"id", "user", "created_at", "content", "comments_count",
/// "likes_count", "has_liked", "photo_urls"}`, and Starling's retweet members `"retweets_count",
/// "has_retweeted", "retweet_of"` (null for a tweet; for a retweet, the original tweet's JSON,
/// nested one level: an original is never a retweet).
public struct TweetJSON: Encodable, Sendable, Equatable {
    public var id: Int64
    public var user: UserJSON
    public var createdAt: Int64
    public var content: String
    public var commentsCount: Int
    public var likesCount: Int
    /// Whether the requesting user liked it (false when anonymous).
    public var hasLiked: Bool
    public var photoURLs: [String]
    public var retweetsCount: Int
    /// Whether the requesting user retweeted it (false when anonymous, and on a retweet).
    public var hasRetweeted: Bool
    /// Boxed: a struct cannot hold itself inline.
    private var original: Original?

    public init(_ view: TweetView) {
        self.init(view.tweet, author: view.author, hasLiked: view.hasLiked, hasRetweeted: view.hasRetweeted,
                  retweetOf: view.original.map(TweetJSON.init))
    }

    public init(_ tweet: Tweet, author: User, hasLiked: Bool = false, hasRetweeted: Bool = false, retweetOf: TweetJSON? = nil) {
        self.id = tweet.id
        self.user = UserJSON(author)
        self.createdAt = tweet.createdAt
        self.content = tweet.content
        self.commentsCount = tweet.commentsCount
        self.likesCount = tweet.likesCount
        self.hasLiked = hasLiked
        self.photoURLs = tweet.photoKeys.map(MediaKey.url)
        self.retweetsCount = tweet.retweetsCount
        self.hasRetweeted = hasRetweeted
        self.original = retweetOf.map(Original.init)
    }

    /// For a retweet: the original tweet's JSON.
    public var retweetOf: TweetJSON? { original?.json }

    enum CodingKeys: String, CodingKey {
        case id, user, content
        case createdAt = "created_at"
        case commentsCount = "comments_count"
        case likesCount = "likes_count"
        case hasLiked = "has_liked"
        case photoURLs = "photo_urls"
        case retweetsCount = "retweets_count"
        case hasRetweeted = "has_retweeted"
        case retweetOf = "retweet_of"
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(id, forKey: .id)
        try container.encode(user, forKey: .user)
        try container.encode(Timestamp.format(createdAt), forKey: .createdAt)
        try container.encode(content, forKey: .content)
        try container.encode(commentsCount, forKey: .commentsCount)
        try container.encode(likesCount, forKey: .likesCount)
        try container.encode(hasLiked, forKey: .hasLiked)
        try container.encode(photoURLs, forKey: .photoURLs)
        try container.encode(retweetsCount, forKey: .retweetsCount)
        try container.encode(hasRetweeted, forKey: .hasRetweeted)
        try container.encode(retweetOf, forKey: .retweetOf)  // null for a tweet
    }

    private final class Original: Sendable, Equatable {
        let json: TweetJSON

        init(_ json: TweetJSON) {
            self.json = json
        }

        static func == (lhs: Original, rhs: Original) -> Bool { lhs.json == rhs.json }
    }
}

extension TweetJSON: JSONWritable {
    public func writeJSON(to writer: inout JSONWriter) {
        writer.beginObject()
        writeFields(to: &writer)
        writer.endObject()
    }

    /// The tweet's members, for objects that extend a tweet (the detail answer).
    public func writeFields(to writer: inout JSONWriter) {
        writer.key("id")
        writer.int(id)
        writer.key("user")
        writer.value(user)
        writer.key("created_at")
        writer.string(Timestamp.format(createdAt))
        writer.key("content")
        writer.string(content)
        writer.key("comments_count")
        writer.int(commentsCount)
        writer.key("likes_count")
        writer.int(likesCount)
        writer.key("has_liked")
        writer.bool(hasLiked)
        writer.key("photo_urls")
        writer.array(photoURLs)
        writer.key("retweets_count")
        writer.int(retweetsCount)
        writer.key("has_retweeted")
        writer.bool(hasRetweeted)
        writer.key("retweet_of")
        if let retweetOf { writer.value(retweetOf) } else { writer.null() }
    }
}
