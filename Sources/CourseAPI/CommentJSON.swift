import Accounts
import Comments
import StarlingCore
import StarlingHTTP

/// A comment as the API shows it: `{"id", "tweet_id", "user", "content", "created_at",
/// "likes_count", "has_liked"}`.
public struct CommentJSON: Sendable {
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

}

extension CommentJSON: JSONWritable {
    public func writeJSON(to writer: inout JSONWriter) {
        writer.beginObject()
        writer.key("id")
        writer.int(id)
        writer.key("tweet_id")
        writer.int(tweetID)
        writer.key("user")
        writer.value(user)
        writer.key("content")
        writer.string(content)
        writer.key("created_at")
        writer.string(Timestamp.format(createdAt))
        writer.key("likes_count")
        writer.int(likesCount)
        writer.key("has_liked")
        writer.bool(hasLiked)
        writer.endObject()
    }
}
