import Accounts
import Comments
import StarlingCore

/// A comment as the API shows it: `{"id", "tweet_id", "user", "content", "created_at",
/// "likes_count", "has_liked"}`.
public struct CommentJSON: Encodable, Sendable {
    public var id: Int64
    public var tweetID: Int64
    public var user: UserJSON
    public var content: String
    public var createdAt: Int64
    public var likesCount: Int
    public var hasLiked: Bool

    public init(_ view: CommentView) {
        self.init(view.comment, author: view.author, hasLiked: view.hasLiked)
    }

    public init(_ comment: Comment, author: User, hasLiked: Bool) {
        id = comment.id
        tweetID = comment.tweetID
        user = UserJSON(author)
        content = comment.content
        createdAt = comment.createdAt
        likesCount = comment.likesCount
        self.hasLiked = hasLiked
    }

    enum CodingKeys: String, CodingKey {
        case id, user, content
        case tweetID = "tweet_id"
        case createdAt = "created_at"
        case likesCount = "likes_count"
        case hasLiked = "has_liked"
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(id, forKey: .id)
        try container.encode(tweetID, forKey: .tweetID)
        try container.encode(user, forKey: .user)
        try container.encode(content, forKey: .content)
        try container.encode(Timestamp.format(createdAt), forKey: .createdAt)
        try container.encode(likesCount, forKey: .likesCount)
        try container.encode(hasLiked, forKey: .hasLiked)
    }
}
